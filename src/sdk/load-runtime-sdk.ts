import { CrkitError } from '../errors.js';

/**
 * Loads an AWS SDK v3 client package at run time, by a specifier bundlers cannot see: a provider's bundle then never
 * needs the package installed (esbuild would otherwise fail with `Could not resolve`), and TypeScript does not need
 * its types. The Lambda Node.js runtimes (18 and later) ship AWS SDK v3, so the import succeeds there unbundled.
 * A failure names the package and what to do, instead of Node's bare `ERR_MODULE_NOT_FOUND`.
 */
export async function loadRuntimeSdk<Module>(specifier: string, purpose: string): Promise<Module> {
  try {
    // A variable, not a literal, on purpose: see above.
    const name: string = specifier;
    return (await import(name)) as Module;
  } catch (cause) {
    throw new CrkitError(
      `${specifier} could not be loaded ${purpose}: run \`npm install ${specifier}\` (the Lambda Node.js runtime ` +
        'ships it, so a bundle may leave it out)',
      { cause },
    );
  }
}
