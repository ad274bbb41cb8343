// Prototype stand-in for src/response/transport.ts: Node's http(s) client, plus a connection to the ResponseURL's
// host opened as the request arrives, so that TCP, TLS and Node's TLS set-up overlap the handler's own I/O.
import type { Duplex } from 'node:stream';

/** One HTTP PUT of a response body. */
export interface PutRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
}

/** How crkit sends the response PUT. */
export type ResponseTransport = (request: PutRequest) => Promise<{ readonly statusCode: number }>;

/** A connection opened early may have been closed by the server since (S3 drops idle ones); past this, open anew. */
const WARM_MAX_AGE_MS = 4000;

interface Warm {
  readonly origin: string;
  readonly openedAt: number;
  /** Set until the connection starts opening; clearing it cancels a connection nobody will wait for. */
  immediate: NodeJS.Immediate | undefined;
  socket: Promise<Duplex> | undefined;
}

let warm: Warm | undefined;

/** Nothing to preload: `node:http` and `node:https` are built in. */
export function preloadTransport(): Promise<void> {
  return Promise.resolve();
}

async function open(url: URL): Promise<Duplex> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname;
  const socket =
    url.protocol === 'https:'
      ? (await import('node:tls')).connect({
          host,
          port,
          ALPNProtocols: ['http/1.1'],
          ...((await import('node:net')).isIP(host) ? {} : { servername: host }),
        })
      : (await import('node:net')).connect({ host, port });
  // An early connection that fails is simply not used; the PUT then connects itself.
  socket.on('error', () => socket.destroy());
  return socket;
}

/**
 * Opens the connection the response will use, without waiting: from a setImmediate, so that the handler starts
 * first and the set-up (TCP, TLS, Node's TLS context) runs while the handler awaits its own I/O.
 */
export function preconnectResponse(url: URL): void {
  const entry: Warm = { origin: url.origin, openedAt: Date.now(), immediate: undefined, socket: undefined };
  entry.immediate = setImmediate(() => {
    entry.immediate = undefined;
    entry.socket = open(url);
    entry.socket.catch(() => undefined);
  });
  warm = entry;
}

/** The early connection if it is for `origin` and still usable; a handler that never awaited cancels it instead. */
async function takeWarm(origin: string): Promise<Duplex | undefined> {
  const taken = warm;
  warm = undefined;
  if (!taken) return undefined;
  if (taken.immediate) {
    clearImmediate(taken.immediate);
    return undefined;
  }
  const socket = await taken.socket?.catch(() => undefined);
  if (!socket) return undefined;
  if (taken.origin === origin && !socket.destroyed && Date.now() - taken.openedAt < WARM_MAX_AGE_MS)
    return socket;
  socket.destroy();
  return undefined;
}

/** The PUT with `node:https` (or `node:http`), over the early connection when it is still usable. */
export const undiciTransport: ResponseTransport = async ({ url, headers, body, signal }) => {
  const target = new URL(url);
  const { request } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const socket = await takeWarm(target.origin);
  return new Promise((resolve, reject) => {
    const options = { method: 'PUT', headers, signal, ...(socket ? { createConnection: () => socket } : {}) };
    const outgoing = request(target, options, (response) => {
      response.on('error', reject);
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
      response.resume();
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
};
