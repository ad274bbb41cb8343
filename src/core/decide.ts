import { type CustomResourceEvent, CustomResourceEventSchema } from '../event/schema.js';
import { ContinuationSchema, type HandOver, isContinuation } from '../long-running/continuation.js';
import { completionTimeoutMs, pendingFailureId, pollUntilComplete } from '../long-running/poll.js';
import type { Router } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { formatIssues } from '../validation/format-issues.js';
import { computeDeadlines, type Deadlines, serviceTimeoutSeconds } from './deadline.js';
import type { ResolvedOptions } from './options.js';
import type { HandlerOutcome, Outcome } from './outcome.js';
import { errorText } from './outcome.js';
import { deleteOrphan, failureId, runWithWatchdog } from './watchdog.js';

/** What a request comes to in this invocation: an answer to send, or work handed over to a new invocation. */
export type Decision =
  | {
      readonly kind: 'answer';
      readonly outcome: Outcome;
      readonly timedOut: boolean;
      readonly responseDeadline: number;
      readonly late?: Promise<void>;
    }
  | { readonly kind: 'handed-over'; readonly attempt: number };

const answer = (outcome: Outcome, responseDeadline: number): Decision => ({
  kind: 'answer',
  outcome,
  timedOut: false,
  responseDeadline,
});

function invalid(
  issues: Parameters<typeof formatIssues>[0],
  raw: unknown,
  responseDeadline: number,
): Decision {
  const problems = formatIssues(issues, { root: 'event', sensitive: ['ResponseURL'] });
  const reason = `invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
  return answer({ status: 'FAILED', physicalResourceId: failureId(raw), reason }, responseDeadline);
}

/**
 * Parses, authorizes and routes a request (or a continuation of one) and runs its handler or its completion checks.
 * Every problem becomes a FAILED outcome.
 */
export async function decide(
  raw: unknown,
  router: Router,
  options: ResolvedOptions,
  remainingMs: number,
  start: number,
  handOver: HandOver | undefined,
): Promise<Decision> {
  const fallbackDeadline = start + Math.max(0, remainingMs - 50);
  const continued = isContinuation(raw)
    ? ContinuationSchema.safeParse(raw, { reportInput: true })
    : undefined;
  if (continued && !continued.success) return invalid(continued.error.issues, raw, fallbackDeadline);
  const parsed = CustomResourceEventSchema.safeParse(continued?.data?.request ?? raw, { reportInput: true });
  if (!parsed.success) return invalid(parsed.error.issues, continued?.data?.request ?? raw, fallbackDeadline);
  const event = parsed.data;
  const serviceTimeout = serviceTimeoutSeconds(
    event.ServiceTimeout ?? event.ResourceProperties.ServiceTimeout,
  );
  const deadlines = computeDeadlines(start, remainingMs, serviceTimeout, options.timeoutMarginMs);
  const refusal = await options.authorize(event);
  if (refusal !== undefined) {
    return answer(
      { status: 'FAILED', physicalResourceId: failureId(event), reason: refusal },
      deadlines.response,
    );
  }
  const definition = router.find(event.ResourceType);
  if (!definition) {
    const reason = `unknown resource type ${event.ResourceType}; this provider serves ${router.resourceTypes.join(', ')}`;
    return answer({ status: 'FAILED', physicalResourceId: failureId(event), reason }, deadlines.response);
  }
  if (continued?.data) {
    const work = { ...continued.data, status: 'PENDING' as const };
    return complete(definition, event, work, { deadlines, serviceTimeout, options, handOver });
  }
  const run = await runWithWatchdog(definition, event, options, deadlines);
  if (run.outcome.status !== 'PENDING')
    return { kind: 'answer', ...run, outcome: run.outcome, responseDeadline: deadlines.response };
  const work = { ...run.outcome, startedAt: start, attempt: 0 };
  return complete(definition, event, work, { deadlines, serviceTimeout, options, handOver });
}

/** Checks a pending operation and hands it over when it must; a failed replacement is cleaned up. */
async function complete(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  work: Parameters<typeof pollUntilComplete>[2],
  context: {
    readonly deadlines: Deadlines;
    readonly serviceTimeout: number | undefined;
    readonly options: ResolvedOptions;
    readonly handOver: HandOver | undefined;
  },
): Promise<Decision> {
  const { deadlines, options, handOver } = context;
  const total = completionTimeoutMs(definition, context.serviceTimeout);
  const result = await pollUntilComplete(definition, event, work, deadlines, total, options);
  let outcome: Outcome;
  if (result.kind === 'handover') {
    const problem = handOver
      ? await handOver(result.continuation).then(() => undefined, errorText)
      : 'no way to hand over';
    if (problem === undefined) return { kind: 'handed-over', attempt: result.continuation.attempt };
    const reason = `not finished before the invocation ended, and could not hand over: ${problem}`;
    outcome = { status: 'FAILED', physicalResourceId: pendingFailureId(event, work), reason };
  } else {
    outcome = result.outcome;
  }
  // CloudFormation keeps the old id when a replacement fails: the new resource would be lost, so it goes now.
  if (event.RequestType === 'Update' && work.operation === 'Create' && outcome.status === 'FAILED') {
    const made: HandlerOutcome = { status: 'SUCCESS', physicalResourceId: work.physicalResourceId };
    await deleteOrphan(definition, event, options, event.PhysicalResourceId, made);
  }
  return answer(outcome, deadlines.response);
}
