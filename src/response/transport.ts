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

type Undici = typeof import('undici');
let loading: Promise<Undici> | undefined;

/**
 * Starts loading `undici` without waiting for it. crkit calls this as a request arrives, so the module loads while
 * the handler awaits its own I/O instead of after it, keeping the load off the path to the response.
 */
export function preloadTransport(): Promise<Undici> {
  loading ??= import('undici');
  return loading;
}

/** The default transport: `undici.request`, body read to the end so the connection can be reused. */
export const undiciTransport: ResponseTransport = async ({ url, headers, body, signal }) => {
  const { request } = await preloadTransport();
  const response = await request(url, { method: 'PUT', headers, body, signal });
  await response.body.dump();
  return { statusCode: response.statusCode };
};
