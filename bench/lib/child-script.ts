import * as esbuild from 'esbuild';

/**
 * Bundles a child-process script (TypeScript, Node built-ins and bench helpers only) to one ES module that plain
 * `node` runs, so that no child pays for a TypeScript loader.
 *
 * @example
 * ```ts
 * const script = await buildChildScript('bench/hang/hang-runner.ts', '/tmp/bench/hang-runner.mjs');
 * ```
 */
export async function buildChildScript(entry: string, outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'silent',
  });
  return outfile;
}
