import type { Pool } from 'undici';
import { nodeHttpsTransport } from './https-transport.js';

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

interface Undici {
  readonly Pool: typeof Pool;
  readonly request: typeof import('undici/lib/api/api-request.js')['default'];
}

let loading: Promise<Undici> | undefined;
/** undici, once it has loaded: until then (or if it cannot load) a PUT goes through `node:https`. */
let loaded: Undici | undefined;

/**
 * Loads undici's connection pool and its request API: all crkit needs, at a fraction of the cost of undici's index
 * (which also loads fetch, WebSocket and the cache; see `npm run bench`).
 */
function loadUndici(): Promise<Undici> {
  loading ??= Promise.all([
    import('undici/lib/dispatcher/pool.js'),
    import('undici/lib/api/api-request.js'),
  ]).then(([pool, api]) => {
    loaded = { Pool: pool.default, request: api.default };
    return loaded;
  });
  return loading;
}

/**
 * Starts loading the transport in the next turn of the event loop, not now: the handler starts first, and the
 * module loads while the handler awaits its own I/O instead of before it.
 */
export function preloadTransport(): void {
  setImmediate(() => void loadUndici().catch(() => undefined));
}

/**
 * One keep-alive pool per response origin, reused by later invocations of a warm Lambda. A pool rather than a single
 * connection: the records of an SQS batch answer concurrently, and on one connection their PUTs would queue.
 */
const pools = new Map<string, Pool>();

/** undici's `request` on a pool kept per origin; the body is read to the end. */
export const undiciTransport: ResponseTransport = async ({ url, headers, body, signal }) => {
  const { Pool, request } = await loadUndici();
  const { origin, pathname, search } = new URL(url);
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 16 });
    pools.set(origin, pool);
  }
  const response = await request.call(pool, {
    path: `${pathname}${search}`,
    method: 'PUT',
    headers,
    body,
    signal,
  });
  await response.body.dump();
  return { statusCode: response.statusCode };
};

/**
 * The default transport. A PUT never waits for a module to load: until undici has loaded (it starts loading when a
 * request arrives, see `preloadTransport`) or when it cannot load (an ESM bundle where its CommonJS `require` of a
 * Node built-in fails), the PUT goes through `node:https`; once loaded, through undici's pool. When undici throws
 * (it cannot connect), the same PUT goes again through `node:https`, which cannot fail the same way. An HTTP status
 * is an answer, not a failure: it is never retried here (`sendResponse` decides).
 */
export const defaultTransport: ResponseTransport = async (put) => {
  if (!loaded) {
    void loadUndici().catch(() => undefined);
    return nodeHttpsTransport(put);
  }
  try {
    return await undiciTransport(put);
  } catch (error) {
    if (put.signal.aborted) throw error;
    return nodeHttpsTransport(put);
  }
};
