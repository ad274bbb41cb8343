/**
 * Exactly-once answers across duplicate deliveries of one request (SNS retries, SQS at-least-once delivery, a
 * message published twice). The key is SHA-256 of `StackId` and `RequestId`.
 *
 * - First delivery: claims the key (IN_PROGRESS until its invocation ends), runs the request through the core,
 *   stores the body it PUT with whether the PUT succeeded, and the SHA-256 of its ResponseURL.
 * - Concurrent duplicate: never runs the handler. It looks again (50 ms, doubling to 1 s) until the record is
 *   COMPLETED (then as below), the claim lapses (its holder died: it takes over and runs), or its own time is nearly
 *   up (left for redelivery).
 * - Later duplicate, response delivered: does nothing at all.
 * - Later duplicate, response not delivered (why SQS delivered it again): re-sends the stored body, byte for byte,
 *   without running the handler, and only to the same ResponseURL (hash compared), then notes the delivery.
 * - Unanswerable request (no usable ResponseURL): its claim is released.
 * - Store failures: a failed claim leaves an SQS record for redelivery and runs an SNS record unguarded (SNS cannot
 *   deliver it again); a failed write of the outcome is logged, and a later duplicate may then run the handler again
 *   once the claim has lapsed. A Lambda that dies mid-handler is the same case: effects are at least once there,
 *   which crkit's deterministic physical ids keep harmless for creates.
 * - Records expire some hours after their last write (3 by default): CloudFormation waits at most one hour.
 */
import { createHash } from 'node:crypto';
import type { ResolvedOptions } from '../core/options.js';
import { errorText } from '../core/outcome.js';
import { runRequest } from '../core/run-request.js';
import { textField } from '../core/text-field.js';
import { type HandOver, isContinuation } from '../long-running/continuation.js';
import type { Router } from '../resource/router.js';
import { checkResponseUrl, originsFromEnvironment } from '../response/response-url.js';
import { sendResponse } from '../response/send-response.js';
import type { RecordResult } from './record-result.js';
import type { IdempotencyStore, StoredResponse } from './store.js';

/** What answering one request needs besides the request. */
export interface AnswerContext {
  readonly router: Router;
  readonly options: ResolvedOptions;
  /** Where duplicates are recognised; `undefined` runs every delivery. */
  readonly store: IdempotencyStore | undefined;
  /** Epoch ms by which this record must be finished (the invocation's end, less a reserve). */
  readonly deadline: number;
  /**
   * Whether the entry can have a record delivered again (SQS) or not (SNS). When the store fails, a redeliverable
   * record is retried later rather than run unguarded; one that cannot be redelivered is run, so that it is answered.
   */
  readonly redeliverable: boolean;
  /** Waits between looks at a request another delivery is running; resolves early when `signal` aborts. */
  readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly signal: AbortSignal;
  /** How a long-running operation is passed on; without it, one not finished in time is answered FAILED. */
  readonly handOver?: HandOver | undefined;
}

const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The ResponseURL of a request, or of the request a continuation carries. */
function responseUrlOf(request: Record<string, unknown>): unknown {
  const inner = isContinuation(request) ? request.request : request;
  return typeof inner === 'object' && inner !== null
    ? (inner as Record<string, unknown>).ResponseURL
    : undefined;
}

/**
 * The idempotency key of a request: a hash of StackId and RequestId, which together name one request. Each step of
 * a long-running operation's continuation has its own key (its hand-over id added), so a duplicated hand-over
 * message is recognised too.
 */
export function requestKey(request: Record<string, unknown>): string | undefined {
  const inner = isContinuation(request) && typeof request.request === 'object' && request.request !== null;
  const source = inner ? (request.request as Record<string, unknown>) : request;
  const stackId = textField(source, 'StackId');
  const requestId = textField(source, 'RequestId');
  const step = inner ? `\ncontinuation ${String((request as Record<string, unknown>).id)}` : '';
  return stackId && requestId ? sha256(`${stackId}\n${requestId}${step}`) : undefined;
}

/**
 * Answers one request at most once across duplicate deliveries. The first delivery claims the request, runs it
 * through the core and stores the body it answered; a duplicate that arrives meanwhile waits for that outcome; a
 * later duplicate does nothing when the stored body was delivered, and re-sends it (without running the handler)
 * when it was not. Never throws.
 */
export async function answerOnce(
  request: Record<string, unknown>,
  context: AnswerContext,
): Promise<RecordResult> {
  const { store, options } = context;
  const key = requestKey(request);
  // Without StackId and RequestId the request is invalid: the core answers it FAILED (or drops it), nothing runs.
  if (!store || !key) return run(request, context, undefined);
  const waitUntil =
    context.deadline - Math.min(options.timeoutMarginMs, (context.deadline - options.now()) / 4);
  for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(pollMs * 2, MAX_POLL_MS)) {
    let claim: Awaited<ReturnType<IdempotencyStore['claim']>>;
    try {
      claim = await store.claim(key, context.deadline);
    } catch (error) {
      const problem = `idempotency store failed: ${errorText(error)}`;
      options.logger.error('could not claim the request', {
        requestId: textField(request, 'RequestId'),
        problem,
      });
      if (context.redeliverable) return { kind: 'retry', problem };
      return run(request, context, undefined);
    }
    if (claim.claimed) return run(request, context, key);
    const { record } = claim;
    if (record.status === 'COMPLETED') {
      if (record.response.delivered) return { kind: 'duplicate' };
      return resend(request, record.response, key, context);
    }
    if (options.now() + pollMs > waitUntil || context.signal.aborted) {
      return { kind: 'retry', problem: 'another delivery of this request is still running it' };
    }
    await context.wait(pollMs, context.signal);
  }
}

function statusOf(body: string): 'SUCCESS' | 'FAILED' {
  try {
    return (JSON.parse(body) as { Status?: unknown }).Status === 'SUCCESS' ? 'SUCCESS' : 'FAILED';
  } catch {
    return 'FAILED';
  }
}

async function run(
  request: Record<string, unknown>,
  context: AnswerContext,
  key: string | undefined,
): Promise<RecordResult> {
  const { options, store } = context;
  const result = await runRequest(
    request,
    context.router,
    options,
    context.deadline - options.now(),
    context.handOver,
  );
  const late = result.late ? { late: result.late } : {};
  if (result.handedOver) {
    // Nothing to re-send: the continuation answers. A duplicate of this delivery must not run the handler again.
    const response: StoredResponse = { body: '', delivered: true, responseUrlHash: '' };
    if (key) await store?.complete(key, response).catch(() => undefined);
    return { kind: 'handed-over' };
  }
  if (!result.answerable || !result.outcome) {
    if (key) await store?.release(key).catch(() => undefined);
    return {
      kind: 'dropped',
      problem: result.delivery.delivered ? 'no usable ResponseURL' : result.delivery.error,
    };
  }
  if (key && store && result.body !== undefined) {
    // The body exactly as runRequest sent it, so that a duplicate re-sends the same bytes.
    const response: StoredResponse = {
      body: result.body,
      delivered: result.delivery.delivered,
      responseUrlHash: sha256(String(responseUrlOf(request))),
    };
    await store.complete(key, response).catch((error: unknown) =>
      options.logger.error('could not store the outcome; a duplicate may run the handler again', {
        requestId: textField(request, 'RequestId'),
        error: errorText(error),
      }),
    );
  }
  if (result.delivery.delivered)
    return { kind: 'answered', status: result.outcome.status, resent: false, ...late };
  return { kind: 'retry', problem: result.delivery.error, ...late };
}

async function resend(
  request: Record<string, unknown>,
  stored: StoredResponse,
  key: string,
  context: AnswerContext,
): Promise<RecordResult> {
  const { options } = context;
  const requestId = textField(request, 'RequestId');
  const url = checkResponseUrl(responseUrlOf(request), [
    ...options.allowedResponseOrigins,
    ...originsFromEnvironment(),
  ]);
  if (!url.ok) return { kind: 'dropped', problem: url.problem };
  if (sha256(String(responseUrlOf(request))) !== stored.responseUrlHash) {
    options.logger.error('duplicate request carries another ResponseURL; not answered', { requestId });
    return {
      kind: 'dropped',
      problem: 'a request with this StackId and RequestId was answered to another ResponseURL',
    };
  }
  const delivery = await sendResponse(url.url.href, stored.body, context.deadline, options.retry, options);
  const status = statusOf(stored.body);
  if (!delivery.delivered) {
    options.logger.error('stored response not delivered', {
      requestId,
      attempts: delivery.attempts,
      error: delivery.error,
    });
    return { kind: 'retry', problem: delivery.error };
  }
  options.logger.info('stored response re-sent', { requestId, outcome: status, attempts: delivery.attempts });
  await context.store
    ?.complete(key, { ...stored, delivered: true })
    .catch((error: unknown) =>
      options.logger.warn('could not note the delivery', { requestId, error: errorText(error) }),
    );
  return { kind: 'answered', status, resent: true };
}
