import { CFN_LIMITS } from '../constants.js';
import { errorText } from '../error-text.js';
import type { CustomResourceEvent } from '../event/schema.js';
import type { Continuation } from '../long-running/continuation.js';
import type { AnyResourceDefinition, CompletionContext, HandlerResult } from '../resource/types.js';
import type { Deadlines } from './deadline.js';
import { randomId } from './lazy-builtins.js';
import type { ResolvedOptions } from './options.js';
import type { Outcome, PendingOutcome } from './outcome.js';
import { parseProperties } from './parse-properties.js';
import { handlerIdProblem } from './physical-id.js';

/** Where a pending operation got to in this invocation. */
export type PollResult =
  | { readonly kind: 'done'; readonly outcome: Outcome }
  | { readonly kind: 'handover'; readonly continuation: Continuation };

/** A pending operation and where it stands. */
export interface PendingWork extends PendingOutcome {
  readonly startedAt: number;
  readonly attempt: number;
}

/**
 * The total time a pending operation may take: below ServiceTimeout, as CloudFormation stops waiting there, by the
 * answer's margin at least (`marginMs`, capped as the deadlines cap it), so that it times out with its own reason
 * before the invocation's deadline answers for it.
 */
export function completionTimeoutMs(
  definition: AnyResourceDefinition,
  serviceTimeout: number | undefined,
  marginMs: number,
): number {
  const service = serviceTimeout ?? CFN_LIMITS.maxServiceTimeoutSeconds;
  const seconds = definition.completion?.timeoutSeconds ?? service - Math.min(60, service / 10);
  const serviceMs = service * 1000;
  const margin = Math.min(marginMs, Math.max(250, serviceMs / 4));
  return Math.min(seconds * 1000, serviceMs - margin);
}

/** The id a failed pending operation answers; a failed Create keeps its own id so the rollback Delete removes it. */
export function pendingFailureId(
  event: CustomResourceEvent,
  work: Pick<PendingWork, 'physicalResourceId'>,
): string {
  return event.RequestType === 'Create' ? work.physicalResourceId : event.PhysicalResourceId;
}

/** The continuation that carries `work` to the next invocation. */
export function continuationOf(event: CustomResourceEvent, work: PendingWork, delayMs: number): Continuation {
  const { operation, physicalResourceId, state, startedAt, attempt } = work;
  return {
    kind: 'crkit.continuation',
    version: 1,
    id: randomId(),
    request: event,
    operation,
    physicalResourceId,
    state,
    startedAt,
    attempt,
    delayMs,
  };
}

const failed = (physicalResourceId: string, reason: string): PollResult => ({
  kind: 'done',
  outcome: { status: 'FAILED', physicalResourceId, reason },
});

function finished(work: PendingWork, result: HandlerResult | undefined | void): PollResult {
  // A Delete can never change the id nor return Data.
  if (work.operation === 'Delete')
    return { kind: 'done', outcome: { status: 'SUCCESS', physicalResourceId: work.physicalResourceId } };
  const id = result?.physicalResourceId ?? work.physicalResourceId;
  const problem = handlerIdProblem(id);
  if (problem) {
    // The id the operation started with is answered: it names what was made, for the rollback to remove.
    const reason = `isComplete returned an invalid physicalResourceId: ${problem}`;
    return failed(work.physicalResourceId, reason);
  }
  const outcome: Outcome = {
    status: 'SUCCESS',
    physicalResourceId: id,
    ...(result?.data === undefined ? {} : { data: result.data }),
    ...(result?.noEcho === undefined ? {} : { noEcho: result.noEcho }),
  };
  return { kind: 'done', outcome };
}

/**
 * Checks a pending operation with `isComplete`, waiting 250 ms at first and 1.5 times longer each time up to a cap,
 * until it finishes, fails, runs out of total time (then `onTimeout` and FAILED), or this invocation nears its end
 * (then it is handed over with its state).
 */
export async function pollUntilComplete(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  initial: PendingWork,
  deadlines: Deadlines,
  totalMs: number,
  options: ResolvedOptions,
  progress: { stage: string } = { stage: '' },
): Promise<PollResult> {
  const { logger, now } = options;
  const { isComplete } = definition;
  const properties = parseProperties(definition, event.ResourceProperties, 'ResourceProperties');
  const inPlace = event.RequestType === 'Update' && initial.operation === 'Update';
  const old = inPlace
    ? parseProperties(definition, event.OldResourceProperties, 'OldResourceProperties')
    : undefined;
  if (isComplete && !properties.ok && initial.operation === 'Delete') {
    // The delete was submitted; checking it needs the properties, which no longer match the schema (a provider
    // upgraded since the create). Blocking the stack on that would be worse than saying so.
    const reason = `delete submitted; its completion was not checked, as the properties no longer match the schema: ${properties.error.message}`;
    logger.warn('delete not checked: properties do not match the schema', {
      physicalResourceId: initial.physicalResourceId,
      reason,
    });
    return {
      kind: 'done',
      outcome: { status: 'SUCCESS', physicalResourceId: initial.physicalResourceId, reason },
    };
  }
  if (!isComplete || !properties.ok || (old && !old.ok)) {
    const reason = isComplete
      ? 'the properties no longer match the schema'
      : `${definition.resourceType} defines no isComplete`;
    return failed(pendingFailureId(event, initial), `could not check completion: ${reason}`);
  }
  const initialDelay = definition.completion?.initialDelayMs ?? 250;
  const maxDelay = definition.completion?.maxDelayMs ?? 1000;
  const totalAt = initial.startedAt + totalMs;
  let work = initial;
  for (;;) {
    const delay = Math.min(maxDelay, initialDelay * 1.5 ** work.attempt);
    const controller = new AbortController();
    const context: CompletionContext<Record<string, unknown>> = {
      requestType: work.operation,
      properties: properties.value,
      ...(old?.ok ? { oldProperties: old.value } : {}),
      physicalResourceId: work.physicalResourceId,
      state: work.state,
      attempt: work.attempt,
      elapsedMs: now() - work.startedAt,
      timeoutMs: totalMs,
      event,
      logger,
      signal: controller.signal,
    };
    if (now() + delay >= totalAt) {
      progress.stage = `onTimeout of the ${work.operation.toLowerCase()}`;
      // Called inside a promise so that a synchronous throw is handled like a rejection.
      await Promise.resolve()
        .then(() => definition.onTimeout?.(context))
        .catch((error: unknown) => logger.error('onTimeout failed', { error: errorText(error) }));
      const reason = `timed out after ${Math.round(totalMs / 100) / 10} s in ${work.operation.toLowerCase()}`;
      return failed(pendingFailureId(event, work), reason);
    }
    if (now() + delay >= deadlines.invocation)
      return { kind: 'handover', continuation: continuationOf(event, work, delay) };
    await options.sleep(delay);
    // A check may not outlive the total timeout (then it times out) nor the invocation (then it is handed over).
    let result: HandlerResult | undefined | void | 'deadline';
    try {
      const limit = Math.min(totalAt, deadlines.invocation) - now();
      const check = Promise.resolve().then(() => isComplete(context));
      result = await raceDeadline(check, limit, controller);
    } catch (error) {
      return failed(
        pendingFailureId(event, work),
        `${work.operation.toLowerCase()} failed: ${errorText(error)}`,
      );
    }
    if (result === 'deadline') {
      if (totalAt > deadlines.invocation)
        return { kind: 'handover', continuation: continuationOf(event, work, delay) };
      continue;
    }
    if (result?.pending === undefined) {
      logger.info('operation complete', { attempts: work.attempt + 1, durationMs: now() - work.startedAt });
      return finished(work, result);
    }
    work = { ...work, state: result.pending, attempt: work.attempt + 1 };
  }
}

/** A check that outlives its limit is abandoned, its signal aborted. */
async function raceDeadline<T>(
  work: Promise<T>,
  ms: number,
  controller: AbortController,
): Promise<T | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), Math.max(0, ms));
  });
  const winner = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (winner === 'deadline') controller.abort();
  return winner;
}
