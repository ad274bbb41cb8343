import { describe, expect, it } from 'vitest';
import { playLifecycle } from '../../../src/testing/lifecycle.js';
import type { LifecycleEntry } from '../../../src/testing/lifecycle-timeline.js';
import { widgets } from './widgets.js';

const summary = (entries: readonly LifecycleEntry[]) =>
  entries.map((entry) => [
    entry.action,
    entry.request.RequestType,
    entry.request.PhysicalResourceId,
    entry.response?.Status,
    entry.response?.PhysicalResourceId,
  ]);

describe('playLifecycle', () => {
  it('creates, updates in place, replaces with the cleanup delete of the old id, and deletes', async () => {
    const { store, Widget } = widgets();

    const timeline = await playLifecycle(Widget, {
      steps: [
        { create: { Name: 'a', Size: 1 } },
        { update: { Name: 'a', Size: 2 }, expect: 'in-place' },
        { update: { Name: 'b', Size: 2 }, expect: 'replacement' },
        'delete',
      ],
    });

    expect(timeline.problems).toEqual([]);
    expect(timeline.ok).toBe(true);
    expect(summary(timeline.entries)).toEqual([
      ['create', 'Create', undefined, 'SUCCESS', 'widget-a'],
      ['update', 'Update', 'widget-a', 'SUCCESS', 'widget-a'],
      ['update', 'Update', 'widget-a', 'SUCCESS', 'widget-b'],
      ['cleanup-delete', 'Delete', 'widget-a', 'SUCCESS', 'widget-a'],
      ['delete', 'Delete', 'widget-b', 'SUCCESS', 'widget-b'],
    ]);
    const cleanup = timeline.entries[3]?.request;
    expect(cleanup?.ResourceProperties).toMatchObject({ Name: 'a', Size: '2' });
    expect(store.size).toBe(0);
    expect(timeline.physicalResourceId).toBeUndefined();
  });

  it('keeps one StackId and LogicalResourceId, gives each request a fresh RequestId and redacts ResponseURLs', async () => {
    const { Widget } = widgets();
    const stackId =
      'arn:aws:cloudformation:eu-west-1:111111111111:stack/shop/0b6d8f2a-1111-4000-8000-000000000001';

    const timeline = await playLifecycle(Widget, {
      stackId,
      logicalResourceId: 'Cart',
      steps: [{ create: { Name: 'a' } }, { update: { Name: 'b' } }, 'delete'],
    });

    const requests = timeline.entries.map((entry) => entry.request);
    expect(new Set(requests.map((request) => request.StackId))).toEqual(new Set([stackId]));
    expect(new Set(requests.map((request) => request.LogicalResourceId))).toEqual(new Set(['Cart']));
    expect(new Set(requests.map((request) => request.RequestId)).size).toBe(requests.length);
    for (const request of requests) expect(request.ResponseURL).toMatch(/X-Amz-Signature=\[redacted\]$/);
    expect(timeline.entries.map((entry) => entry.response?.StackId)).toEqual(requests.map(() => stackId));
  });

  it('rolls a failed update back with old and new properties swapped and the id from before', async () => {
    const { store, Widget } = widgets();

    const timeline = await playLifecycle(Widget, {
      steps: [
        { create: { Name: 'a', Size: 1 } },
        { update: { Name: 'a', Size: 5, Fail: true }, expect: 'failure' },
      ],
    });

    expect(timeline.ok).toBe(true);
    expect(summary(timeline.entries).map((row) => row[0])).toEqual(['create', 'update', 'rollback-update']);
    const rollback = timeline.entries[2]?.request;
    expect(rollback).toMatchObject({
      RequestType: 'Update',
      PhysicalResourceId: 'widget-a',
      ResourceProperties: { Name: 'a', Size: '1' },
      OldResourceProperties: { Name: 'a', Size: '5', Fail: 'true' },
    });
    expect(timeline.entries[2]?.response?.Status).toBe('SUCCESS');
    expect(store.get('widget-a')).toEqual({ Name: 'a', Size: 1 });
    expect(timeline.physicalResourceId).toBe('widget-a');
  });

  it('follows a failed create with the rollback delete of the id its FAILED answer gave', async () => {
    const { store, Widget } = widgets();

    const timeline = await playLifecycle(Widget, {
      steps: [{ create: { Name: 'a', Fail: true }, expect: 'failure' }, { create: { Name: 'b' } }, 'delete'],
    });

    expect(timeline.ok).toBe(true);
    const [failed, rollback] = timeline.entries;
    expect(failed?.response?.Status).toBe('FAILED');
    expect(rollback).toMatchObject({
      action: 'rollback-delete',
      request: { RequestType: 'Delete', PhysicalResourceId: failed?.response?.PhysicalResourceId },
      response: { Status: 'SUCCESS' },
    });
    expect(summary(timeline.entries).map((row) => row[0])).toEqual([
      'create',
      'rollback-delete',
      'create',
      'delete',
    ]);
    expect(store.size).toBe(0);
  });

  it('reports an answer that does not meet the expectation, and the timeline is not ok', async () => {
    const { Widget } = widgets();

    const timeline = await playLifecycle(Widget, {
      steps: [{ create: { Name: 'a' } }, { update: { Name: 'a', Size: 3 }, expect: 'replacement' }, 'delete'],
    });

    expect(timeline.ok).toBe(false);
    expect(timeline.entries[1]).toMatchObject({ accepted: true, expected: false });
    expect(timeline.problems).toEqual([
      'step 2 (update): expected a replacement (a new physical id), got an update in place (the same id)',
    ]);
  });

  it("types each step's properties from the definition's schema; what the schema rejects fails at run time", async () => {
    const { Widget } = widgets();

    const timeline = await playLifecycle(Widget, {
      // @ts-expect-error Name is required and must be a string
      steps: [{ create: { Nme: 'a' } }],
    });

    expect(timeline.ok).toBe(false);
    expect(timeline.problems[0]).toMatch(
      /^step 1 \(create\): expected SUCCESS, got FAILED: ResourceProperties\.Name: /,
    );
    expect(timeline.entries.map((entry) => entry.action)).toEqual(['create', 'rollback-delete']);
  });

  it('stops where an answer leaves the resource other than the steps assume, as CloudFormation stops', async () => {
    const { store, Widget } = widgets();

    const timeline = await playLifecycle(Widget, {
      steps: [{ create: { Name: 'a', Fail: true } }, { update: { Name: 'a', Size: 2 } }, 'delete'],
    });

    expect(timeline.entries.map((entry) => entry.action)).toEqual(['create', 'rollback-delete']);
    expect(timeline.problems).toEqual([
      'step 1 (create): expected SUCCESS, got FAILED: create failed: Error: asked to fail',
      'steps 2 to 3 not played: the resource does not exist after step 1',
    ]);
    expect(store.size).toBe(0);
  });

  it('refuses steps CloudFormation could not send, naming the step', async () => {
    const { Widget } = widgets();

    await expect(playLifecycle(Widget, { steps: [{ update: { Name: 'a' } }] })).rejects.toThrow(
      'steps[0]: update while no resource exists: put a create before it',
    );
    await expect(playLifecycle(Widget, { steps: [] })).rejects.toThrow('steps: expected at least one step');
    await expect(
      playLifecycle(Widget, { steps: [{ create: { Name: 'a' }, expect: 'failure' }, 'delete'] }),
    ).rejects.toThrow('steps[1]: delete while no resource exists');
    await expect(
      playLifecycle(Widget, {
        // @ts-expect-error an update expects no more than success, in-place, replacement or failure
        steps: [{ create: { Name: 'a' } }, { update: { Name: 'a' }, expect: 'quick' }],
      }),
    ).rejects.toThrow(
      'steps[1].expect: expected one of success, in-place, replacement, failure for update, got "quick"',
    );
    await expect(
      playLifecycle(Widget, { steps: [{ create: { Name: 'a' } }, { create: { Name: 'b' } }] }),
    ).rejects.toThrow('steps[1]: create while the resource exists');
  });
});
