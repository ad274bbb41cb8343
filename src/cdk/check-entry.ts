import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '../errors.js';
import { didYouMean } from '../validation/did-you-mean.js';
import { requireLocalEsbuild } from './local-esbuild.js';

interface MetafileInput {
  readonly format?: string;
  readonly imports: readonly { readonly path: string; readonly external?: boolean }[];
}
interface Metafile {
  readonly inputs: Record<string, MetafileInput>;
  readonly outputs: Record<string, { readonly exports: readonly string[]; readonly entryPoint?: string }>;
}
interface Esbuild {
  buildSync(options: object): { readonly metafile?: Metafile };
}

/** What synth can know about an entry module without bundling its packages. */
export interface EntryFacts {
  /** The names it exports, or undefined when they cannot be known for sure (CommonJS, `export * from`). */
  readonly exports: readonly string[] | undefined;
  /** Packages its own modules import that are not installed where they are imported from. */
  readonly missing: readonly string[];
}

/** esbuild where crkit's constructs find it (see local-esbuild.ts), or undefined. */
function loadEsbuild(): Esbuild | undefined {
  try {
    return createRequire(import.meta.url)(requireLocalEsbuild()) as Esbuild;
  } catch {
    return undefined;
  }
}

const readSource = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** `@scope/name` or `name` of a bare specifier such as `@scope/name/sub`. */
const packageOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Whether `specifier` is a package that cannot be found from `importer` (a package that hides its files is found). */
function isMissing(specifier: string, importer: string): boolean {
  try {
    createRequire(importer).resolve(specifier);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'MODULE_NOT_FOUND';
  }
}

/**
 * Reads `entry` with esbuild, its packages left unbundled (a few milliseconds), or undefined when esbuild is not
 * importable or the entry does not build (bundling then says why).
 */
export function inspectEntry(
  entry: string,
  externals: readonly string[],
  esbuild = loadEsbuild(),
): EntryFacts | undefined {
  let metafile: Metafile | undefined;
  try {
    ({ metafile } =
      esbuild?.buildSync({
        entryPoints: [entry],
        bundle: true,
        packages: 'external',
        platform: 'node',
        format: 'esm',
        write: false,
        metafile: true,
        logLevel: 'silent',
        outdir: 'out',
      }) ?? {});
  } catch {
    return undefined;
  }
  if (metafile === undefined) return undefined;
  let exportsKnown = true;
  const missing = new Set<string>();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    const file = isAbsolute(path) ? path : resolve(path);
    if (input.format === 'cjs' || /export\s*\*\s*from/.test(readSource(file))) exportsKnown = false;
    for (const { path: specifier, external } of input.imports) {
      if (!external || specifier.startsWith('node:') || specifier.startsWith('.')) continue;
      const name = packageOf(specifier);
      // The AWS SDK v3 ships with the Lambda runtime and is never bundled (see provider-function.ts).
      if (name.startsWith('@aws-sdk/') || externals.includes(name) || externals.includes(specifier)) continue;
      if (isMissing(specifier, file)) missing.add(name);
    }
  }
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
  return { exports: exportsKnown ? output?.exports : undefined, missing: [...missing] };
}

/**
 * Fails synth, with what to do, when `entry` certainly does not export `handler` (the function would deploy and
 * every request fail with `Runtime.HandlerNotFound` until CloudFormation gives up, an hour later by default) or
 * imports a package that is not installed (esbuild would fail with a bare `Could not resolve`).
 */
export function checkEntry(
  entry: string,
  handler: string,
  externals: readonly string[] = [],
  facts = inspectEntry(entry, externals),
): void {
  if (facts === undefined) return;
  if (facts.missing.length > 0) {
    const names = facts.missing.join(' ');
    throw new ConfigurationError(
      'entry',
      `${entry} imports ${facts.missing.map((name) => JSON.stringify(name)).join(', ')}, not installed: ` +
        `run \`npm install ${names}\`, or list ${facts.missing.length === 1 ? 'it' : 'them'} in \`externals\` if the Lambda gets ${facts.missing.length === 1 ? 'it' : 'them'} otherwise (a layer)`,
    );
  }
  const { exports } = facts;
  if (exports === undefined || exports.includes(handler)) return;
  const listed = exports.length === 0 ? 'nothing' : exports.map((name) => JSON.stringify(name)).join(', ');
  throw new ConfigurationError(
    'handler',
    `${entry} does not export ${JSON.stringify(handler)}${didYouMean(handler, exports)}; it exports ${listed}. ` +
      `Export the provider's handler as ${JSON.stringify(handler)} (e.g. \`export const ${handler} = lambdaHandler(...)\`) or set \`handler\` to the export's name`,
  );
}
