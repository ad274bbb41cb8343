import { errorText } from '../error-text.js';
import type { DeleteEvent } from '../event/schema.js';
import type { AnyResourceDefinition, HandlerResult } from '../resource/types.js';
import { type HandlerRun, logHandlerError, ownIdProblem, settled } from './call-handler.js';
import type { HandlerOutcome } from './outcome.js';
import { parseProperties, withoutReserved } from './parse-properties.js';
import { isCreateFailedMarker } from './physical-id.js';

const failed = (physicalResourceId: string, reason: string): HandlerOutcome => ({
  status: 'FAILED',
  physicalResourceId,
  reason,
});

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
 * crkit's Delete contract: delete runs for every id this provider issued, whatever the properties say. Properties
 * that no longer match the schema reach it as `undefined` (with `rawProperties`); if it then fails, the answer is
 * SUCCESS with a Reason naming what may remain, because a stack must never be stuck on a changed schema.
 */
export async function runDelete(
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
