import type { BuildOptions, Metafile } from 'esbuild';
import { zodNamespacePlugin } from './zod-namespace-plugin.js';

/** What to bundle, and how: what {@link bundleProvider} needs, plain data so that a child process can take it. */
export interface ProviderBuild {
  /** The provider's module (`.ts` or `.js`). */
  readonly entry: string;
  /** Where the files go: `index.mjs` and its chunks. */
  readonly outdir: string;
  /** esbuild's target, from the runtime (`nodejs22.x` gives `node22`). */
  readonly target: string;
  /** Whether a source map (`index.mjs.map`) is written. @default false */
  readonly sourceMap?: boolean;
  /** Modules left out of the bundle besides the AWS SDK v3. @default none */
  readonly externals?: readonly string[];
  /** Minify the output. @default true */
  readonly minify?: boolean;
}

/**
 * CommonJS dependencies bundled into ESM (undici) call `require` for Node built-ins; an ES module has none, so each
 * output file gets one (the banner `NodejsFunction`'s documentation gives for ESM output).
 */
const REQUIRE_BANNER =
  "import { createRequire as __crkitRequire } from 'node:module'; const require = __crkitRequire(import.meta.url);";

/**
 * The esbuild options of a provider's bundle, the same for crkit's constructs and `npm run bench`: ESM, minified,
 * the AWS SDK v3 left to the runtime, zod imported as a namespace everywhere ({@link zodNamespacePlugin}), and code
 * splitting, so that what a module loads with `import()` (undici, loaded after the first answer) is a chunk of its
 * own that Node reads only then.
 */
export function providerBuildOptions(build: ProviderBuild): BuildOptions & { metafile: true } {
  return {
    entryPoints: { index: build.entry },
    outdir: build.outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: build.target,
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_BANNER },
    minify: build.minify ?? true,
    // A source map is several times the bundle's size and unused unless Node is told to read it.
    sourcemap: build.sourceMap === true,
    // The AWS SDK v3 ships with the Lambda Node.js runtime (NodejsFunction's own default for Node 18 and later).
    external: ['@aws-sdk/*', ...(build.externals ?? [])],
    metafile: true,
    logLevel: 'silent',
    plugins: [zodNamespacePlugin()],
  };
}

/** esbuild's `build`, as much of it as crkit calls. */
export type EsbuildBuild = (options: BuildOptions & { metafile: true }) => Promise<{ metafile: Metafile }>;

/**
 * Bundles a provider with {@link providerBuildOptions} and gives esbuild's metafile.
 */
export async function bundleProvider(build: EsbuildBuild, request: ProviderBuild): Promise<Metafile> {
  return (await build(providerBuildOptions(request))).metafile;
}
