// Prototype stand-in for src/response/transport.ts: the response PUT through Node's own http(s) client instead of
// undici. Same exports, so the rest of the core bundles unchanged (`undiciTransport` keeps its name only for that).

/** One HTTP PUT of a response body. */
export interface PutRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
}

/** How crkit sends the response PUT. */
export type ResponseTransport = (request: PutRequest) => Promise<{ readonly statusCode: number }>;

/** Nothing to preload: `node:http` and `node:https` are built in and load in about a millisecond. */
export function preloadTransport(): Promise<void> {
  return Promise.resolve();
}

/** The PUT with `node:https` (or `node:http` for an allowed http origin), body drained so the socket can close. */
export const undiciTransport: ResponseTransport = async ({ url, headers, body, signal }) => {
  const target = new URL(url);
  const { request } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const outgoing = request(target, { method: 'PUT', headers, signal }, (response) => {
      response.on('error', reject);
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
      response.resume();
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
};
