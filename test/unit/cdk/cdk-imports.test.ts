import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Module specifiers of static imports and re-exports, type-only ones included (they stay in the .d.ts). */
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g;

/** Every package `entry` reaches through relative imports, with the file that imports it. */
function packagesReachedFrom(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const [, specifier = ''] of readFileSync(path, 'utf8').matchAll(SPECIFIER)) {
      if (!specifier.startsWith('.')) {
        if (!packages.has(specifier)) packages.set(specifier, relative(root, path));
        continue;
      }
      const target = resolve(dirname(path), specifier.replace(/\.js$/, '.ts'));
      if (existsSync(target)) visit(target);
    }
  };
  visit(entry);
  return packages;
}

describe('crkit/cdk', () => {
  it('reaches no AWS SDK client, so a project compiled with skipLibCheck: false needs none it does not use', () => {
    const packages = packagesReachedFrom(fileURLToPath(new URL('cdk/index.ts', `file://${root}`)));
    const sdk = [...packages].filter(([name]) => name.startsWith('@aws-sdk/') || name.startsWith('@smithy/'));

    expect(packages.has('aws-cdk-lib')).toBe(true);
    expect(sdk.map(([name, from]) => `${from}: ${name}`)).toEqual([]);
  });
});
