import { createRequire } from 'node:module';
import { EnvironmentError } from '../errors.js';

/** esbuild's JS API as Node resolves it from `from` (a file), or undefined. */
function resolveFrom(from: string): string | undefined {
  try {
    return createRequire(from).resolve('esbuild');
  } catch {
    return undefined;
  }
}

/** esbuild next to crkit: the peer dependency `npm install --save-dev esbuild` installs. */
const besideCrkit = (): string | undefined => resolveFrom(import.meta.url);

/** esbuild next to `aws-cdk-lib`, where `NodejsFunction` looks for it. */
function besideCdk(): string | undefined {
  try {
    return resolveFrom(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json'));
  } catch {
    return undefined;
  }
}

/** Where crkit looks for esbuild, in its order. */
interface EsbuildProbes {
  readonly besideCrkit: () => string | undefined;
  readonly besideCdk: () => string | undefined;
}

const DEFAULT_PROBES: EsbuildProbes = { besideCrkit, besideCdk };
let found: string | undefined;

/**
 * The path of the local esbuild's JS API, which crkit's constructs bundle providers with (its plugins need the JS
 * API, not only the `esbuild` executable). Without one, crkit refuses: it never bundles with Docker, because synth
 * must work offline on any machine. The probes are injectable for tests; the real answer is cached.
 */
export function requireLocalEsbuild(probes: EsbuildProbes = DEFAULT_PROBES): string {
  let path: string | undefined;
  if (probes === DEFAULT_PROBES) {
    found ??= besideCrkit() ?? besideCdk();
    path = found;
  } else {
    path = probes.besideCrkit() ?? probes.besideCdk();
  }
  if (path === undefined) {
    throw new EnvironmentError(
      'esbuild is not installed: run `npm install --save-dev esbuild`. crkit bundles providers with a local ' +
        'esbuild and never with Docker.',
    );
  }
  return path;
}
