import { type CustomResourceEvent, CustomResourceEventSchema } from '../event/schema.js';
import { ContinuationSchema, isContinuation } from '../long-running/continuation.js';
import { completionTimeoutMs, pendingFailureId, pollUntilComplete } from '../long-running/poll.js';
import type { Router } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { formatIssues } from '../validation/format-issues.js';
import { serviceTimeoutSeconds } from './deadline.js';
import type { HandlerOutcome, Outcome } from './outcome.js';
import { errorText } from './outcome.js';
import { failureId } from './physical-id.js';
import { nothingToDelete, parseProperties } from './run-handler.js';
import type { RunContext } from './run-request.js';
import { textField } from './text-field.js';
import { deleteOrphan, runWithWatchdog } from './watchdog.js';

/** What a request comes to in this invocation: an answer to send, or work handed over to a new invocation. */
export type Decision =
  | {
      readonly kind: 'answer';
      readonly outcome: Outcome;
      readonly timedOut: boolean;
      readonly late?: Promise<void>;
    }
  | { readonly kind: 'handed-over'; readonly attempt: number };

const answer = (outcome: Outcome): Decision => ({ kind: 'answer', outcome, timedOut: false });

function invalid(issues: Parameters<typeof formatIssues>[0], raw: unknown): Decision {
  const problems = formatIssues(issues, { root: 'event', sensitive: ['ResponseURL'] });
  const reason = `invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
  return answer({ status: 'FAILED', physicalResourceId: failureId(raw), reason });
}

/**
 * Whether a raw request is a Delete that names nothing this provider made (crkit's marker, a type it does not serve,
 * an id its definition does not issue): such a Delete is answered SUCCESS before anything may refuse or delay it,
 * the idempotency store included.
 */
export function isDeleteOfNothing(request: unknown, router: Router): boolean {
  const id = textField(request, 'PhysicalResourceId');
  if (textField(request, 'RequestType') !== 'Delete' || id === undefined) return false;
  const definition = router.find(textField(request, 'ResourceType') ?? '');
  return !definition || nothingToDelete(definition, id) !== undefined;
}

/**
 * Parses and routes a request (or a continuation of one) and runs its handler or its completion checks.
 * Every problem becomes a FAILED outcome. Each step names itself in `reply.stage`, for the Reason of an answer the
 * invocation's deadline forces while it runs.
 */
export async function decide(raw: unknown, context: RunContext): Promise<Decision> {
  const { router, options, deadlines, reply } = context;
  reply.stage = 'parsing the request';
  const continued = isContinuation(raw)
    ? ContinuationSchema.safeParse(raw, { reportInput: true })
    : undefined;
  if (continued && !continued.success) return invalid(continued.error.issues, raw);
  const parsed = CustomResourceEventSchema.safeParse(continued?.data?.request ?? raw, { reportInput: true });
  if (!parsed.success) return invalid(parsed.error.issues, continued?.data?.request ?? raw);
  const event = parsed.data;
  const serviceTimeout = serviceTimeoutSeconds(
    event.ServiceTimeout ?? event.ResourceProperties.ServiceTimeout,
  );
  const definition = router.find(event.ResourceType);
  // The values of sensitive properties are secrets of this request: no Reason or log line may show them.
  // Both as sent and as the schema turns them (a list's items, a field inside cfn.json, a transformed value).
  if (definition?.sensitiveProperties?.length) {
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
  // A Delete that names nothing this provider made is SUCCESS before anything may refuse it: a refusal would leave
  // the stack in DELETE_FAILED or ROLLBACK_FAILED for a resource that does not exist.
  if (event.RequestType === 'Delete' && !continued) {
    const nothing = definition
      ? nothingToDelete(definition, event.PhysicalResourceId)
      : (nothingToDelete(undefined, event.PhysicalResourceId) ??
        `nothing deleted: this provider does not serve ${event.ResourceType} (it serves ${router.resourceTypes.join(', ')}); if it once did, ${event.PhysicalResourceId} may remain`);
    if (nothing)
      return answer({ status: 'SUCCESS', physicalResourceId: event.PhysicalResourceId, reason: nothing });
  }
  // `authorize` has run already, before the idempotency store (serveRequest): nothing of a refused request gets here.
  if (!definition) {
    const reason = `unknown resource type ${event.ResourceType}; this provider serves ${router.resourceTypes.join(', ')}`;
    return answer({ status: 'FAILED', physicalResourceId: failureId(event), reason });
  }
  if (continued?.data) {
    const work = { ...continued.data, status: 'PENDING' as const };
    return complete(definition, event, work, { ...context, serviceTimeout });
  }
  reply.stage = event.RequestType.toLowerCase();
  const run = await runWithWatchdog(definition, event, options, deadlines);
  if (run.outcome.status !== 'PENDING') {
    if (run.outcome.status === 'FAILED' && run.outcome.made !== undefined) {
      // Made under an id CloudFormation cannot be told: removed before the answer, or it would be left behind.
      reply.stage = 'the clean-up of what the failed create made';
      await deleteOrphan(definition, event, options, run.outcome.physicalResourceId, run.outcome);
    }
    return { kind: 'answer', ...run, outcome: run.outcome };
  }
  const work = { ...run.outcome, startedAt: context.start, attempt: 0 };
  return complete(definition, event, work, { ...context, serviceTimeout });
}

/** Checks a pending operation and hands it over when it must; a failed replacement is cleaned up. */
async function complete(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  work: Parameters<typeof pollUntilComplete>[2],
  context: RunContext & { readonly serviceTimeout: number | undefined },
): Promise<Decision> {
  const { deadlines, options, handOver, reply } = context;
  // A pending Create has made its resource: an answer the deadline forces must name it, so that it is deleted.
  if (event.RequestType === 'Create') reply.madeId = work.physicalResourceId;
  reply.stage = `isComplete of the ${work.operation.toLowerCase()}`;
  const total = completionTimeoutMs(definition, context.serviceTimeout, options.timeoutMarginMs);
  const result = await pollUntilComplete(definition, event, work, deadlines, total, options, reply);
  let outcome: Outcome;
  if (result.kind === 'handover') {
    reply.stage = 'the hand-over to a new invocation';
    const signal = AbortSignal.timeout(Math.max(1, Math.ceil(deadlines.handOver - options.now())));
    const handing = handOver
      ? handOver(result.continuation, signal).then(() => undefined, errorText)
      : Promise.resolve('no way to hand over');
    reply.handingOver = handing;
    const problem = await handing;
    reply.handingOver = undefined;
    if (problem === undefined) {
      if (!reply.handOver()) {
        options.logger.error(
          'handed over after the deadline had answered; the next invocation answers again',
          {
            physicalResourceId: work.physicalResourceId,
          },
        );
      }
      return { kind: 'handed-over', attempt: result.continuation.attempt };
    }
    const reason = `not finished before the invocation ended, and could not hand over: ${problem}`;
    outcome = { status: 'FAILED', physicalResourceId: pendingFailureId(event, work), reason };
  } else {
    outcome = result.outcome;
  }
  // CloudFormation keeps the old id when a replacement fails: the new resource would be lost, so it goes now.
  if (event.RequestType === 'Update' && work.operation === 'Create' && outcome.status === 'FAILED') {
    reply.stage = 'the clean-up of the failed replacement';
    const made: HandlerOutcome = { status: 'SUCCESS', physicalResourceId: work.physicalResourceId };
    await deleteOrphan(definition, event, options, event.PhysicalResourceId, made);
  }
  return answer(outcome);
}
