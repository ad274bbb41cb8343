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
import { errorText } from '../error-text.js';
import type { CustomResourceEvent } from '../event/schema.js';
import type { IdempotencyStore, StoredResponse } from '../idempotency/store.js';
import type { Continuation } from '../long-running/continuation.js';
import type { Deadlines } from './deadline.js';
import { sha256 } from './lazy-builtins.js';
import type { ResolvedOptions } from './options.js';
import type { RecordResult } from './record-result.js';
import type { Reply, Sent } from './reply.js';

/** What answering a request once needs: where duplicates are recognised, and the request's reply and deadlines. */
export interface OnceContext {
  /** Where duplicate deliveries are recognised; `undefined` runs every delivery. */
  readonly store: IdempotencyStore | undefined;
  /** Whether the entry can have the request delivered again (SQS) when the store fails, or not (Lambda, SNS). */
  readonly redeliverable: boolean;
  readonly options: ResolvedOptions;
  readonly deadlines: Deadlines;
  readonly reply: Reply;
  readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly signal: AbortSignal;
}

/** Runs the request and sends its answer through the reply; resolves to what a timed-out handler still does. */
export type AnswerRequest = () => Promise<Promise<void> | undefined>;

const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 1000;

/**
 * The idempotency key of a request: a hash of StackId and RequestId, which together name one request. Each step of
 * a long-running operation's continuation has its own key (its hand-over id added), so a duplicated hand-over
 * message is recognised too.
 */
function requestKey(event: CustomResourceEvent, continuation: Continuation | undefined): string {
  const step = continuation ? `\ncontinuation ${continuation.id}` : '';
  return sha256(`${event.StackId}\n${event.RequestId}${step}`);
}

/** The entry's view of an answer sent: delivered, or to be delivered again. */
export function resultOf(sent: Sent, late: Promise<void> | undefined | void): RecordResult {
  const settled = late ? { late } : {};
  return sent.delivery.delivered
    ? { kind: 'answered', status: sent.outcome.status, resent: false, ...settled }
    : { kind: 'retry', problem: sent.delivery.error, ...settled };
}

/**
 * Answers one request at most once across duplicate deliveries. The first delivery claims the request, runs it
 * (`answer`) and stores the body it answered; a duplicate that arrives meanwhile waits for that outcome; a later
 * duplicate does nothing when the stored body was delivered, and re-sends it (without running the handler) when
 * it was not. Never throws.
 */
export async function answerOnce(
  event: CustomResourceEvent,
  continuation: Continuation | undefined,
  context: OnceContext,
  answer: AnswerRequest,
): Promise<RecordResult> {
  const { store, options, deadlines } = context;
  if (!store) return run(undefined, event, context, answer);
  const key = requestKey(event, continuation);
  context.reply.stage = 'the idempotency store';
  for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(pollMs * 2, MAX_POLL_MS)) {
    let claim: Awaited<ReturnType<IdempotencyStore['claim']>>;
    try {
      claim = await store.claim(key, deadlines.cutoff);
    } catch (error) {
      const problem = `idempotency store failed: ${errorText(error)}`;
      options.logger.error('could not claim the request', { requestId: event.RequestId, problem });
      if (context.redeliverable) return { kind: 'retry', problem };
      return run(undefined, event, context, answer);
    }
    if (claim.claimed) return run(key, event, context, answer);
    const { record } = claim;
    if (record.status === 'COMPLETED') {
      if (record.response.delivered) return { kind: 'duplicate' };
      // A NoEcho answer was not stored: it can only be made again.
      if (record.response.body === '') return run(key, event, context, answer);
      return resend(event, record.response, key, context);
    }
    if (options.now() + pollMs > deadlines.handler || context.signal.aborted) {
      return { kind: 'retry', problem: 'another delivery of this request is still running it' };
    }
    await context.wait(pollMs, context.signal);
  }
}

async function run(
  key: string | undefined,
  event: CustomResourceEvent,
  context: OnceContext,
  answer: AnswerRequest,
): Promise<RecordResult> {
  const { options, store, reply } = context;
  const late = await answer();
  const sent = await reply.answered;
  if (!sent) {
    // Handed over. Nothing to re-send: the continuation answers. A duplicate must not run the handler again.
    const response: StoredResponse = { body: '', delivered: true, responseUrlHash: '' };
    if (key) await store?.complete(key, response).catch(() => undefined);
    return { kind: 'handed-over' };
  }
  if (key && store) {
    // The body exactly as it was sent, so that a duplicate re-sends the same bytes; but a NoEcho body (a generated
    // password in Data) never rests in the store: a duplicate of an undelivered one runs the request again.
    const response: StoredResponse = {
      body: sent.outcome.noEcho ? '' : sent.body,
      delivered: sent.delivery.delivered,
      responseUrlHash: sha256(event.ResponseURL),
    };
    await store.complete(key, response).catch((error: unknown) =>
      options.logger.error('could not store the outcome; a duplicate may run the handler again', {
        requestId: event.RequestId,
        error: errorText(error),
      }),
    );
  }
  return resultOf(sent, late);
}

async function resend(
  event: CustomResourceEvent,
  stored: StoredResponse,
  key: string,
  context: OnceContext,
): Promise<RecordResult> {
  const { options } = context;
  const requestId = event.RequestId;
  if (sha256(event.ResponseURL) !== stored.responseUrlHash) {
    options.logger.error('duplicate request carries another ResponseURL; not answered', { requestId });
    return {
      kind: 'dropped',
      problem: 'a request with this StackId and RequestId was answered to another ResponseURL',
    };
  }
  const sent = await context.reply.resend(stored.body);
  if (!sent.delivery.delivered) {
    options.logger.error('stored response not delivered', {
      requestId,
      attempts: sent.delivery.attempts,
      error: sent.delivery.error,
    });
    return { kind: 'retry', problem: sent.delivery.error };
  }
  options.logger.info('stored response re-sent', {
    requestId,
    outcome: sent.outcome.status,
    attempts: sent.delivery.attempts,
  });
  await context.store
    ?.complete(key, { ...stored, delivered: true })
    .catch((error: unknown) =>
      options.logger.warn('could not note the delivery', { requestId, error: errorText(error) }),
    );
  return { kind: 'answered', status: sent.outcome.status, resent: true };
}
