import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One response PUT as it reached the server. */
export interface ArrivedPut {
  /** `process.hrtime.bigint()` when the body was fully received: CLOCK_MONOTONIC, comparable across processes. */
  readonly receivedNs: bigint;
  readonly body: string;
}

/** Options of {@link startLoopbackServer}. */
export interface LoopbackServerOptions {
  /** Serve https with this key and certificate. @default plain http */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** The port; 443 lets clients that ignore the URL's port (cfn-response, CDK's handlers) reach it. @default 0 */
  readonly port?: number;
  /**
   * Answers every request that is not a PUT (e.g. a fake Lambda Invoke API for CDK's provider framework).
   * @default 404
   */
  readonly otherRequest?: (request: IncomingMessage, body: string, response: ServerResponse) => void;
}

/** A stand-in for CloudFormation's response bucket that timestamps each PUT. */
export interface LoopbackServer {
  /** e.g. `http://127.0.0.1:40123`, or `https://127.0.0.1` on port 443. */
  readonly origin: string;
  /** A pre-signed-looking ResponseURL whose path is `key`. */
  responseUrl(key: string): string;
  /** The PUT to `key`, once it has arrived; rejects after `timeoutMs`. */
  arrival(key: string, timeoutMs: number): Promise<ArrivedPut>;
  /** Forgets a key's arrival, so that a long run does not hold every body. */
  forget(key: string): void;
  /** TCP connections accepted so far: tells whether clients reuse keep-alive connections. */
  connectionCount(): number;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Starts an http or https server on 127.0.0.1 that records when each response PUT arrives, keyed by URL path.
 *
 * @example
 * ```ts
 * const server = await startLoopbackServer();
 * const url = server.responseUrl('run-1');
 * // ...a child process PUTs to url...
 * const { receivedNs } = await server.arrival('run-1', 10_000);
 * await server.close();
 * ```
 */
export async function startLoopbackServer(options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
  const arrived = new Map<string, ArrivedPut>();
  const waiting = new Map<string, (put: ArrivedPut) => void>();
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    readBody(request).then(
      (body) => {
        if (request.method !== 'PUT') {
          if (options.otherRequest) options.otherRequest(request, body, response);
          else response.writeHead(404).end();
          return;
        }
        const put = { receivedNs: process.hrtime.bigint(), body };
        const key = new URL(request.url ?? '/', 'http://x').pathname.slice(1);
        response.writeHead(200, { 'content-length': '0' }).end();
        arrived.set(key, put);
        waiting.get(key)?.(put);
      },
      () => response.destroy(),
    );
  };
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  const defaultPort = options.tls ? 443 : 80;
  const origin = `${scheme}://127.0.0.1${port === defaultPort ? '' : `:${port}`}`;
  return {
    origin,
    responseUrl: (key) => `${origin}/${key}?X-Amz-Signature=bench`,
    arrival(key, timeoutMs) {
      const done = arrived.get(key);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(key);
          reject(new Error(`no PUT to /${key} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(key, (put) => {
          clearTimeout(timer);
          waiting.delete(key);
          resolve(put);
        });
      });
    },
    forget: (key) => void arrived.delete(key),
    connectionCount: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
