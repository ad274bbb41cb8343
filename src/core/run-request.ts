import { type HandOver, isContinuation } from '../long-running/continuation.js';
import { describeUrl } from '../redact.js';
import type { Router } from '../resource/router.js';
import { fitResponse, type ResponseTarget } from '../response/response-body.js';
import { checkResponseUrl, originsFromEnvironment } from '../response/response-url.js';
import { type Delivery, sendResponse } from '../response/send-response.js';
import { type Decision, decide } from './decide.js';
import type { ResolvedOptions } from './options.js';
import { errorText, type Outcome } from './outcome.js';
import { textField } from './text-field.js';
import { failureId } from './watchdog.js';

/** What became of one request: what was answered, and whether it reached CloudFormation. */
export interface RequestResult {
  /** What was answered; absent when nothing was sent (no usable ResponseURL, or handed over). */
  readonly outcome?: Outcome;
  /** The body sent, exactly as sent. */
  readonly body?: string;
  readonly delivery: Delivery;
  /** The watchdog answered because the handler did not finish in time. */
  readonly timedOut: boolean;
  /** The request carried a ResponseURL crkit may call; a request without one can never be answered. */
  readonly answerable: boolean;
  /** The operation is still running and was passed to a new invocation, which will answer. */
  readonly handedOver: boolean;
  /** After a timeout: the late handler's settling (and any clean-up); an entry point may wait for it. */
  readonly late?: Promise<void>;
}

const NOT_SENT = (error: string): Delivery => ({ delivered: false, attempts: 0, error });

/** Data a handler returned may be unserialisable (a throwing getter): that is a FAILED answer, not a crash. */
function fitSafely(target: ResponseTarget, outcome: Outcome) {
  try {
    return fitResponse(target, outcome);
  } catch (error) {
    const reason = `response Data could not be serialised: ${errorText(error)}`;
    return fitResponse(target, { status: 'FAILED', physicalResourceId: outcome.physicalResourceId, reason });
  }
}

/**
 * One request, from raw event (or a continuation of a long-running one) to delivered response: check the
 * ResponseURL, decide the outcome (parse, authorize, route, run the handler under a watchdog, check completion), fit
 * the body and PUT it once. When the operation must go on in a new invocation, `handOver` passes it on instead; with
 * no `handOver`, or if it fails, FAILED is answered. Shared by every entry point; never throws.
 */
export async function runRequest(
  raw: unknown,
  router: Router,
  options: ResolvedOptions,
  remainingMs: number,
  handOver?: HandOver,
): Promise<RequestResult> {
  const start = options.now();
  options.preload();
  const { logger } = options;
  const request = isContinuation(raw) ? raw.request : raw;
  const origins = [...options.allowedResponseOrigins, ...originsFromEnvironment()];
  const url = checkResponseUrl(textField(request, 'ResponseURL'), origins);
  const ids = {
    requestId: textField(request, 'RequestId'),
    logicalResourceId: textField(request, 'LogicalResourceId'),
    resourceType: textField(request, 'ResourceType'),
    requestType: textField(request, 'RequestType'),
  };
  const result = { timedOut: false, answerable: true, handedOver: false };
  if (!url.ok) {
    logger.error('request not answered: no usable ResponseURL', { ...ids, problem: url.problem });
    return { ...result, delivery: NOT_SENT(url.problem), answerable: false };
  }
  logger.info(isContinuation(raw) ? 'request continued' : 'request received', {
    ...ids,
    responseUrl: describeUrl(url.url.href),
  });
  const fallbackDeadline = start + Math.max(0, remainingMs - 50);
  const decided: Decision = await decide(raw, router, options, remainingMs, start, handOver).catch(
    (error: unknown): Decision => ({
      // Only a defect (in crkit or an injected dependency) lands here; it still gets an answer.
      kind: 'answer',
      outcome: {
        status: 'FAILED',
        physicalResourceId: failureId(request),
        reason: `internal error: ${errorText(error)}`,
      },
      timedOut: false,
      responseDeadline: fallbackDeadline,
    }),
  );
  if (decided.kind === 'handed-over') {
    logger.info('handed over', { ...ids, attempt: decided.attempt, durationMs: options.now() - start });
    return { ...result, delivery: NOT_SENT('handed over'), handedOver: true };
  }
  logger.info('handler finished', {
    ...ids,
    outcome: decided.outcome.status,
    timedOut: decided.timedOut,
    durationMs: options.now() - start,
  });
  const target: ResponseTarget = {
    StackId: textField(request, 'StackId') ?? 'unknown-stack',
    RequestId: textField(request, 'RequestId') ?? 'unknown-request',
    LogicalResourceId: textField(request, 'LogicalResourceId') ?? 'unknown-resource',
  };
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
    ...result,
    outcome: fitted.outcome,
    body: fitted.body,
    delivery,
    timedOut: decided.timedOut,
    ...(decided.late ? { late: decided.late } : {}),
  };
}
