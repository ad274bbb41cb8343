import { CustomResourceEventSchema } from '../event/schema.js';
import { type AnswerContext, answerOnce } from '../idempotency/answer-once.js';
import type { RecordResult } from '../idempotency/record-result.js';
import type { IdempotencyStore } from '../idempotency/store.js';
import { redactingLogger } from '../logger.js';
import { type HandOver, isContinuation } from '../long-running/continuation.js';
import { describeUrl } from '../redact.js';
import { createRedactor } from '../redaction/redactor.js';
import type { Router } from '../resource/router.js';
import { checkResponseUrl, originsFromEnvironment } from '../response/response-url.js';
import { computeDeadlines, serviceTimeoutSeconds } from './deadline.js';
import { isDeleteOfNothing } from './decide.js';
import type { ResolvedOptions } from './options.js';
import { errorText } from './outcome.js';
import { failureId } from './physical-id.js';
import { createReply, type Reply, type Sent } from './reply.js';
import { textField } from './text-field.js';
import { guardUnhandledRejections } from './unhandled-rejections.js';

/** What serving one request needs besides the request: the entry's settings and the invocation's time. */
export interface ServeContext {
  readonly router: Router;
  readonly options: ResolvedOptions;
  /** Time left for this request (ms): the invocation's remaining time, less what the entry keeps for itself. */
  readonly remainingMs: number;
  /** Where duplicate deliveries are recognised; `undefined` runs every delivery. */
  readonly store: IdempotencyStore | undefined;
  /** Whether the entry can have the request delivered again (SQS) when the store fails, or not (Lambda, SNS). */
  readonly redeliverable: boolean;
  readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly signal: AbortSignal;
  readonly handOver?: HandOver | undefined;
}

/** A ServiceTimeout on the event or in its properties, read from the raw event before it is parsed. */
function rawServiceTimeout(request: unknown): number | undefined {
  const record = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  const properties = record.ResourceProperties;
  const fromProperties =
    typeof properties === 'object' && properties !== null
      ? (properties as Record<string, unknown>).ServiceTimeout
      : undefined;
  return serviceTimeoutSeconds(record.ServiceTimeout ?? fromProperties);
}

function resultOf(sent: Sent, late: Promise<unknown>): RecordResult {
  const settled = late.then(
    () => undefined,
    () => undefined,
  );
  return sent.delivery.delivered
    ? { kind: 'answered', status: sent.outcome.status, resent: false, late: settled }
    : { kind: 'retry', problem: sent.delivery.error, late: settled };
}

/**
 * Serves one request (or continuation) within one deadline for everything crkit awaits: whatever is still pending at
 * the invocation's cut-off (an authorize hook, the handler, `isComplete`, `onTimeout`, a hand-over, the idempotency
 * store, a clean-up) the request is answered FAILED then, naming what did not finish, and the answer still reaches
 * CloudFormation before the invocation ends. Every answer goes through one `Reply`, so it is sent once, checked and
 * fitted. Unhandled promise rejections are held while it runs (a handler's stray promise must not crash the process
 * before the answer). Never throws.
 */
export async function serveRequest(raw: unknown, context: ServeContext): Promise<RecordResult> {
  const { options } = context;
  const start = options.now();
  const request = isContinuation(raw) ? raw.request : raw;
  const url = checkResponseUrl(textField(request, 'ResponseURL'), [
    ...options.allowedResponseOrigins,
    ...originsFromEnvironment(options.logger),
  ]);
  const ids = {
    requestId: textField(request, 'RequestId'),
    logicalResourceId: textField(request, 'LogicalResourceId'),
  };
  if (!url.ok) {
    options.logger.error('request not answered: no usable ResponseURL', { ...ids, problem: url.problem });
    return { kind: 'dropped', problem: url.problem };
  }
  options.preload();
  // From here on, every line and answer of this request passes through its redactor.
  const redactor = createRedactor();
  redactor.add(url.url.href);
  const requestOptions = { ...options, logger: redactingLogger(options.logger, redactor) };
  options.logger.info(isContinuation(raw) ? 'request continued' : 'request received', {
    ...ids,
    responseUrl: describeUrl(url.url.href),
  });
  const deadlines = computeDeadlines(
    start,
    context.remainingMs,
    rawServiceTimeout(request),
    options.timeoutMarginMs,
  );
  const reply = createReply(request, {
    ...requestOptions,
    redactor,
    url: url.url.href,
    responseDeadline: deadlines.response,
  });
  const release = guardUnhandledRejections(requestOptions.logger);
  const endAt = start + context.remainingMs;
  const answerContext = { ...context, options: requestOptions, reply, deadlines, start };
  const work = (async (): Promise<RecordResult> => {
    // Trust first: a refused request is answered before it can claim anything in the idempotency store, so that
    // nothing an unlisted caller sends displaces a listed caller's state.
    const refusal = await refusalOf(request, answerContext);
    if (refusal !== undefined) return resultOf(await reply.send(refusal), Promise.resolve());
    return answerOnce(raw, request, answerContext);
  })().catch(async (error: unknown): Promise<RecordResult> => {
    // Only a defect lands here; the request still gets its answer.
    const sent = await reply.send(internalError(reply, request, error));
    return resultOf(sent, Promise.resolve());
  });
  let timer: NodeJS.Timeout | undefined;
  const cutoff = new Promise<'cutoff'>((resolve) => {
    timer = setTimeout(() => resolve('cutoff'), Math.max(0, deadlines.cutoff - options.now()));
  });
  const first = await Promise.race([work, cutoff]);
  clearTimeout(timer);
  if (first !== 'cutoff') {
    void release(first.kind === 'answered' || first.kind === 'retry' ? first.late : undefined, endAt);
    return first;
  }
  void release(work, endAt);
  if (!reply.done && reply.handingOver) {
    // A hand-over is under way: answering FAILED now while it may still succeed could answer twice.
    let wait: NodeJS.Timeout | undefined;
    const until = new Promise<void>((resolve) => {
      wait = setTimeout(resolve, Math.max(0, deadlines.handOver + 25 - options.now()));
    });
    await Promise.race([reply.handingOver, until]);
    clearTimeout(wait);
    // Its outcome (handed over, or FAILED) goes out through the reply; give it the turn it takes.
    await Promise.race([work, new Promise((resolve) => setImmediate(resolve))]);
  }
  if (reply.done) {
    // Answered (or handed over) already, but crkit is still awaiting something after it (storing the outcome).
    const sent = await reply.answered;
    return sent ? resultOf(sent, work) : { kind: 'handed-over' };
  }
  const seconds = Math.round((deadlines.cutoff - start) / 100) / 10;
  const sent = await reply.send({
    status: 'FAILED',
    physicalResourceId: reply.madeId ?? failureId(request),
    reason: `timed out after ${seconds} s: ${reply.stage} did not finish before the invocation's deadline`,
  });
  requestOptions.logger.error('answered at the deadline', {
    ...ids,
    stage: reply.stage,
    outcome: sent.outcome.status,
  });
  return resultOf(sent, work);
}

/**
 * The answer to a request `authorize` refuses, or undefined when it is served (or is a Delete of nothing made, or
 * does not parse: the core answers those). A continuation is authorized as the request it carries.
 */
async function refusalOf(request: unknown, context: AnswerContext) {
  if (isDeleteOfNothing(request, context.router)) return undefined;
  const parsed = CustomResourceEventSchema.safeParse(request);
  if (!parsed.success) return undefined;
  context.reply.stage = 'authorize';
  const refusal: unknown = await context.options.authorize(parsed.data);
  if (refusal === undefined) return undefined;
  const reason =
    typeof refusal === 'string'
      ? refusal
      : `refused: authorize returned ${errorText(refusal)} (expected a reason string, or undefined to serve)`;
  return { status: 'FAILED' as const, physicalResourceId: failureId(request), reason };
}

function internalError(reply: Reply, request: unknown, error: unknown) {
  return {
    status: 'FAILED' as const,
    physicalResourceId: reply.madeId ?? failureId(request),
    reason: `internal error: ${errorText(error)}`,
  };
}
