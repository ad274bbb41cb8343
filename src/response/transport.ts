import type { Pool } from 'undici';
import { errorText } from '../error-text.js';
import { EnvironmentError } from '../errors.js';
import type { Logger } from '../logger.js';
import { loadNodeClient, nodeHttpsTransport } from './https-transport.js';

/** One HTTP PUT of a response body. */
export interface PutRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
}

/**
 * How crkit sends the response PUT: the I/O seam. The default uses `undici`; tests may pass their own or point the
 * default at a loopback server.
 */
export type ResponseTransport = (request: PutRequest) => Promise<{ readonly statusCode: number }>;

/** What crkit uses of undici's public API: its connection pool (a Dispatcher, so it has `request`). */
export interface Undici {
  readonly Pool: typeof Pool;
}

/**
 * undici's public entry as `import()` gives it: its index is CommonJS, so the names are on the namespace and, in a
 * bundle, on `default`.
 */
type UndiciModule = Partial<Undici> & { readonly default?: Partial<Undici> };

/** The part of undici crkit uses, or an error naming what is missing (an undici without its public `Pool`). */
export function undiciFrom(module: UndiciModule): Undici {
  const Pool = module.Pool ?? module.default?.Pool;
  if (typeof Pool !== 'function' || typeof Pool.prototype.request !== 'function') {
    throw new EnvironmentError(
      "undici loaded without Pool or Pool.prototype.request: crkit needs undici 7's public API (npm ls undici)",
    );
  }
  return { Pool };
}

let loading: Promise<Undici> | undefined;
/** undici, once it has loaded: until then (or if it cannot load) a PUT goes through `node:https`. */
let loaded: Undici | undefined;

/**
 * Loads undici through its public entry, once. A dynamic import: bundled as ESM with splitting (as crkit's
 * constructs bundle) undici is a chunk of its own, read only now; bundled otherwise it is at least evaluated only
 * now. Rejects when undici cannot load (e.g. an ESM bundle without a `require`) or lacks its public API.
 */
export function loadUndici(): Promise<Undici> {
  loading ??= import('undici').then((module) => {
    loaded = undiciFrom(module as UndiciModule);
    return loaded;
  });
  return loading;
}

/** Whether this process has answered a request: until then it has not needed undici. */
let answered = false;

/** The line a provider logs when undici cannot load: its answers still go out, through `node:https`. */
export const UNDICI_FALLBACK_WARNING =
  'crkit: undici could not load, so responses are sent through node:https (one connection each, no keep-alive pool)';

/** Logs {@link UNDICI_FALLBACK_WARNING} through `logger` if `loading` (undici's import) fails; never rejects. */
export async function warnIfUndiciFails(loading: Promise<unknown>, logger: Logger): Promise<void> {
  try {
    await loading;
  } catch (error) {
    logger.warn(UNDICI_FALLBACK_WARNING, { error: errorText(error) });
  }
}

/**
 * Called when a request arrives, with its ResponseURL's scheme and the configured logger: starts importing the Node
 * client of that scheme (`node:https` for S3; only that one, since `node:https` loads TLS that an `http:` answer
 * never needs), which the first PUT takes, so that it loads while the handler awaits its own I/O. undici starts
 * loading only when a request arrives after one was answered: the cold invocation never loads it (neither before its
 * answer nor in its tail, near its deadline), a warm one loads it while its handler runs
 * (`npm run bench -- --only=candidates`). If it cannot load, `logger` gets one warning (undici loads once per
 * process).
 */
export function preloadTransport(protocol: string, logger: Logger): void {
  void loadNodeClient(protocol).catch(() => undefined);
  if (answered && !loading) {
    setImmediate(() => {
      if (!loading) void warnIfUndiciFails(loadUndici(), logger);
    });
  }
}

/**
 * One keep-alive pool per response origin, reused by later invocations of a warm Lambda. A pool rather than a single
 * connection: the records of an SQS batch answer concurrently, and on one connection their PUTs would queue.
 */
const pools = new Map<string, Pool>();

/** A PUT on undici's pool kept per origin; the body is read to the end. */
export const undiciTransport: ResponseTransport = async ({ url, headers, body, signal }) => {
  const { Pool } = await loadUndici();
  const { origin, pathname, search } = new URL(url);
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 16 });
    pools.set(origin, pool);
  }
  const response = await pool.request({ path: `${pathname}${search}`, method: 'PUT', headers, body, signal });
  await response.body.dump();
  return { statusCode: response.statusCode };
};

/**
 * The default transport. A PUT never waits for a module to load: until undici has loaded, or when it cannot load
 * (an ESM bundle where its CommonJS `require` of a Node built-in fails), the PUT goes through `node:https`; undici
 * loads when the next request arrives (see {@link preloadTransport}). When undici throws (it cannot
 * connect), the same PUT goes again through `node:https`, which cannot fail the same way. An HTTP status is an
 * answer, not a failure: it is never retried here (`sendResponse` decides).
 */
export const defaultTransport: ResponseTransport = async (put) => {
  if (!loaded) {
    try {
      return await nodeHttpsTransport(put);
    } finally {
      answered = true;
    }
  }
  try {
    return await undiciTransport(put);
  } catch (error) {
    if (put.signal.aborted) throw error;
    return nodeHttpsTransport(put);
  }
};
