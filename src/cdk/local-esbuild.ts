import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { EnvironmentError } from '../errors.js';

let found: boolean | undefined;

/** Whether `esbuild` resolves from `aws-cdk-lib`'s own location, which is where NodejsFunction looks first. */
function resolvesFromCdk(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const cdk = require.resolve('aws-cdk-lib/package.json');
    createRequire(cdk).resolve('esbuild/package.json');
    return true;
  } catch {
    return false;
  }
}

/** Whether an `esbuild` executable is on PATH, NodejsFunction's second choice. */
function onPath(): boolean {
  const result = spawnSync('esbuild', ['--version'], { stdio: 'ignore' });
  return result.status === 0 && result.error === undefined;
}

/** Where NodejsFunction finds esbuild, in its order. */
interface EsbuildProbes {
  readonly resolvesFromCdk: () => boolean;
  readonly onPath: () => boolean;
}

const DEFAULT_PROBES: EsbuildProbes = { resolvesFromCdk, onPath };

/**
 * Makes sure NodejsFunction will bundle with a local esbuild. Without one it silently falls back to building a
 * Docker image; crkit refuses instead, because synth must work offline on any machine. The probes are injectable
 * for tests; the real answer is cached.
 */
export function requireLocalEsbuild(probes: EsbuildProbes = DEFAULT_PROBES): void {
  let available: boolean;
  if (probes === DEFAULT_PROBES) {
    found ??= resolvesFromCdk() || onPath();
    available = found;
  } else {
    available = probes.resolvesFromCdk() || probes.onPath();
  }
  if (!available) {
    throw new EnvironmentError(
      'esbuild is not installed: run `npm install --save-dev esbuild`. crkit bundles providers with a local ' +
        'esbuild and never with Docker.',
    );
  }
}
