import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
};
// A ready-made provider is a folder with a main entry (providers/cdk holds what their constructs share).
const providers = readdirSync(`${root}providers`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${root}providers/${entry.name}/index.ts`))
  .map((entry) => entry.name);

/** The npm packages a bundle of `entry` reads, AWS SDK clients left external as the Lambda runtime provides them. */
async function packagesOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['@aws-sdk/*'],
  });
  const names = Object.keys(result.metafile.inputs).map(
    (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1],
  );
  return [...new Set(names.filter((name): name is string => name !== undefined))].sort();
}

describe("the ready-made providers' main entries", () => {
  it.each(providers)(
    'crkit/providers/%s bundles with crkit dependencies only, no optional peer',
    async (name) => {
      const outside = (await packagesOf(`${root}providers/${name}/index.ts`)).filter(
        (name) =>
          !(name in dependencies) &&
          !Object.keys(dependencies).some((dependency) => name.startsWith(`${dependency}/`)),
      );
      // zod, undici and Powertools' parser (with what they depend on) are crkit's own dependencies.
      expect(outside).toEqual([]);
    },
  );
});
