import { CFN_LIMITS } from '../constants.js';

/** When a request's handler must be stopped and when its response must have arrived (epoch ms). */
export interface Deadlines {
  /** crkit answers FAILED and aborts the handler at this moment. */
  readonly handler: number;
  /** The end of this invocation, less the margin: a long-running operation is handed over before it. */
  readonly invocation: number;
  /**
   * The invocation's deadline: whatever crkit is still awaiting then (an authorize hook, a hand-over, an idempotency
   * store, a clean-up), the request is answered FAILED, leaving half the margin for the PUT.
   */
  readonly cutoff: number;
  /**
   * How long a hand-over already under way at the cut-off may still take: halfway from the cut-off to the response
   * deadline. Answering FAILED while it may still succeed could give the request two answers.
   */
  readonly handOver: number;
  /** The last moment a response try may start: after it, CloudFormation or Lambda has stopped waiting. */
  readonly response: number;
  /** Seconds from the start of the request to `handler`, for the "timed out after N s" reason. */
  readonly handlerSeconds: number;
}

/** `ServiceTimeout` in seconds, when it is a whole number CloudFormation would accept (1 to 3600). */
export function serviceTimeoutSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= CFN_LIMITS.maxServiceTimeoutSeconds
    ? seconds
    : undefined;
}

/**
 * The deadlines of one request. The time available is the Lambda's remaining time or the resource's ServiceTimeout,
 * whichever ends first (CloudFormation stops waiting at ServiceTimeout, however long the Lambda may run). The margin
 * kept for answering is `marginMs`, at most a quarter of that time and at least 250 ms.
 */
export function computeDeadlines(
  start: number,
  remainingMs: number,
  serviceTimeout: number | undefined,
  marginMs: number,
): Deadlines {
  const available = Math.min(remainingMs, (serviceTimeout ?? CFN_LIMITS.maxServiceTimeoutSeconds) * 1000);
  const margin = Math.min(marginMs, Math.max(250, available / 4));
  const handler = start + Math.max(0, available - margin);
  const invocationMargin = Math.min(marginMs, Math.max(250, remainingMs / 4));
  return {
    handler,
    invocation: start + Math.max(0, remainingMs - invocationMargin),
    cutoff: start + Math.max(0, available - margin / 2),
    handOver: start + Math.max(0, available - margin / 4 - 25),
    response: start + Math.max(0, available - 50),
    handlerSeconds: Math.round((handler - start) / 100) / 10,
  };
}

/** A ServiceTimeout on the event or in its properties, read from the raw event: the deadlines need it before anything is parsed. */
export function serviceTimeoutOf(request: unknown): number | undefined {
  const record = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  const properties = record.ResourceProperties;
  const fromProperties =
    typeof properties === 'object' && properties !== null
      ? (properties as Record<string, unknown>).ServiceTimeout
      : undefined;
  return serviceTimeoutSeconds(record.ServiceTimeout ?? fromProperties);
}
