import { readFileSync } from 'node:fs';

/**
 * crkit's version, from its package.json: two directories up both from the sources (src/cli) and from the built
 * package (dist/src/cli, with package.json at the package root three up).
 */
export function crkitVersion(): string {
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'crkit' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // Not this one: try the next.
    }
  }
  return 'unknown';
}
