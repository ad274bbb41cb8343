import { errorText } from '../error-text.js';
import { DeadlineError } from '../errors.js';
import type { CustomResourceEvent } from '../event/schema.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { callHandler } from './call-handler.js';
import type { Deadlines } from './deadline.js';
import { deleteResource } from './delete-contract.js';
import type { ResolvedOptions } from './options.js';
import type { HandlerOutcome, Outcome } from './outcome.js';
import { failureId } from './physical-id.js';

/** What the handler came to within its deadline; `late` settles what a timed-out handler still does. */
export interface WatchedRun {
  readonly outcome: HandlerOutcome;
  readonly timedOut: boolean;
  readonly late?: Promise<void>;
}

/**
 * Runs the handler against the deadline. When the deadline wins, the handler's signal is aborted and FAILED is
 * answered; should a Create (or a replacing Update) still finish afterwards, the resource it made is deleted at once,
 * because CloudFormation will never learn its id.
 */
export async function runWithWatchdog(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  options: ResolvedOptions,
  deadlines: Deadlines,
): Promise<WatchedRun> {
  const controller = new AbortController();
  const work = callHandler(definition, event, { logger: options.logger, signal: controller.signal });
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadlines.handler - options.now()));
  });
  const winner = await Promise.race([work, watchdog]);
  clearTimeout(timer);
  if (winner !== 'timeout') return { outcome: winner, timedOut: false };

  const reason = `timed out after ${deadlines.handlerSeconds} s in ${event.RequestType.toLowerCase()}`;
  controller.abort(new DeadlineError(reason));
  const outcome: Outcome = { status: 'FAILED', physicalResourceId: failureId(event), reason };
  // A late Delete has nothing to undo; a late Create (or replacing Update) may have made a resource to delete.
  if (event.RequestType === 'Delete') return { outcome, timedOut: true };
  const late = work
    .then((result) => deleteOrphan(definition, event, options, outcome.physicalResourceId, result))
    .catch((error: unknown) =>
      options.logger.error('clean-up after a timeout failed', { error: errorText(error) }),
    );
  return { outcome, timedOut: true, late };
}

/**
 * Deletes a resource whose id CloudFormation was never told: made by a create that finished (or went pending) after
 * FAILED was answered with another id.
 */
export async function deleteOrphan(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  options: ResolvedOptions,
  answeredId: string,
  made: HandlerOutcome,
): Promise<void> {
  // A create that failed may still have made something, under an id crkit could not answer (`made`).
  const id = made.status === 'FAILED' ? made.made : made.physicalResourceId;
  if (id === undefined || id === answeredId) return;
  const { logger } = options;
  logger.warn('deleting a resource CloudFormation was not told about', {
    logicalResourceId: event.LogicalResourceId,
    physicalResourceId: id,
  });
  const cleanup = { ...event, RequestType: 'Delete' as const, PhysicalResourceId: id };
  const result = await deleteResource(definition, cleanup, { logger, signal: new AbortController().signal });
  if (result.status === 'FAILED') {
    logger.error('could not delete the resource', { physicalResourceId: id, reason: result.reason });
  }
}
