import { createServer, type Socket } from 'node:net';

/** A loopback server that accepts connections and never answers: a service that went silent mid-call. */
export interface SilentServer {
  /** e.g. `http://127.0.0.1:40123` */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Starts a {@link SilentServer}; `close()` drops the connections it is holding.
 *
 * @example
 * ```ts
 * const silent = await startSilentServer();
 * // ...a request to silent.origin never gets an answer...
 * await silent.close();
 * ```
 */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
