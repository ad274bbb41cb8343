import { errorText } from '../error-text.js';
import type { CreateEvent, CustomResourceEvent, UpdateEvent } from '../event/schema.js';
import type { Logger } from '../logger.js';
import type { AnyResourceDefinition, HandlerResult } from '../resource/types.js';
import { runDelete } from './delete-contract.js';
import { isDeepStrictEqual } from './lazy-builtins.js';
import type { HandlerOutcome, Outcome, PendingOutcome } from './outcome.js';
import { parseProperties } from './parse-properties.js';
import { createFailedMarker, defaultPhysicalResourceId, handlerIdProblem } from './physical-id.js';

/** What a handler run needs besides the event. */
export interface HandlerRun {
  readonly logger: Logger;
  readonly signal: AbortSignal;
}

/** A handler's error, logged once at `error` with its stack (the logger redacts it like every line). */
export function logHandlerError(logger: Logger, operation: string, error: unknown): void {
  let stack: string | undefined;
  try {
    stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : undefined;
  } catch {
    stack = undefined;
  }
  logger.error(`${operation} failed`, { error: errorText(error), ...(stack ? { stack } : {}) });
}

const failed = (physicalResourceId: string, reason: string): Outcome => ({
  status: 'FAILED',
  physicalResourceId,
  reason,
});

/** A handler's result as an outcome: SUCCESS, or PENDING when it returned `pending` (and `isComplete` exists). */
export function settled(
  definition: AnyResourceDefinition,
  operation: PendingOutcome['operation'],
  physicalResourceId: string,
  failedId: string,
  result: HandlerResult | undefined | void,
): HandlerOutcome {
  if (result?.pending !== undefined) {
    if (!definition.isComplete) {
      const reason = `${operation.toLowerCase()} returned pending, but ${definition.resourceType} defines no isComplete`;
      // What a create started is removed before the answer: nothing would ever check or delete it.
      const made =
        operation === 'Create' && physicalResourceId !== failedId ? { made: physicalResourceId } : {};
      return { ...failed(failedId, reason), ...made };
    }
    return { status: 'PENDING', physicalResourceId, operation, state: result.pending };
  }
  return {
    status: 'SUCCESS',
    physicalResourceId,
    ...(result?.data === undefined ? {} : { data: result.data }),
    ...(result?.noEcho === undefined ? {} : { noEcho: result.noEcho }),
  };
}

/**
 * Runs `create` for a Create, or for an Update that replaces the resource. `failedId` is what a failure answers: the
 * create-failed marker for a Create (so the rollback Delete has nothing to do), the old id for a replacement.
 */
async function runCreate(
  definition: AnyResourceDefinition,
  event: CreateEvent | UpdateEvent,
  run: HandlerRun,
  failedId: string,
): Promise<HandlerOutcome> {
  const parsed = parseProperties(definition, event.ResourceProperties, 'ResourceProperties');
  if (!parsed.ok) return failed(failedId, parsed.error.message);
  // The default id is a SHA-256, and node:crypto takes milliseconds to load: it is computed only when read, by the
  // handler or because the handler returned no id of its own.
  let defaultId: string | undefined;
  const physicalResourceId = () => {
    defaultId ??= defaultPhysicalResourceId(event);
    return defaultId;
  };
  let result: HandlerResult | undefined | void;
  try {
    result = await definition.create({
      ...run,
      requestType: 'Create',
      properties: parsed.value,
      get physicalResourceId() {
        return physicalResourceId();
      },
      event,
    });
  } catch (error) {
    logHandlerError(run.logger, 'create', error);
    return failed(failedId, `create failed: ${errorText(error)}`);
  }
  let id: unknown;
  try {
    id = result?.physicalResourceId ?? physicalResourceId();
  } catch (error) {
    return failed(failedId, `create returned a result that could not be read: ${errorText(error)}`);
  }
  const problem = handlerIdProblem(id) ?? ownIdProblem(definition, id as string);
  if (problem) {
    // Something may exist under that id: its delete is called with it before the answer.
    const made = typeof id === 'string' || typeof id === 'number' ? { made: String(id) } : {};
    return { ...failed(failedId, `create returned an invalid physicalResourceId: ${problem}`), ...made };
  }
  return settled(definition, 'Create', id as string, failedId, result);
}

function replacementReason(
  definition: AnyResourceDefinition,
  old: Record<string, unknown>,
  next: Record<string, unknown>,
) {
  if (!definition.update) return 'no update handler';
  const changed = (definition.replaceOn ?? []).filter(
    (key: string) => !isDeepStrictEqual(old[key], next[key]),
  );
  return changed.length > 0 ? `${changed.join(', ')} changed` : undefined;
}

async function runUpdate(
  definition: AnyResourceDefinition,
  event: UpdateEvent,
  run: HandlerRun,
): Promise<HandlerOutcome> {
  const oldId = event.PhysicalResourceId;
  const next = parseProperties(definition, event.ResourceProperties, 'ResourceProperties');
  if (!next.ok) return failed(oldId, next.error.message);
  const parsedOld = parseProperties(definition, event.OldResourceProperties, 'OldResourceProperties');
  // Old properties the schema rejects are either those of an update that failed validation (CloudFormation's rollback
  // Update carries them; they were never applied) or from before a schema change. Either way the resource is brought
  // to the new properties from the new properties alone: failing here would leave the rollback stuck.
  if (!parsedOld.ok) {
    run.logger.warn('OldResourceProperties do not match the schema; updating from the new properties alone', {
      physicalResourceId: oldId,
      reason: parsedOld.error.message,
    });
  }
  const old = parsedOld.ok ? parsedOld : next;
  const replacing = replacementReason(definition, old.value, next.value);
  if (replacing) {
    run.logger.info('replacing resource', { reason: replacing, physicalResourceId: oldId });
    return runCreate(definition, event, run, oldId);
  }
  let result: HandlerResult | undefined | void;
  try {
    result = await definition.update?.({
      ...run,
      requestType: 'Update',
      properties: next.value,
      oldProperties: old.value,
      physicalResourceId: oldId,
      event,
    });
  } catch (error) {
    logHandlerError(run.logger, 'update', error);
    return failed(oldId, `update failed: ${errorText(error)}`);
  }
  let id: unknown;
  try {
    id = result?.physicalResourceId ?? oldId;
  } catch (error) {
    return failed(oldId, `update returned a result that could not be read: ${errorText(error)}`);
  }
  const problem = handlerIdProblem(id) ?? (id === oldId ? undefined : ownIdProblem(definition, id as string));
  if (problem) {
    // An update that returned a new id made a new resource: its delete is called with that id before the answer.
    const made =
      (typeof id === 'string' || typeof id === 'number') && String(id) !== oldId ? { made: String(id) } : {};
    return { ...failed(oldId, `update returned an invalid physicalResourceId: ${problem}`), ...made };
  }
  return settled(definition, 'Update', id as string, oldId, result);
}

/**
 * Why `id` is not one the definition issues (its `physicalResourceId` schema rejects it, or throws), or undefined.
 * Checked on every id a create or update returns, so that a Delete never mistakes a real id for a made-up one.
 */
export function ownIdProblem(definition: AnyResourceDefinition, id: string): string | undefined {
  const schema = definition.physicalResourceId;
  if (!schema) return undefined;
  try {
    const parsed = schema.safeParse(id);
    return parsed.success
      ? undefined
      : `${JSON.stringify(id)} does not match the definition's physicalResourceId schema`;
  } catch (error) {
    return `the definition's physicalResourceId schema threw: ${errorText(error)}`;
  }
}

/**
 * The functional core of one request: validate the properties, pick and run the handler, decide the outcome. It
 * never throws: every failure is a FAILED outcome with the physical id CloudFormation must see.
 */
export function callHandler(
  definition: AnyResourceDefinition,
  event: CustomResourceEvent,
  run: HandlerRun,
): Promise<HandlerOutcome> {
  switch (event.RequestType) {
    case 'Create':
      return runCreate(definition, event, run, createFailedMarker(event.RequestId));
    case 'Update':
      return runUpdate(definition, event, run);
    case 'Delete':
      return runDelete(definition, event, run);
    default:
      return event satisfies never;
  }
}
