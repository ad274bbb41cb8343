import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { providerBuildOptions } from '../../src/bundling/provider-build.js';

/** How a bundle is built; everything else follows CDK's `NodejsFunction` defaults or crkit's constructs. */
export interface BundleOptions {
  /** The entry file (TypeScript or JavaScript). */
  readonly entry: string;
  /** Where the bundle is written; the file is named `index.js` (CJS) or `index.mjs` (ESM), as CDK names it. */
  readonly outdir: string;
  /**
   * `nodejs-function`: as CDK's `NodejsFunction` bundles with its defaults (one file). `construct`: as crkit's
   * constructs bundle (`providerBuildOptions`: ESM, code splitting, the zod namespace plugin).
   * @default 'nodejs-function'
   */
  readonly bundler?: 'nodejs-function' | 'construct';
  /** CDK's `bundling.format` (`nodejs-function` only; the constructs bundle ESM). @default 'cjs' */
  readonly format?: 'cjs' | 'esm';
  /** CDK derives it from the runtime (`nodejs22.x` gives `node22`). @default 'node22' */
  readonly target?: string;
  /** Whether the construct's zod namespace plugin runs (`construct` only): off to measure what it saves. @default true */
  readonly zodPlugin?: boolean;
  /** Package names resolved to other files, e.g. `crkit` to its sources. @default none */
  readonly alias?: Readonly<Record<string, string>>;
  /**
   * Source files replaced or edited when bundling: how a proposed change to `src/` is measured without editing
   * `src/`. Every rule that matches a file applies, in order.
   * @default []
   */
  readonly substitutions?: readonly Substitution[];
}

/** A rule for the source files it matches: load another file instead, or edit the text (or both, in that order). */
export interface Substitution {
  /** An absolute path, or a pattern tested against absolute paths. */
  readonly path: string | RegExp;
  readonly file?: string;
  readonly edit?: (source: string) => string;
}

/** What a bundle is made of, in bytes of its output. */
export const PARTS = ['zod', 'undici', 'Powertools', 'crkit', 'other'] as const;
export type Part = (typeof PARTS)[number];

/** Bytes of each part in the files Node loads at init, and in the chunks it loads later with `import()`. */
export type Composition = Readonly<Record<Part, { readonly init: number; readonly lazy: number }>>;

/** A bundle on disk and what it weighs. */
export interface BundleInfo {
  /** The file the runtime loads (`index.js` or `index.mjs`). */
  readonly file: string;
  readonly format: 'cjs' | 'esm';
  /** Every output file: the entry, and the chunks of a split bundle. */
  readonly files: number;
  /** All output files together (minified). */
  readonly bytes: number;
  /** The entry and the chunks it imports statically: what Node reads and evaluates before the handler runs. */
  readonly initBytes: number;
  /** Gzip level 9 of all files: close to what the deployment zip stores. */
  readonly gzipBytes: number;
  /** First 12 hex digits of the SHA-256 of all files: tells whether two builds are the same bytes. */
  readonly sha256: string;
  readonly composition: Composition;
}

const PROJECT = join(dirname(new URL(import.meta.url).pathname), '..', '..');

function partOf(input: string): Part {
  const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
  if (name === 'zod' || name === 'undici') return name;
  if (name?.startsWith('@aws-lambda-powertools/')) return 'Powertools';
  if (name === 'crkit' || (name === undefined && /^(src|providers)\//.test(relative(PROJECT, input))))
    return 'crkit';
  return 'other';
}

function substitute(rules: readonly Substitution[]): esbuild.Plugin {
  const matches = (rule: Substitution, path: string) =>
    typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
  return {
    name: 'bench-substitute',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        const applying = rules.filter((rule) => matches(rule, args.path));
        if (applying.length === 0) return undefined;
        let file = args.path;
        let source = await readFile(file, 'utf8');
        for (const rule of applying) {
          if (rule.file) {
            file = rule.file;
            source = await readFile(file, 'utf8');
          }
          if (rule.edit) source = rule.edit(source);
        }
        return { contents: source, loader: 'ts', resolveDir: dirname(file) };
      });
    },
  };
}

/**
 * CDK's ESM recipe: bundled CommonJS dependencies (undici) call `require` for Node built-ins, which an ES module
 * lacks; the `NodejsFunction` documentation suggests this banner.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

function buildOptions(
  options: BundleOptions,
  format: 'cjs' | 'esm',
): esbuild.BuildOptions & { metafile: true } {
  const plugins = options.substitutions ? [substitute(options.substitutions)] : [];
  const target = options.target ?? 'node22';
  if (options.bundler === 'construct') {
    const construct = providerBuildOptions({ entry: options.entry, outdir: options.outdir, target });
    const own = (construct.plugins ?? []).filter(
      (plugin) => options.zodPlugin !== false || !/zod/.test(plugin.name),
    );
    return {
      ...construct,
      ...(options.alias ? { alias: options.alias } : {}),
      plugins: [...plugins, ...own],
    };
  }
  return {
    entryPoints: [options.entry],
    outfile: join(options.outdir, format === 'esm' ? 'index.mjs' : 'index.js'),
    bundle: true,
    platform: 'node',
    target,
    format,
    minify: true,
    external: ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'silent',
    ...(options.alias ? { alias: options.alias } : {}),
    ...(format === 'esm' ? { banner: { js: ESM_REQUIRE_BANNER }, mainFields: ['module', 'main'] } : {}),
    plugins,
  };
}

/** The output files Node loads at init: the entry and, transitively, the chunks it imports statically. */
function loadedAtInit(metafile: esbuild.Metafile, entry: string): Set<string> {
  const found = new Set<string>();
  const visit = (path: string) => {
    if (found.has(path) || !metafile.outputs[path]) return;
    found.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement') visit(imported.path);
    }
  };
  visit(entry);
  return found;
}

/**
 * Bundles `entry` as CDK's `NodejsFunction` does (esbuild, platform node, `@aws-sdk/*` external as for Node >= 18
 * runtimes) or as crkit's constructs do, minified, and measures it.
 *
 * @example
 * ```ts
 * const info = await buildBundle({ entry: 'bench/cold-start/handlers/floor.ts', outdir: '/tmp/floor' });
 * console.log(info.bytes, info.gzipBytes);
 * ```
 */
export async function buildBundle(options: BundleOptions): Promise<BundleInfo> {
  const format = options.bundler === 'construct' ? 'esm' : (options.format ?? 'cjs');
  const { metafile } = await esbuild.build(buildOptions(options, format));
  const outputs = Object.keys(metafile.outputs).filter((path) => !path.endsWith('.map'));
  const entry = outputs.find((path) => metafile.outputs[path]?.entryPoint !== undefined) ?? outputs[0] ?? '';
  const init = loadedAtInit(metafile, entry);
  const composition = Object.fromEntries(PARTS.map((part) => [part, { init: 0, lazy: 0 }])) as Record<
    Part,
    { init: number; lazy: number }
  >;
  const contents: Buffer[] = [];
  let initBytes = 0;
  for (const path of outputs.sort()) {
    const output = metafile.outputs[path];
    if (!output) continue;
    const when = init.has(path) ? 'init' : 'lazy';
    if (when === 'init') initBytes += output.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      composition[partOf(input)][when] += bytesInOutput;
    }
    contents.push(await readFile(path));
  }
  const all = Buffer.concat(contents);
  return {
    ...describe(all, format),
    file: join(options.outdir, basename(entry)),
    files: outputs.length,
    initBytes,
    composition,
  };
}

function describe(bytes: Buffer, format: 'cjs' | 'esm') {
  return {
    format,
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
    sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 12),
  };
}

/**
 * Measures a file that is deployed as it is (CDK's prebuilt handlers): one file, all of it "other".
 *
 * @example
 * ```ts
 * const info = await measureFile('node_modules/cfn-response/index.js', 'cjs');
 * ```
 */
export async function measureFile(file: string, format: 'cjs' | 'esm'): Promise<BundleInfo> {
  const bytes = await readFile(file);
  const composition = Object.fromEntries(
    PARTS.map((part) => [part, { init: part === 'other' ? bytes.length : 0, lazy: 0 }]),
  ) as Composition;
  return { ...describe(bytes, format), file, files: 1, initBytes: bytes.length, composition };
}
