import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResponseBody } from '../core/fit-response.js';
import { checkResponseCaptureOptions } from './kit-options.js';

/** One PUT that the capture accepted. */
export interface CapturedResponse {
  /** The object key: the URL path without its leading slash. */
  readonly key: string;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  readonly raw: string;
  /** The body parsed as JSON. */
  readonly body: ResponseBody;
  /** When the whole body had arrived, in epoch milliseconds. */
  readonly receivedAt: number;
}

/** How the capture answers one try: a status (default 200), after a delay, or a reset connection. */
export interface CaptureBehaviour {
  readonly status?: number;
  readonly delayMs?: number;
  readonly reset?: boolean;
}

/** Options of {@link startResponseCapture}. */
export interface ResponseCaptureOptions {
  /**
   * Decides how each try is answered; `attempt` counts tries per key from 1.
   * @default every try answered 200
   */
  readonly behaviour?: (request: { readonly key: string; readonly attempt: number }) => CaptureBehaviour;
}

/** A local stand-in for CloudFormation's S3 response endpoint. */
export interface ResponseCapture {
  /** e.g. `http://127.0.0.1:43125`: pass it to `allowedResponseOrigins`. */
  readonly origin: string;
  /** A new pre-signed-looking URL (with a fake `X-Amz-Signature`) for one request. */
  responseUrl(key?: string): string;
  /** Accepted responses, in order of arrival. */
  readonly responses: readonly CapturedResponse[];
  /** Every try per key, accepted or not. */
  attempts(key: string): number;
  /** The accepted response for a URL made by `responseUrl`, or undefined. */
  responseFor(url: string): CapturedResponse | undefined;
  /** Keys that were answered more than once: CloudFormation takes one response per request. */
  readonly duplicates: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP server that records every response PUT, as CloudFormation's response bucket would receive
 * it, and notes any second response to the same request.
 *
 * @throws {ConfigurationError} when an option is unknown (naming the one it resembles) or its value is wrong.
 * @example
 * ```ts
 * import { startResponseCapture } from 'crkit/testing';
 * const capture = await startResponseCapture();
 * const url = capture.responseUrl();
 * // ...send an event with ResponseURL: url, allowedResponseOrigins: [capture.origin]...
 * capture.responseFor(url)?.body.Status;
 * await capture.close();
 * ```
 */
export async function startResponseCapture(options: ResponseCaptureOptions = {}): Promise<ResponseCapture> {
  checkResponseCaptureOptions(options);
  const responses: CapturedResponse[] = [];
  const duplicates: string[] = [];
  const tries = new Map<string, number>();
  const server = createServer((request, response) => {
    const key = decodeURIComponent(new URL(request.url ?? '/', 'http://capture').pathname.slice(1));
    const attempt = (tries.get(key) ?? 0) + 1;
    tries.set(key, attempt);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const behaviour = options.behaviour?.({ key, attempt }) ?? {};
      setTimeout(() => {
        if (behaviour.reset) return request.socket.destroy();
        const status = behaviour.status ?? 200;
        if (status >= 200 && status < 300) {
          if (responses.some((r) => r.key === key)) duplicates.push(key);
          const raw = Buffer.concat(chunks).toString('utf8');
          responses.push({
            key,
            headers: request.headers,
            raw,
            body: JSON.parse(raw) as ResponseBody,
            receivedAt: Date.now(),
          });
        }
        response.writeHead(status).end();
      }, behaviour.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keyOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
  return {
    origin,
    responseUrl: (key = randomUUID()) =>
      `${origin}/${encodeURIComponent(key)}?X-Amz-Signature=capture-${randomUUID()}`,
    responses,
    duplicates,
    attempts: (key) => tries.get(key) ?? 0,
    responseFor: (url) => responses.find((r) => r.key === keyOf(url)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
