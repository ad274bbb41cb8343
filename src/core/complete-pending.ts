import { errorText } from '../error-text.js';
import type { CustomResourceEvent } from '../event/schema.js';
import type { HandOver } from '../long-running/continuation.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import type { Deadlines } from './deadline.js';
import type { ResolvedOptions } from './options.js';
import type { HandlerOutcome, Outcome } from './outcome.js';
import {
  completionTimeoutMs,
  type PendingWork,
  pendingFailureId,
  pollUntilComplete,
} from './poll-until-complete.js';
import type { Reply } from './reply.js';
import { deleteOrphan } from './watchdog.js';

/** What completing a pending operation needs besides the operation. */
export interface CompletionRun {
  readonly options: ResolvedOptions;
  readonly deadlines: Deadlines;
  readonly reply: Reply;
  readonly handOver?: HandOver | undefined;
  /** The request's ServiceTimeout in seconds, when it has one. */
  readonly serviceTimeout: number | undefined;
}

/**
 * Completes a pending operation: checks it with `isComplete` until it is done, or hands it over to a new invocation
 * when this one nears its end (`'handed-over'`: the next invocation answers). A failed replacement is deleted
 * before the answer, since CloudFormation keeps the old id and would never learn the new one.
 */
export async function completePending(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  work: PendingWork,
  run: CompletionRun,
): Promise<Outcome | 'handed-over'> {
  const { deadlines, options, handOver, reply } = run;
  // A pending Create has made its resource: an answer the deadline forces must name it, so that it is deleted.
  if (event.RequestType === 'Create') reply.madeId = work.physicalResourceId;
  reply.stage = `isComplete of the ${work.operation.toLowerCase()}`;
  const total = completionTimeoutMs(definition, run.serviceTimeout, options.timeoutMarginMs);
  const polled = await pollUntilComplete(definition, event, work, deadlines, total, options, reply);
  let outcome: Outcome;
  if (polled.kind === 'handover') {
    reply.stage = 'the hand-over to a new invocation';
    const signal = AbortSignal.timeout(Math.max(1, Math.ceil(deadlines.handOver - options.now())));
    const handing = handOver
      ? handOver(polled.continuation, signal).then(() => undefined, errorText)
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
      options.logger.info('handed over', { attempt: polled.continuation.attempt });
      return 'handed-over';
    }
    const reason = `not finished before the invocation ended, and could not hand over: ${problem}`;
    outcome = { status: 'FAILED', physicalResourceId: pendingFailureId(event, work), reason };
  } else {
    outcome = polled.outcome;
  }
  if (event.RequestType === 'Update' && work.operation === 'Create' && outcome.status === 'FAILED') {
    reply.stage = 'the clean-up of the failed replacement';
    const made: HandlerOutcome = { status: 'SUCCESS', physicalResourceId: work.physicalResourceId };
    await deleteOrphan(definition, event, options, event.PhysicalResourceId, made);
  }
  return outcome;
}
