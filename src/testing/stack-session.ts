import { randomUUID } from 'node:crypto';
import type { ConnectedProvider } from './connect-provider.js';
import { createEvent, deleteEvent, updateEvent } from './events.js';
import type { StepExpectation } from './lifecycle-steps.js';
import { unmetExpectation } from './lifecycle-steps.js';
import type { LifecycleAction, LifecycleEntry, LifecycleProgress } from './lifecycle-timeline.js';

/** Passed to `send` instead of a request: deliver the last request again, as SNS, SQS or Lambda may. */
export const AGAIN = Symbol('the last request, delivered again');

/** One resource of the stack: its physical id and the properties it was last given. */
export interface StackResource {
  readonly id: string;
  readonly properties: Record<string, unknown>;
}

/** The stack the requests come from. */
export interface StackIdentity {
  readonly resourceType: string;
  readonly stackId?: string | undefined;
  readonly logicalResourceId?: string | undefined;
  readonly serviceToken?: string | undefined;
}

/**
 * CloudFormation's side of one resource's life: it sends each request with the stack's identity and a fresh
 * RequestId, follows up as CloudFormation does (rollback and cleanup requests), and records every exchange.
 */
export function stackSession(
  provider: ConnectedProvider,
  stack: StackIdentity,
  onProgress?: (progress: LifecycleProgress) => void | Promise<void>,
) {
  const identity = {
    resourceType: stack.resourceType,
    stackId:
      stack.stackId ?? `arn:aws:cloudformation:us-east-1:123456789012:stack/crkit-lifecycle/${randomUUID()}`,
    logicalResourceId: stack.logicalResourceId ?? 'Resource',
    ...(stack.serviceToken === undefined ? {} : { serviceToken: stack.serviceToken }),
  };
  const entries: LifecycleEntry[] = [];

  /** Sends one request; `previousId` is the id an Update carried, to tell an update in place from a replacement. */
  const send = async (
    step: number,
    action: LifecycleAction,
    request: Record<string, unknown> | typeof AGAIN,
    expect: StepExpectation,
    previousId?: string,
  ) => {
    const startedAt = new Date();
    const { logicalResourceId } = identity;
    await onProgress?.({ kind: 'started', step, action, logicalResourceId, at: startedAt });
    const exchange = await (request === AGAIN ? provider.sendAgain() : provider.send(request));
    const unmet = unmetExpectation(expect, exchange.response, previousId);
    const entry: LifecycleEntry = {
      ...exchange,
      step,
      action,
      startedAt,
      expected: unmet === undefined,
      ...(unmet === undefined ? {} : { unmet }),
      problems: unmet === undefined ? exchange.problems : [...exchange.problems, unmet],
    };
    entries.push(entry);
    await onProgress?.({ kind: 'finished', entry });
    return entry.response;
  };

  /** A Create; when it fails, the stack's rollback Delete under the id the FAILED answer gave. */
  const create = async (step: number, properties: Record<string, unknown>, expect: StepExpectation) => {
    const response = await send(step, 'create', createEvent({ ...identity, properties }), expect);
    if (response?.Status === 'SUCCESS') return { id: response.PhysicalResourceId, properties };
    if (response?.PhysicalResourceId) {
      const physicalResourceId = response.PhysicalResourceId;
      await send(
        step,
        'rollback-delete',
        deleteEvent({ ...identity, physicalResourceId, properties }),
        'success',
      );
    }
    return undefined;
  };

  /** An Update; a new id is a replacement, followed (once the stack update is done) by the cleanup Delete. */
  const update = async (
    step: number,
    action: 'update' | 'rollback-update',
    expect: StepExpectation,
    from: StackResource,
    properties: Record<string, unknown>,
  ): Promise<{ resource: StackResource; failed: boolean }> => {
    const oldProperties = from.properties;
    const request = updateEvent({ ...identity, physicalResourceId: from.id, properties, oldProperties });
    const response = await send(step, action, request, expect, from.id);
    if (response?.Status !== 'SUCCESS') return { resource: from, failed: true };
    if (response.PhysicalResourceId !== from.id) {
      // The cleanup Delete carries the properties the old resource had (the Update's old properties).
      const cleanup = deleteEvent({ ...identity, physicalResourceId: from.id, properties: oldProperties });
      await send(step, 'cleanup-delete', cleanup, 'success');
    }
    return { resource: { id: response.PhysicalResourceId, properties }, failed: false };
  };

  /** An Update that, when it fails, is rolled back: old and new properties swapped, with the id from before. */
  const updateOrRollBack = async (
    step: number,
    expect: StepExpectation,
    from: StackResource,
    properties: Record<string, unknown>,
  ): Promise<StackResource> => {
    const updated = await update(step, 'update', expect, from, properties);
    if (!updated.failed) return updated.resource;
    const failedFrom = { id: from.id, properties };
    return (await update(step, 'rollback-update', 'success', failedFrom, from.properties)).resource;
  };

  /** A Delete of `resource` (a stack delete, or the resource removed from the template). */
  const remove = async (step: number, resource: StackResource, expect: StepExpectation) => {
    const request = deleteEvent({
      ...identity,
      physicalResourceId: resource.id,
      properties: resource.properties,
    });
    return send(step, 'delete', request, expect);
  };

  return { identity, entries, send, create, update: updateOrRollBack, remove };
}
