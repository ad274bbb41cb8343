import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import type { LambdaHandlerOptions } from '../../src/entry/lambda.js';
import type { Continuation } from '../../src/long-running/continuation.js';
import { defineResource } from '../../src/resource/define-resource.js';
import type { CompletionContext, ResourceDefinitionInput } from '../../src/resource/types.js';
import { createEvent, deleteEvent, updateEvent } from '../../src/testing/events.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const Properties = z.object({ Name: z.string() });
type Input = ResourceDefinitionInput<typeof Properties>;
const fast = { initialDelayMs: 5, maxDelayMs: 20 };

/** A job that is ready after `polls` checks; each check sees the state the last one returned. */
function job(polls: number, overrides: { [K in keyof Input]?: unknown } = {}) {
  const checks: CompletionContext<{ Name: string }>[] = [];
  const definition = defineResource({
    resourceType: 'Custom::Job',
    properties: Properties,
    replaceOn: ['Name'],
    completion: fast,
    create: ({ properties }) => ({ physicalResourceId: `job-${properties.Name}`, pending: { polls: 0 } }),
    update: () => ({ pending: { polls: 0 } }),
    delete: () => ({ pending: { polls: 0 } }),
    isComplete: (context) => {
      checks.push(context);
      const seen = (context.state as { polls: number }).polls + 1;
      return seen >= polls ? { data: { Checks: seen } } : { pending: { polls: seen } };
    },
    ...(overrides as object),
  });
  return { definition, checks };
}

let harness: Harness;
afterEach(() => harness?.close());
const start = (definition: Parameters<typeof startHarness>[0], options: LambdaHandlerOptions = {}) =>
  startHarness(definition, options).then((h) => {
    harness = h;
    return h;
  });

describe('long-running resources', () => {
  it('checks completion with the carried state and answers once, when it is done', async () => {
    const { definition, checks } = job(3);
    await start(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Job', properties: { Name: 'a' } }),
    );
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'job-a', Data: { Checks: '3' } });
    expect(checks.map((check) => check.attempt)).toEqual([0, 1, 2]);
    expect(checks.map((check) => check.state)).toEqual([{ polls: 0 }, { polls: 1 }, { polls: 2 }]);
    expect(checks[0]).toMatchObject({
      requestType: 'Create',
      physicalResourceId: 'job-a',
      properties: { Name: 'a' },
    });
    expect(harness.capture.responses).toHaveLength(1);
  });

  it('hands over near the deadline with the state and the ResponseURL, and the next invocation answers', async () => {
    const handedOver: Continuation[] = [];
    const handOver = vi.fn(async (continuation: Continuation) => {
      handedOver.push(continuation);
    });
    const slow = job(1_000_000);
    await start(slow.definition, { handOver });
    const event = createEvent({ resourceType: 'Custom::Job', properties: { Name: 'b' } });
    const url = harness.capture.responseUrl();
    const { lambdaHandler } = await import('../../src/entry/lambda.js');
    const handler = lambdaHandler(slow.definition, {
      handOver,
      allowedResponseOrigins: [harness.capture.origin],
      logger: {
        debug() {},
        info: (m, a) => harness.logs.push(JSON.stringify({ m, ...a })),
        warn() {},
        error() {},
      },
    });
    await handler({ ...event, ResponseURL: url }, { getRemainingTimeInMillis: () => 1000 });
    expect(harness.capture.responses).toHaveLength(0);
    expect(handOver).toHaveBeenCalledOnce();
    const [continuation] = handedOver;
    expect(continuation).toMatchObject({
      kind: 'crkit.continuation',
      operation: 'Create',
      physicalResourceId: 'job-b',
    });
    expect(continuation?.request.ResponseURL).toBe(url);
    expect(continuation?.attempt).toBeGreaterThan(0);

    const done = job(1);
    const next = lambdaHandler(done.definition, {
      allowedResponseOrigins: [harness.capture.origin],
      handOver,
    });
    await next(JSON.parse(JSON.stringify(continuation)), { getRemainingTimeInMillis: () => 30_000 });
    expect(harness.capture.responseFor(url)?.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'job-b',
    });
    expect(done.checks[0]?.attempt).toBe(continuation?.attempt);
    expect(harness.logs.join('\n')).not.toContain('X-Amz-Signature');
  });

  it('answers FAILED when it cannot hand over, keeping the id the create gave', async () => {
    const { definition } = job(1_000_000);
    await start(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Job', properties: { Name: 'c' } }),
      1000,
    );
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'job-c' });
    expect(body.Reason).toBe(
      'not finished before the invocation ended, and could not hand over: no way to hand over',
    );
  });

  it('ends with FAILED "timed out after N s" at the total timeout and lets onTimeout clean up', async () => {
    const onTimeout = vi.fn();
    const { definition } = job(1_000_000, { onTimeout, completion: { ...fast, timeoutSeconds: 0.2 } });
    await start(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Job', properties: { Name: 'd' } }),
    );
    expect(body).toMatchObject({
      Status: 'FAILED',
      Reason: 'timed out after 0.2 s in create',
      PhysicalResourceId: 'job-d',
    });
    expect(onTimeout).toHaveBeenCalledOnce();
    expect(onTimeout.mock.calls[0]?.[0]).toMatchObject({
      physicalResourceId: 'job-d',
      requestType: 'Create',
    });
  });

  it('keeps the total timeout below the resource ServiceTimeout by default', async () => {
    const { definition } = job(1_000_000);
    await start(definition);
    const event = createEvent({ resourceType: 'Custom::Job', properties: { Name: 'e' }, serviceTimeout: 1 });
    const body = await harness.invoke(event);
    // 1 s less a tenth, and less the 250 ms the answer needs: 0.75 s.
    expect(body.Reason).toBe('timed out after 0.8 s in create');
  });

  it('fails the operation when isComplete throws, with the old id on update', async () => {
    const { definition } = job(1, {
      isComplete: () => {
        throw new Error('provisioning failed');
      },
    });
    await start(definition);
    const update = updateEvent({
      resourceType: 'Custom::Job',
      physicalResourceId: 'job-old',
      properties: { Name: 'f' },
      oldProperties: { Name: 'f' },
    });
    const body = await harness.invoke(update);
    expect(body).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'job-old',
      Reason: 'update failed: Error: provisioning failed',
    });
  });

  it('deletes the new resource when a pending replacement fails, since CloudFormation keeps the old id', async () => {
    const deleted = vi.fn();
    const { definition } = job(1, {
      isComplete: () => {
        throw new Error('no capacity');
      },
      delete: ({ physicalResourceId }: { physicalResourceId: string }) => {
        deleted(physicalResourceId);
      },
    });
    await start(definition);
    const replace = updateEvent({
      resourceType: 'Custom::Job',
      physicalResourceId: 'job-old',
      properties: { Name: 'new' },
      oldProperties: { Name: 'old' },
    });
    const body = await harness.invoke(replace);
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'job-old' });
    expect(deleted).toHaveBeenCalledWith('job-new');
  });

  it('supports a pending delete, answering with the same id', async () => {
    const { definition, checks } = job(2);
    await start(definition);
    const body = await harness.invoke(
      deleteEvent({ resourceType: 'Custom::Job', physicalResourceId: 'job-g', properties: { Name: 'g' } }),
    );
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'job-g' });
    expect(body.Data).toBeUndefined();
    expect(checks[0]?.requestType).toBe('Delete');
  });

  it('answers FAILED when a handler returns pending without an isComplete', async () => {
    const { definition } = job(1, { isComplete: undefined });
    await start(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Job', properties: { Name: 'h' } }),
    );
    expect(body).toMatchObject({
      Status: 'FAILED',
      Reason: 'create returned pending, but Custom::Job defines no isComplete',
      PhysicalResourceId: expect.stringMatching(/^crkit:create-failed:/),
    });
  });
});
