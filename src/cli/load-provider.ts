import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HANDLER_EXPORTS } from '../constants.js';
import { CrkitError, EnvironmentError } from '../errors.js';
import type { ProviderTarget } from '../testing/provider-target.js';
import { UsageError } from './usage-error.js';

/** The export of a provider module the CLI drives. */
export interface LoadedProvider {
  readonly target: ProviderTarget;
  /** The export's name, e.g. `handler` or `Widget`. */
  readonly exportName: string;
  /** What the export is: crkit wraps a definition or router itself; a handler function is called as Lambda would. */
  readonly kind: 'definition' | 'router' | 'handler';
  /** The resource type a definition serves (the first of a router). */
  readonly resourceType: string | undefined;
}

const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;
type Kind = LoadedProvider['kind'];

interface PickOptions {
  readonly exportName?: string | undefined;
  readonly resourceType?: string | undefined;
  readonly via?: string | undefined;
}

function kindOf(value: unknown): Kind | undefined {
  if (typeof value === 'function') return 'handler';
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return kind === 'crkit.resource' ? 'definition' : kind === 'crkit.router' ? 'router' : undefined;
}

/** The file a module path names (a directory gives its index), or a usage error. */
export async function locate(path: string, cwd: string): Promise<string> {
  const absolute = resolve(cwd, path);
  const info = await stat(absolute).catch(() => undefined);
  if (info?.isFile()) return absolute;
  if (info?.isDirectory()) {
    for (const index of ['index.ts', 'index.js', 'index.mjs']) {
      if ((await stat(join(absolute, index)).catch(() => undefined))?.isFile()) return join(absolute, index);
    }
  }
  throw new UsageError(
    `module ${path} not found (looked for ${absolute}${info?.isDirectory() ? '/index.{ts,js,mjs}' : ''}): ` +
      'pass the path of a .ts or .js file that exports a handler or a resource definition',
  );
}

/** Imports a module file: a .js directly, a .ts through tsx when not already running under it. */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!(TYPESCRIPT.test(file) && code === 'ERR_UNKNOWN_FILE_EXTENSION')) throw loadFailed(file, error);
  }
  // Not running under tsx: load the TypeScript module through tsx's API, a dev dependency of most TS projects.
  let tsx: { tsImport: (specifier: string, parent: string) => Promise<unknown> };
  try {
    tsx = (await import('tsx/esm/api')) as typeof tsx;
  } catch (cause) {
    throw new EnvironmentError(
      `loading the TypeScript module ${file} needs tsx: npm install --save-dev tsx, or compile the module to .js`,
      { cause },
    );
  }
  try {
    return (await tsx.tsImport(url, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw loadFailed(file, error);
  }
}

function loadFailed(file: string, error: unknown): CrkitError {
  const message = error instanceof Error ? error.message : String(error);
  // A ready-made provider's AWS SDK client, or any package the module imports, that nobody installed.
  const missing = /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/'.][^/']*)/.exec(message)?.[1];
  if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && missing !== undefined) {
    return new EnvironmentError(
      `loading ${file} failed: it imports ${missing}, which is not installed: run \`npm install ${missing}\``,
      { cause: error },
    );
  }
  return new CrkitError(`loading ${file} failed: ${message}`, { cause: error });
}

function pick(module: Record<string, unknown>, file: string, options: PickOptions) {
  const { exportName, resourceType } = options;
  const exports = Object.entries(module).flatMap(([name, value]) => {
    const kind = kindOf(value);
    return kind ? [{ name, value, kind }] : [];
  });
  const all = Object.keys(module).join(', ') || 'nothing';
  if (exportName !== undefined) {
    const chosen = exports.find((candidate) => candidate.name === exportName);
    if (chosen) return chosen;
    throw new UsageError(
      `--export ${exportName}: ${file} has no such handler or definition export; it exports ${all}`,
    );
  }
  const resources = exports.filter((candidate) => candidate.kind !== 'handler');
  const serving = resources.filter((candidate) => {
    const value = candidate.value as { resourceType?: string; resourceTypes?: readonly string[] };
    return (
      resourceType === undefined ||
      value.resourceType === resourceType ||
      value.resourceTypes?.includes(resourceType)
    );
  });
  const routers = serving.filter((candidate) => candidate.kind === 'router');
  if (serving.length === 1 || routers.length === 1)
    return (routers[0] ?? serving[0]) as (typeof exports)[number];
  if (serving.length > 1) {
    const listed = serving.map((candidate) => candidate.name).join(', ');
    throw new UsageError(`${file} exports several definitions (${listed}): choose one with --export NAME`);
  }
  // The export names crkit's constructs point Lambda at: `queueHandler` behind a queue, `handler` otherwise.
  const names =
    options.via === 'sqs' ? [HANDLER_EXPORTS.sqs, 'default'] : [HANDLER_EXPORTS.lambda, 'default'];
  const handler = names
    .map((name) => exports.find((candidate) => candidate.name === name && candidate.kind === 'handler'))
    .find(Boolean);
  if (handler) return handler;
  throw new UsageError(
    `${file} exports no handler: export \`${names[0]}\` (e.g. lambdaHandler(MyResource)) or a definition made by ` +
      `defineResource(); it exports ${all}`,
  );
}

/**
 * Loads a provider module (a .ts file through tsx, or a .js file) and picks what to drive: the `--export` named, else
 * its one definition or router (the one serving `resourceType`; a router before definitions), else its `handler`
 * export (`queueHandler` with `via: 'sqs'`).
 *
 * @throws {UsageError} when the module is missing or exports nothing usable.
 * @throws {EnvironmentError} when a .ts module needs tsx and tsx is not installed.
 */
export async function loadProvider(
  path: string,
  options: PickOptions & { readonly cwd: string },
): Promise<LoadedProvider> {
  const file = await locate(path, options.cwd);
  const module = await importModule(file);
  const shown = relative(options.cwd, file) || file;
  const chosen = pick(module, shown, options);
  const value = chosen.value as { resourceType?: string; resourceTypes?: readonly string[] };
  return {
    target: chosen.value as ProviderTarget,
    exportName: chosen.name,
    kind: chosen.kind,
    resourceType: value.resourceType ?? value.resourceTypes?.[0],
  };
}
