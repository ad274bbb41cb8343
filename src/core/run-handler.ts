import { isDeepStrictEqual } from 'node:util';
import { RESERVED_PROPERTY_NAMES } from '../constants.js';
import { errorText } from '../error-text.js';
import { ValidationError } from '../errors.js';
import type { CreateEvent, CustomResourceEvent, DeleteEvent, UpdateEvent } from '../event/schema.js';
import type { Logger } from '../logger.js';
import type { AnyResourceDefinition, HandlerResult } from '../resource/types.js';
import { formatIssues } from '../validation/format-issues.js';
import type { HandlerOutcome, Outcome, PendingOutcome } from './outcome.js';
import {
  createFailedMarker,
  defaultPhysicalResourceId,
  handlerIdProblem,
  isCreateFailedMarker,
} from './physical-id.js';

/** What a handler run needs besides the event. */
export interface HandlerRun {
  readonly logger: Logger;
  readonly signal: AbortSignal;
}

type Parsed =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly error: ValidationError };

/** Validates properties with the definition's schema, after removing the keys CloudFormation itself adds. */
/** The properties without the keys CloudFormation itself adds. */
function withoutReserved(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw).filter(([key]) => !(RESERVED_PROPERTY_NAMES as readonly string[]).includes(key)),
  );
}

export function parseProperties(
  definition: AnyResourceDefinition,
  raw: Record<string, unknown>,
  root: 'ResourceProperties' | 'OldResourceProperties',
): Parsed {
  const properties = withoutReserved(raw);
  let result: ReturnType<typeof definition.properties.safeParse>;
  try {
    result = definition.properties.safeParse(properties, { reportInput: true });
  } catch (error) {
    // A refinement or transform that throws (or is async) is a schema that cannot read these properties.
    const issue = { path: root, message: `the schema threw: ${errorText(error)}` };
    return { ok: false, error: new ValidationError([issue], { resourceType: definition.resourceType }) };
  }
  if (result.success) return { ok: true, value: result.data };
  const issues = formatIssues(result.error.issues, { root, sensitive: definition.sensitiveProperties ?? [] });
  return { ok: false, error: new ValidationError(issues, { resourceType: definition.resourceType }) };
}

/** A handler's error, logged once at `error` with its stack (the logger redacts it like every line). */
function logHandlerError(logger: Logger, operation: string, error: unknown): void {
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
function settled(
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
  const physicalResourceId = defaultPhysicalResourceId(event);
  let result: HandlerResult | undefined | void;
  try {
    result = await definition.create({
      ...run,
      requestType: 'Create',
      properties: parsed.value,
      physicalResourceId,
      event,
    });
  } catch (error) {
    logHandlerError(run.logger, 'create', error);
    return failed(failedId, `create failed: ${errorText(error)}`);
  }
  let id: unknown;
  try {
    id = result?.physicalResourceId ?? physicalResourceId;
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
 * Why a Delete asks nothing of the definition, or `undefined` when its delete must run: the id is crkit's
 * create-failed marker (nothing was made), or not one this definition issues (CloudFormation made it up).
 */
export function nothingToDelete(
  definition: AnyResourceDefinition | undefined,
  id: string,
): string | undefined {
  if (isCreateFailedMarker(id)) return 'nothing to delete: the create failed';
  if (definition && ownIdProblem(definition, id) !== undefined) {
    return `nothing to delete: PhysicalResourceId ${JSON.stringify(id)} is not one this provider issues`;
  }
  return undefined;
}

/**
 * Why `id` is not one the definition issues (its `physicalResourceId` schema rejects it, or throws), or undefined.
 * Checked on every id a create or update returns, so that a Delete never mistakes a real id for a made-up one.
 */
function ownIdProblem(definition: AnyResourceDefinition, id: string): string | undefined {
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
 * crkit's Delete contract: delete runs for every id this provider issued, whatever the properties say. Properties
 * that no longer match the schema reach it as `undefined` (with `rawProperties`); if it then fails, the answer is
 * SUCCESS with a Reason naming what may remain, because a stack must never be stuck on a changed schema.
 */
async function runDelete(
  definition: AnyResourceDefinition,
  event: DeleteEvent,
  run: HandlerRun,
): Promise<HandlerOutcome> {
  const nothing = nothingToDelete(definition, event.PhysicalResourceId);
  if (nothing) return { status: 'SUCCESS', physicalResourceId: event.PhysicalResourceId, reason: nothing };
  return deleteResource(definition, event, run);
}

/**
 * Calls the definition's delete for `event.PhysicalResourceId`, whatever the id looks like: also what crkit uses to
 * remove a resource a create made under an id it could not answer.
 */
export async function deleteResource(
  definition: AnyResourceDefinition,
  event: DeleteEvent,
  run: HandlerRun,
): Promise<HandlerOutcome> {
  const id = event.PhysicalResourceId;
  const rawProperties = withoutReserved(event.ResourceProperties);
  const parsed = parseProperties(definition, event.ResourceProperties, 'ResourceProperties');
  if (!parsed.ok) {
    run.logger.warn('properties do not match the schema; deleting from the id and the raw properties', {
      physicalResourceId: id,
      reason: parsed.error.message,
    });
  }
  let result: Pick<HandlerResult, 'pending'> | undefined | void;
  try {
    result = await definition.delete({
      ...run,
      requestType: 'Delete',
      properties: parsed.ok ? parsed.value : undefined,
      rawProperties,
      physicalResourceId: id,
      event,
    });
  } catch (error) {
    logHandlerError(run.logger, 'delete', error);
    if (parsed.ok) return failed(id, `delete failed: ${errorText(error)}`);
    const reason = `delete failed without valid properties, ${id} may remain: ${errorText(error)}; ${parsed.error.message}`;
    run.logger.error('delete failed without valid properties; the resource may remain', {
      physicalResourceId: id,
      reason,
    });
    return { status: 'SUCCESS', physicalResourceId: id, reason };
  }
  // Whatever else a delete returns is ignored: a Delete can never change the id nor return Data.
  return settled(
    definition,
    'Delete',
    id,
    id,
    result?.pending === undefined ? undefined : { pending: result.pending },
  );
}

/**
 * The functional core of one request: validate the properties, pick and run the handler, decide the outcome. It
 * never throws: every failure is a FAILED outcome with the physical id CloudFormation must see.
 */
export function runHandler(
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
