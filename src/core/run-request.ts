import { DeadlineError } from '../errors.js';
import { type CustomResourceEvent, CustomResourceEventSchema } from '../event/schema.js';
import { describeUrl } from '../redact.js';
import type { Router } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { fitResponse, type ResponseTarget } from '../response/response-body.js';
import { checkResponseUrl, originsFromEnvironment } from '../response/response-url.js';
import { type Delivery, sendResponse } from '../response/send-response.js';
import { formatIssues } from '../validation/format-issues.js';
import { computeDeadlines, serviceTimeoutSeconds } from './deadline.js';
import type { ResolvedOptions } from './options.js';
import { errorText, type Outcome } from './outcome.js';
import { createFailedMarker } from './physical-id.js';
import { runHandler } from './run-handler.js';

/** What became of one request: what was answered, and whether it reached CloudFormation. */
export interface RequestResult {
  /** What was answered; absent when nothing could be sent (no usable ResponseURL). */
  readonly outcome?: Outcome;
  readonly delivery: Delivery;
  /** The watchdog answered because the handler did not finish in time. */
  readonly timedOut: boolean;
  /** The request carried a ResponseURL crkit may call; a request without one can never be answered. */
  readonly answerable: boolean;
  /** After a timeout: the late handler's settling (and any clean-up); an entry point may wait for it. */
  readonly late?: Promise<void>;
}

const NOT_SENT = (error: string): Delivery => ({ delivered: false, attempts: 0, error });

function field(raw: unknown, key: string): string | undefined {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The id a failure answers: the current one, or for a Create (which has none yet) the create-failed marker. */
function failureId(event: {
  RequestType?: unknown;
  PhysicalResourceId?: unknown;
  RequestId?: unknown;
}): string {
  return (
    field(event, 'PhysicalResourceId') ?? createFailedMarker(field(event, 'RequestId') ?? 'unknown-request')
  );
}

/**
 * One request, from raw event to delivered response: parse, check the ResponseURL, route, run the handler against a
 * watchdog, fit the body and PUT it once. Shared by every entry point; never throws.
 */
export async function runRequest(
  raw: unknown,
  router: Router,
  options: ResolvedOptions,
  remainingMs: number,
): Promise<RequestResult> {
  const start = options.now();
  options.preload();
  const { logger } = options;
  const origins = [...options.allowedResponseOrigins, ...originsFromEnvironment()];
  const url = checkResponseUrl(field(raw, 'ResponseURL'), origins);
  const ids = {
    requestId: field(raw, 'RequestId'),
    logicalResourceId: field(raw, 'LogicalResourceId'),
    resourceType: field(raw, 'ResourceType'),
    requestType: field(raw, 'RequestType'),
  };
  if (!url.ok) {
    logger.error('request not answered: no usable ResponseURL', { ...ids, problem: url.problem });
    return { delivery: NOT_SENT(url.problem), timedOut: false, answerable: false };
  }
  logger.info('request received', { ...ids, responseUrl: describeUrl(url.url.href) });
  const target: ResponseTarget = {
    StackId: field(raw, 'StackId') ?? 'unknown-stack',
    RequestId: field(raw, 'RequestId') ?? 'unknown-request',
    LogicalResourceId: field(raw, 'LogicalResourceId') ?? 'unknown-resource',
  };

  const decided = await decide(raw, router, options, remainingMs, start).catch(
    (error: unknown): Decision => ({
      // Only a defect (in crkit or an injected dependency) lands here; it still gets an answer.
      outcome: {
        status: 'FAILED',
        physicalResourceId: failureId(raw as object),
        reason: `internal error: ${errorText(error)}`,
      },
      timedOut: false,
      responseDeadline: start + Math.max(0, remainingMs - 50),
    }),
  );
  options.logger.info('handler finished', {
    ...ids,
    outcome: decided.outcome.status,
    timedOut: decided.timedOut,
    durationMs: options.now() - start,
  });
  const fitted = fitSafely(target, decided.outcome);
  const delivery = await sendResponse(
    url.url.href,
    fitted.body,
    decided.responseDeadline,
    options.retry,
    options,
  );
  const line = {
    ...ids,
    outcome: fitted.outcome.status,
    attempts: delivery.attempts,
    durationMs: options.now() - start,
  };
  if (delivery.delivered) logger.info('response sent', line);
  else logger.error('response not delivered', { ...line, error: delivery.error });
  return {
    outcome: fitted.outcome,
    delivery,
    timedOut: decided.timedOut,
    answerable: true,
    ...(decided.late ? { late: decided.late } : {}),
  };
}

/** Data a handler returned may be unserialisable (a throwing getter): that is a FAILED answer, not a crash. */
function fitSafely(target: ResponseTarget, outcome: Outcome) {
  try {
    return fitResponse(target, outcome);
  } catch (error) {
    const reason = `response Data could not be serialised: ${errorText(error)}`;
    return fitResponse(target, { status: 'FAILED', physicalResourceId: outcome.physicalResourceId, reason });
  }
}

interface Decision {
  readonly outcome: Outcome;
  readonly timedOut: boolean;
  readonly responseDeadline: number;
  readonly late?: Promise<void>;
}

/** Parses and routes the request and runs its handler; every problem becomes a FAILED outcome. */
async function decide(
  raw: unknown,
  router: Router,
  options: ResolvedOptions,
  remainingMs: number,
  start: number,
): Promise<Decision> {
  const parsed = CustomResourceEventSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const problems = formatIssues(parsed.error.issues, { root: 'event', sensitive: ['ResponseURL'] });
    const reason = `invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
    const outcome: Outcome = { status: 'FAILED', physicalResourceId: failureId(raw as object), reason };
    return { outcome, timedOut: false, responseDeadline: start + Math.max(0, remainingMs - 50) };
  }
  const event = parsed.data;
  const deadlines = computeDeadlines(
    start,
    remainingMs,
    serviceTimeoutSeconds(event.ServiceTimeout ?? event.ResourceProperties.ServiceTimeout),
    options.timeoutMarginMs,
  );
  const refusal = await options.authorize(event);
  if (refusal !== undefined) {
    const outcome: Outcome = { status: 'FAILED', physicalResourceId: failureId(event), reason: refusal };
    return { outcome, timedOut: false, responseDeadline: deadlines.response };
  }
  const definition = router.find(event.ResourceType);
  if (!definition) {
    const reason = `unknown resource type ${event.ResourceType}; this provider serves ${router.resourceTypes.join(', ')}`;
    const outcome: Outcome = { status: 'FAILED', physicalResourceId: failureId(event), reason };
    return { outcome, timedOut: false, responseDeadline: deadlines.response };
  }
  return {
    ...(await runWithWatchdog(definition, event, options, deadlines)),
    responseDeadline: deadlines.response,
  };
}

/**
 * Runs the handler against the deadline. When the deadline wins, the handler's signal is aborted and FAILED is
 * answered; should a Create (or a replacing Update) still finish afterwards, the resource it made is deleted at once,
 * because CloudFormation will never learn its id.
 */
async function runWithWatchdog(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  options: ResolvedOptions,
  deadlines: ReturnType<typeof computeDeadlines>,
): Promise<Omit<Decision, 'responseDeadline'>> {
  const controller = new AbortController();
  const work = runHandler(definition, event, { logger: options.logger, signal: controller.signal });
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadlines.handler - options.now()));
  });
  const winner = await Promise.race([work, watchdog]);
  clearTimeout(timer);
  if (winner !== 'timeout') return { outcome: winner, timedOut: false };

  const verb = event.RequestType.toLowerCase();
  const reason = `timed out after ${deadlines.handlerSeconds} s in ${verb}`;
  controller.abort(new DeadlineError(reason));
  const outcome: Outcome = { status: 'FAILED', physicalResourceId: failureId(event), reason };
  // A late Delete has nothing to undo; a late Create (or replacing Update) may have made a resource to delete.
  if (event.RequestType === 'Delete') return { outcome, timedOut: true };
  const late = work
    .then((result) => compensate(definition, event, options, outcome.physicalResourceId, result))
    .catch((error: unknown) =>
      options.logger.error('clean-up after a timeout failed', { error: errorText(error) }),
    );
  return { outcome, timedOut: true, late };
}

async function compensate(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  options: ResolvedOptions,
  answeredId: string,
  late: Outcome,
): Promise<void> {
  if (late.status !== 'SUCCESS' || late.physicalResourceId === answeredId) return;
  const { logger } = options;
  logger.warn('create finished after the deadline; deleting what it made', {
    logicalResourceId: event.LogicalResourceId,
    physicalResourceId: late.physicalResourceId,
  });
  const cleanup = { ...event, RequestType: 'Delete' as const, PhysicalResourceId: late.physicalResourceId };
  const result = await runHandler(definition, cleanup, { logger, signal: new AbortController().signal });
  if (result.status === 'FAILED')
    logger.error('could not delete what the late create made', { reason: result.reason });
}
