import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The entry module of one of crkit's ready-made providers: `providers/<name>/<module>.js` of the installed package,
 * or `.ts` when crkit runs from its sources (`lambda` where the Lambda entries live on a subpath of their own). It sits in `providers/` beside them, in the package and in the sources alike.
 */
export function providerEntry(name: string, module: 'index' | 'lambda' = 'index'): string {
  for (const extension of ['js', 'ts']) {
    const path = fileURLToPath(new URL(`./${name}/${module}.${extension}`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(
    `the entry of crkit's ${name} provider is missing next to crkit/cdk: reinstall crkit (its providers/ folder is part of the package)`,
  );
}
