import { errorText } from '../error-text.js';
import type { CustomResourceEvent } from '../event/schema.js';
import type { IdempotencyStore } from '../idempotency/store.js';
import { redactingLogger } from '../logger.js';
import { type Continuation, type HandOver, isContinuation } from '../long-running/continuation.js';
import { describeUrl } from '../redact.js';
import { createRedactor } from '../redaction/redactor.js';
import type { Router } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { checkResponseUrl, originsFromEnvironment } from '../response/response-url.js';
import { answerByCutoff } from './answer-by-cutoff.js';
import { answerOnce, type OnceContext, resultOf } from './answer-once.js';
import { completePending } from './complete-pending.js';
import { computeDeadlines, type Deadlines, serviceTimeoutOf } from './deadline.js';
import { nothingToDelete } from './delete-contract.js';
import type { ResolvedOptions } from './options.js';
import type { Outcome } from './outcome.js';
import { parseProperties } from './parse-properties.js';
import { parseRequest } from './parse-request.js';
import type { RecordResult } from './record-result.js';
import { createReply, type Reply } from './reply.js';
import { textField } from './text-field.js';
import { guardUnhandledRejections } from './unhandled-rejections.js';
import { deleteOrphan, runWithWatchdog } from './watchdog.js';

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

/** One request in flight: its entry's context, its deadlines and its one reply. */
interface InFlight extends ServeContext, OnceContext {
  readonly start: number;
  readonly deadlines: Deadlines;
  readonly reply: Reply;
  /** ServiceTimeout in seconds, from the raw event (the deadlines need it before anything is parsed). */
  readonly serviceTimeout: number | undefined;
}

/**
 * Serves one request (or a continuation of a long-running one), from what the entry received to the answer
 * CloudFormation gets. The whole pipeline, in the order a request flows:
 *
 * 1. the ResponseURL is checked (without one crkit may answer to, nothing can be done: the record is dropped);
 * 2. the request gets its redactor (every log line and Reason passes through it), its deadlines and its one reply;
 * 3. under one cut-off for everything crkit awaits ({@link answerRequest}): parse, redact sensitive properties,
 *    answer a Delete of nothing, authorize, route, answer once across duplicates, run the handler or complete a
 *    pending operation, fit and send the answer.
 *
 * Whatever is still pending at the invocation's cut-off, the request is answered FAILED then, naming what did not
 * finish, and the answer still reaches CloudFormation before the invocation ends. Unhandled promise rejections are
 * held while it runs (a handler's stray promise must not crash the process before the answer). Never throws.
 */
export async function serveRequest(raw: unknown, context: ServeContext): Promise<RecordResult> {
  const { options } = context;
  const start = options.now();
  const continued = isContinuation(raw);
  const request = continued ? raw.request : raw;
  const ids = {
    requestId: textField(request, 'RequestId'),
    logicalResourceId: textField(request, 'LogicalResourceId'),
  };
  const url = checkResponseUrl(textField(request, 'ResponseURL'), [
    ...options.allowedResponseOrigins,
    ...originsFromEnvironment(options.logger),
  ]);
  if (!url.ok) {
    options.logger.error('request not answered: no usable ResponseURL', { ...ids, problem: url.problem });
    return { kind: 'dropped', problem: url.problem };
  }
  options.preload(url.url.protocol);
  const redactor = createRedactor();
  redactor.add(url.url.href);
  const logger = redactingLogger(options.logger, redactor);
  logger.info(continued ? 'request continued' : 'request received', {
    ...ids,
    responseUrl: describeUrl(url.url.href),
  });
  const serviceTimeout = serviceTimeoutOf(request);
  const deadlines = computeDeadlines(start, context.remainingMs, serviceTimeout, options.timeoutMarginMs);
  const requestOptions = { ...options, logger };
  const reply = createReply(request, {
    ...requestOptions,
    redactor,
    url: url.url.href,
    responseDeadline: deadlines.response,
  });
  const release = guardUnhandledRejections(logger);
  const flight: InFlight = {
    ...context,
    options: requestOptions,
    start,
    deadlines,
    reply,
    serviceTimeout,
  };
  const work = answerRequest(raw, flight).catch(async (error: unknown): Promise<RecordResult> => {
    // Only a defect lands here; the request still gets its answer.
    const reason = `internal error: ${errorText(error)}`;
    return resultOf(await reply.send(reply.failure(reason)), undefined);
  });
  const result = await answerByCutoff(work, request, flight);
  const late = result.kind === 'answered' || result.kind === 'retry' ? result.late : undefined;
  void release(late ?? work, start + context.remainingMs);
  return result;
}

/** Steps 3 on: everything crkit awaits for one request, in order. */
async function answerRequest(raw: unknown, flight: InFlight): Promise<RecordResult> {
  const { router, options, reply } = flight;
  const send = async (outcome: Outcome) => resultOf(await reply.send(outcome), undefined);
  reply.stage = 'parsing the request';
  const parsed = parseRequest(raw);
  if (!parsed.ok) return send(reply.failure(parsed.reason));
  const { event, continuation } = parsed;
  const definition = router.find(event.ResourceType);
  if (definition) redactSensitiveProperties(definition, event, reply);
  // A Delete that names nothing this provider made is SUCCESS before anything may refuse or delay it: a refusal
  // would leave the stack in DELETE_FAILED or ROLLBACK_FAILED for a resource that does not exist.
  if (event.RequestType === 'Delete' && !continuation) {
    const nothing = definition
      ? nothingToDelete(definition, event.PhysicalResourceId)
      : (nothingToDelete(undefined, event.PhysicalResourceId) ??
        `nothing deleted: this provider does not serve ${event.ResourceType} (it serves ${router.resourceTypes.join(', ')}); if it once did, ${event.PhysicalResourceId} may remain`);
    if (nothing)
      return send({ status: 'SUCCESS', physicalResourceId: event.PhysicalResourceId, reason: nothing });
  }
  // Trust before anything is stored: nothing an unlisted caller sends may displace a listed caller's claim.
  reply.stage = 'authorize';
  const refusal: unknown = await options.authorize(event);
  if (refusal !== undefined) {
    const reason =
      typeof refusal === 'string'
        ? refusal
        : `refused: authorize returned ${errorText(refusal)} (expected a reason string, or undefined to serve)`;
    return send(reply.failure(reason));
  }
  if (!definition) {
    const reason = `unknown resource type ${event.ResourceType}; this provider serves ${router.resourceTypes.join(', ')}`;
    return send(reply.failure(reason));
  }
  return answerOnce(event, continuation, flight, () => runAndSend(definition, event, continuation, flight));
}

/** Runs the handler (or completes the operation a continuation carries) and sends the outcome through the reply. */
async function runAndSend(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  continuation: Continuation | undefined,
  flight: InFlight,
): Promise<Promise<void> | undefined> {
  const { options, reply } = flight;
  const ids = {
    requestId: event.RequestId,
    logicalResourceId: event.LogicalResourceId,
    resourceType: event.ResourceType,
    requestType: event.RequestType,
  };
  let outcome: Outcome | 'handed-over';
  let late: Promise<void> | undefined;
  let timedOut = false;
  if (continuation) {
    outcome = await completePending(definition, event, { ...continuation, status: 'PENDING' }, flight);
  } else {
    reply.stage = event.RequestType.toLowerCase();
    const run = await runWithWatchdog(definition, event, options, flight.deadlines);
    late = run.late;
    timedOut = run.timedOut;
    if (run.outcome.status === 'PENDING') {
      const work = { ...run.outcome, startedAt: flight.start, attempt: 0 };
      outcome = await completePending(definition, event, work, flight);
    } else {
      outcome = run.outcome;
      if (outcome.status === 'FAILED' && outcome.made !== undefined) {
        // Made under an id CloudFormation cannot be told: removed before the answer, or it would be left behind.
        reply.stage = 'the clean-up of what the failed create made';
        await deleteOrphan(definition, event, options, outcome.physicalResourceId, outcome);
      }
    }
  }
  if (outcome === 'handed-over') return late;
  const durationMs = () => options.now() - flight.start;
  options.logger.info('handler finished', {
    ...ids,
    outcome: outcome.status,
    timedOut,
    durationMs: durationMs(),
  });
  const sent = await reply.send(outcome);
  const line = {
    ...ids,
    outcome: sent.outcome.status,
    attempts: sent.delivery.attempts,
    durationMs: durationMs(),
  };
  if (sent.delivery.delivered) options.logger.info('response sent', line);
  else options.logger.error('response not delivered', { ...line, error: sent.delivery.error });
  return late;
}

/**
 * The values of sensitive properties are secrets of this request: no Reason or log line may show them, neither as
 * sent nor as the schema turns them (a list's items, a field inside `cfn.json`, a transformed value).
 */
function redactSensitiveProperties(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  reply: Reply,
) {
  if (!definition.sensitiveProperties?.length) return;
  const sources = [
    event.ResourceProperties,
    ...(event.RequestType === 'Update' ? [event.OldResourceProperties] : []),
  ];
  for (const raw of sources) {
    const parsed = parseProperties(definition, raw, 'ResourceProperties');
    for (const key of definition.sensitiveProperties) {
      reply.redactor.add(raw[key]);
      if (parsed.ok) reply.redactor.add(parsed.value[key]);
    }
  }
}
