import { describeUrl, redact } from '../redact.js';
import type { ResponseTransport } from './transport.js';

/** How the response PUT is retried. */
export interface RetryOptions {
  /** Tries in all, the first included. @default 5 */
  readonly attempts?: number;
  /** The first backoff; each later one doubles, with full jitter. @default 250 */
  readonly baseDelayMs?: number;
  /** The longest backoff. @default 4000 */
  readonly maxDelayMs?: number;
  /** How long one try may take. @default 10000 */
  readonly attemptTimeoutMs?: number;
}

/** Everything `sendResponse` touches, injected. */
export interface SendDependencies {
  readonly transport: ResponseTransport;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

/** Whether the response reached CloudFormation. */
export type ResponseDelivery =
  | { readonly delivered: true; readonly attempts: number; readonly statusCode: number }
  | { readonly delivered: false; readonly attempts: number; readonly error: string };

/** Network errors, 5xx and 429 may succeed on a later try; any other status is final. */
const retryable = (statusCode: number) => statusCode >= 500 || statusCode === 429;

/**
 * PUTs the body to the ResponseURL once, retrying network errors, 5xx and 429 with exponential backoff and full
 * jitter until `attempts` or `deadline` (epoch ms) is reached. `content-type` is empty (the URL is signed without
 * one) and `content-length` is the exact UTF-8 length. Errors never quote the URL's query.
 */
export async function sendResponse(
  url: string,
  body: string,
  deadline: number,
  options: RetryOptions,
  deps: SendDependencies,
): Promise<ResponseDelivery> {
  const attempts = options.attempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 4000;
  const headers = { 'content-type': '', 'content-length': String(Buffer.byteLength(body, 'utf8')) };
  let error = 'not sent';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const timeout = Math.max(
      1,
      Math.ceil(Math.min(options.attemptTimeoutMs ?? 10_000, deadline - deps.now())),
    );
    try {
      const { statusCode } = await deps.transport({
        url,
        headers,
        body,
        signal: AbortSignal.timeout(timeout),
      });
      if (statusCode >= 200 && statusCode < 300) return { delivered: true, attempts: attempt, statusCode };
      error = `${describeUrl(url)} answered HTTP ${statusCode}`;
      if (!retryable(statusCode)) return { delivered: false, attempts: attempt, error };
    } catch (cause) {
      const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      error = `PUT to ${describeUrl(url)} failed: ${redact(detail)}`;
    }
    const delay = deps.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    if (attempt === attempts || deps.now() + delay >= deadline)
      return { delivered: false, attempts: attempt, error };
    await deps.sleep(delay);
  }
  return { delivered: false, attempts, error };
}
