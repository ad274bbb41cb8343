import { errorText } from '../error-text.js';
import type { Logger } from '../logger.js';
import type { Redactor } from '../redaction/redactor.js';
import {
  type ResponseDelivery,
  type RetryOptions,
  type SendDependencies,
  sendResponse,
} from '../response/send-response.js';
import { fitResponse, type ResponseTarget } from './fit-response.js';
import type { Outcome } from './outcome.js';
import { failureId, physicalIdProblem } from './physical-id.js';
import { textField } from './text-field.js';

/** The answer one request got: what was sent, exactly as sent, and whether it reached CloudFormation. */
export interface Sent {
  readonly outcome: Outcome;
  readonly body: string;
  readonly delivery: ResponseDelivery;
}

/**
 * The one way a request is answered. Every answer crkit gives (the handler's, a timeout's, an internal error's, a
 * stored body re-sent for a duplicate) goes through `send` or `resend`, and only the first call PUTs: a request is
 * answered exactly once. `send` fits the outcome to CloudFormation's limits (4,096 bytes, a valid physical id,
 * redacted Reason) before anything leaves.
 */
export interface Reply {
  /** The request's identity, copied into the response. */
  readonly target: ResponseTarget;
  /** Answers `outcome`; a later call gets the first call's answer and sends nothing. */
  send(outcome: Outcome): Promise<Sent>;
  /** Answers with a body an earlier delivery stored (already fitted); a no-op after the first answer. */
  resend(body: string): Promise<Sent>;
  /** No answer from this invocation: the operation was handed to another. False when it was answered already. */
  handOver(): boolean;
  /** Whether the request was answered or handed over. */
  readonly done: boolean;
  /** The answer, once sent; undefined when handed over. */
  readonly answered: Promise<Sent | undefined>;
  /** What is running now, for the Reason of an answer the deadline forces ("authorize", "create", ...). */
  stage: string;
  /**
   * The id of a resource this request has made and CloudFormation must learn (a pending Create's id): an answer the
   * deadline forces then carries it, so that the rollback Delete removes the resource.
   */
  madeId: string | undefined;
  /** A FAILED outcome with `reason`: under the id of what this request made (`madeId`), else its failure id. */
  failure(reason: string): Outcome;
  /** The request's one redaction step, which knows its secrets. */
  readonly redactor: Redactor;
  /** A hand-over under way: the invocation's deadline waits for it (until `Deadlines.handOver`) before answering. */
  handingOver: Promise<unknown> | undefined;
}

/** What a reply needs: where to send, until when, and the I/O seam. */
export interface ReplyContext extends SendDependencies {
  /** The request's redaction: a Reason passes through it before it leaves. */
  readonly redactor: Redactor;
  readonly url: string;
  readonly retry: RetryOptions;
  readonly logger: Logger;
  /** Epoch ms after which no PUT try starts. */
  readonly responseDeadline: number;
}

const orUnknown = (value: string | undefined, fallback: string) => value ?? fallback;

/** Creates the reply of one request (`request` is the raw CloudFormation event). */
export function createReply(request: unknown, context: ReplyContext): Reply {
  const target: ResponseTarget = {
    StackId: orUnknown(textField(request, 'StackId'), 'unknown-stack'),
    RequestId: orUnknown(textField(request, 'RequestId'), 'unknown-request'),
    LogicalResourceId: orUnknown(textField(request, 'LogicalResourceId'), 'unknown-resource'),
  };
  let first: Promise<Sent> | undefined;
  let handedOver = false;
  let settle: (sent: Sent | undefined) => void = () => {};
  const answered = new Promise<Sent | undefined>((resolve) => {
    settle = resolve;
  });
  const put = async (body: string, outcome: Outcome): Promise<Sent> => {
    const delivery = await sendResponse(
      context.url,
      body,
      context.responseDeadline,
      context.retry,
      context,
    ).catch(
      (error: unknown): ResponseDelivery => ({ delivered: false, attempts: 0, error: errorText(error) }),
    );
    return { outcome, body, delivery };
  };
  const once = (make: () => Promise<Sent>): Promise<Sent> => {
    if (first) return first;
    first = make();
    void first.then(settle);
    return first;
  };
  const reply: Reply = {
    target,
    redactor: context.redactor,
    stage: 'start',
    madeId: undefined,
    handingOver: undefined,
    get done() {
      return first !== undefined || handedOver;
    },
    answered,
    send: (outcome) =>
      once(() => {
        // NoEcho Data is a secret of this request from now on: no log line may show it.
        if (outcome.noEcho) context.redactor.add(outcome.data);
        const fitted = fitSafely(target, outcome, reply.madeId ?? failureId(request), context.redactor.text);
        return put(fitted.body, fitted.outcome);
      }),
    failure: (reason) => ({
      status: 'FAILED',
      physicalResourceId: reply.madeId ?? failureId(request),
      reason,
    }),
    resend: (body) => once(() => put(body, statusOf(body, target))),
    handOver() {
      if (first) return false;
      handedOver = true;
      settle(undefined);
      return true;
    },
  };
  return reply;
}

/** Fitting reads what a handler returned (Data may have throwing getters): that is a FAILED answer, not a crash. */
function fitSafely(
  target: ResponseTarget,
  outcome: Outcome,
  fallbackId: string,
  clean: (text: string) => string,
) {
  try {
    return fitResponse(target, outcome, fallbackId, clean);
  } catch (error) {
    // The id stays when it is valid: the resource exists under it, and the rollback Delete must find it.
    const reason = `response Data could not be serialised: ${errorText(error)}`;
    const id =
      physicalIdProblem(outcome.physicalResourceId) === undefined ? outcome.physicalResourceId : fallbackId;
    return fitResponse(target, { status: 'FAILED', physicalResourceId: id, reason }, fallbackId, clean);
  }
}

/** The outcome a stored body carries, for logs and the entry's report. */
function statusOf(body: string, target: ResponseTarget): Outcome {
  try {
    const parsed = JSON.parse(body) as { Status?: unknown; PhysicalResourceId?: unknown };
    return {
      status: parsed.Status === 'SUCCESS' ? 'SUCCESS' : 'FAILED',
      physicalResourceId: String(parsed.PhysicalResourceId),
    };
  } catch {
    return { status: 'FAILED', physicalResourceId: target.LogicalResourceId };
  }
}
