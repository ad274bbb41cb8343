import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { defineResource } from '../../src/resource/define-resource.js';
import type { CreateContext } from '../../src/resource/types.js';
import { createEvent, deleteEvent, updateEvent } from '../../src/testing/events.js';
import { concurrentHarnesses } from '../helpers/harness.js';

const never = () => new Promise<never>(() => {});
/** Each test's harness, closed when the file is done: the tests that wait for a deadline run concurrently. */
const open = concurrentHarnesses();
const Hanging = defineResource({
  resourceType: 'Custom::Hanging',
  properties: z.object({}),
  create: never,
  update: never,
  delete: never,
});

// Each test waits for a deadline of about a second: they run concurrently.
describe.concurrent('the watchdog', () => {
  it('answers FAILED before the Lambda deadline when the handler hangs', async () => {
    const harness = await open(Hanging);
    const started = Date.now();
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Hanging' }), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(body).toMatchObject({
      Status: 'FAILED',
      Reason: 'timed out after 0.8 s in create',
      PhysicalResourceId: expect.stringMatching(/^crkit:create-failed:/),
    });
  });

  it('answers at the resource ServiceTimeout when it ends before the Lambda does', async () => {
    const harness = await open(Hanging);
    const event = deleteEvent({
      resourceType: 'Custom::Hanging',
      physicalResourceId: 'res-1',
      serviceTimeout: 1,
    });
    const started = Date.now();
    const body = await harness.invoke(event, 60_000);
    expect(body.Reason).toBe('timed out after 0.8 s in delete');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps the current id when an update or a delete times out', async () => {
    const harness = await open(Hanging);
    const update = updateEvent({ resourceType: 'Custom::Hanging', physicalResourceId: 'res-1' });
    const remove = deleteEvent({ resourceType: 'Custom::Hanging', physicalResourceId: 'res-1' });
    expect(await harness.invoke(update, 1000)).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'res-1',
    });
    const deleted = await harness.invoke(remove, 1000);
    expect(deleted).toMatchObject({ PhysicalResourceId: 'res-1', Reason: 'timed out after 0.8 s in delete' });
  });

  it('aborts the handler signal with the timeout as its reason', async () => {
    let signal: AbortSignal | undefined;
    const Observed = defineResource({
      resourceType: 'Custom::Observed',
      properties: z.object({}),
      create: (context) => {
        signal = context.signal;
        return never();
      },
      delete: () => {},
    });
    const harness = await open(Observed);
    await harness.invoke(createEvent({ resourceType: 'Custom::Observed' }), 1000);
    expect(signal?.aborted).toBe(true);
    expect(String(signal?.reason)).toContain('timed out after 0.8 s in create');
  });

  it('sends nothing more when a handler finishes after the deadline, and deletes what a late create made', async () => {
    const deleted = vi.fn();
    const Late = defineResource({
      resourceType: 'Custom::Late',
      properties: z.object({}),
      create: async (_: CreateContext<Record<string, never>>) => {
        await sleep(900);
        return { physicalResourceId: 'made-too-late' };
      },
      delete: ({ physicalResourceId }) => {
        deleted(physicalResourceId);
      },
    });
    const harness = await open(Late);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Late' }), 1000);
    expect(body.Status).toBe('FAILED');
    await vi.waitFor(() => expect(deleted).toHaveBeenCalledWith('made-too-late'), { timeout: 2000 });
    expect(harness.capture.responses).toHaveLength(1);
    expect(harness.capture.duplicates).toEqual([]);
  });

  it('waits for the late handler inside the invocation, so its clean-up is not frozen with the Lambda', async () => {
    const deleted = vi.fn();
    const Late = defineResource({
      resourceType: 'Custom::Late',
      properties: z.object({}),
      create: async () => {
        await sleep(850);
        return { physicalResourceId: 'late' };
      },
      delete: () => {
        deleted();
      },
    });
    const harness = await open(Late);
    await harness.invoke(createEvent({ resourceType: 'Custom::Late' }), 1000);
    expect(deleted).toHaveBeenCalledOnce();
  });
});
