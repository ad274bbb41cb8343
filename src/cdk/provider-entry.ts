import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../errors.js';

/**
 * The entry module of one of crkit's ready-made providers: `providers/<name>/<module>.js` of the installed package,
 * or `.ts` when crkit runs from its sources (`lambda` where the Lambda entries live on a subpath of their own). `src/cdk` and `providers` keep the same relative place in both.
 */
export function providerEntry(name: string, module: 'index' | 'lambda' = 'index'): string {
  for (const extension of ['js', 'ts']) {
    const path = fileURLToPath(new URL(`../../providers/${name}/${module}.${extension}`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new EnvironmentError(
    `the entry of crkit's ${name} provider is missing next to crkit/cdk: reinstall crkit (its providers/ folder is part of the package)`,
  );
}
