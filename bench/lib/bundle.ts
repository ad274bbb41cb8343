import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

/** How a bundle is built; everything else follows CDK's `NodejsFunction` defaults. */
export interface BundleOptions {
  /** The entry file (TypeScript or JavaScript). */
  readonly entry: string;
  /** Where the bundle is written; the file is named `index.js` (CJS) or `index.mjs` (ESM), as CDK names it. */
  readonly outdir: string;
  /** CDK's `bundling.format`. @default 'cjs' (what esbuild emits when CDK passes no format) */
  readonly format?: 'cjs' | 'esm';
  /** CDK derives it from the runtime (`nodejs22.x` gives `node22`). @default 'node22' */
  readonly target?: string;
  /** CDK's `bundling.minify`. @default true */
  readonly minify?: boolean;
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

/** A bundle on disk and what it weighs. */
export interface BundleInfo {
  readonly file: string;
  readonly format: 'cjs' | 'esm';
  readonly bytes: number;
  /** Gzip level 9: close to what the deployment zip stores. */
  readonly gzipBytes: number;
  /** First 12 hex digits of the SHA-256: tells whether two builds are the same bytes. */
  readonly sha256: string;
  /** Bytes in the output per package (`zod`, `undici`, ...) or per source folder. */
  readonly composition: Readonly<Record<string, number>>;
}

/**
 * CDK's ESM recipe: bundled CommonJS dependencies (undici) call `require` for Node built-ins, which an ES module
 * lacks; the `NodejsFunction` documentation suggests this banner.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

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

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1] ?? dirname(input);
}

/**
 * Bundles `entry` as CDK's `NodejsFunction` does (esbuild, platform node, `@aws-sdk/*` external as for Node >= 18
 * runtimes), minified, and measures it.
 *
 * @example
 * ```ts
 * const info = await buildBundle({ entry: 'bench/cold-start/handlers/floor.ts', outdir: '/tmp/floor' });
 * console.log(info.bytes, info.gzipBytes);
 * ```
 */
export async function buildBundle(options: BundleOptions): Promise<BundleInfo> {
  const format = options.format ?? 'cjs';
  const outfile = join(options.outdir, format === 'esm' ? 'index.mjs' : 'index.js');
  const result = await esbuild.build({
    entryPoints: [options.entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: options.target ?? 'node22',
    format,
    minify: options.minify ?? true,
    external: ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'silent',
    ...(format === 'esm' ? { banner: { js: ESM_REQUIRE_BANNER }, mainFields: ['module', 'main'] } : {}),
    plugins: options.substitutions ? [substitute(options.substitutions)] : [],
  });
  const output = Object.entries(result.metafile.outputs).find(
    ([path]) => basename(path) === basename(outfile),
  );
  const composition: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output?.[1].inputs ?? {})) {
    const key = packageOf(input);
    composition[key] = (composition[key] ?? 0) + bytesInOutput;
  }
  return measureFile(outfile, format, composition);
}

/**
 * Measures a file that is deployed as it is (CDK's prebuilt handlers), or that {@link buildBundle} wrote.
 *
 * @example
 * ```ts
 * const info = await measureFile('node_modules/cfn-response/index.js', 'cjs');
 * ```
 */
export async function measureFile(
  file: string,
  format: 'cjs' | 'esm',
  composition: Readonly<Record<string, number>> = {},
): Promise<BundleInfo> {
  const bytes = await readFile(file);
  return {
    file,
    format,
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
    sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 12),
    composition: Object.keys(composition).length > 0 ? composition : { [basename(file)]: bytes.length },
  };
}
