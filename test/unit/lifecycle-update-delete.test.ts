import { afterEach, describe, expect, it } from 'vitest';
import { updateEvent } from '../../src/testing/events.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { fixture, widget } from '../helpers/widget.js';

let harness: Harness;
afterEach(() => harness?.close());

describe('Update', () => {
  it('updates in place and keeps the id', async () => {
    const { definition, calls } = widget();
    harness = await startHarness(definition);
    const body = await harness.invoke(fixture('update'));
    expect(body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'app-TestUser-7f3a9c2e1b4d6f80',
      Data: { Area: '25' },
    });
    expect(calls.update).toHaveBeenCalledWith(
      expect.objectContaining({ Size: 5, Enabled: true }),
      expect.objectContaining({ Size: 3, Enabled: false }),
    );
  });

  it('replaces when a replaceOn property changes: create runs and a new id is answered', async () => {
    const { definition, calls } = widget();
    harness = await startHarness(definition);
    const old = { Name: 'a', Size: 1, Enabled: true, Tags: [] };
    const event = updateEvent({
      resourceType: 'Custom::Widget',
      physicalResourceId: 'old-id',
      properties: { ...old, Name: 'b' },
      oldProperties: old,
    });
    const body = await harness.invoke(event);
    expect(body.Status).toBe('SUCCESS');
    expect(body.PhysicalResourceId).not.toBe('old-id');
    expect(calls.create).toHaveBeenCalledOnce();
    expect(calls.update).not.toHaveBeenCalled();
    expect(calls.delete).not.toHaveBeenCalled();
  });

  it('treats every update as a replacement when there is no update handler', async () => {
    const { definition, calls } = widget({ update: undefined });
    harness = await startHarness(definition);
    const body = await harness.invoke(fixture('update'));
    expect(body.PhysicalResourceId).not.toBe('app-TestUser-7f3a9c2e1b4d6f80');
    expect(calls.create).toHaveBeenCalledOnce();
  });

  it('answers FAILED with the OLD id when update throws', async () => {
    const { definition } = widget({
      update: () => {
        throw new TypeError('bad');
      },
    });
    harness = await startHarness(definition);
    const body = await harness.invoke(fixture('update'));
    expect(body).toMatchObject({
      Status: 'FAILED',
      Reason: 'update failed: TypeError: bad',
      PhysicalResourceId: 'app-TestUser-7f3a9c2e1b4d6f80',
    });
  });

  it('answers FAILED with the old id when a replacing create throws', async () => {
    const { definition } = widget({
      update: undefined,
      create: () => {
        throw new Error('no');
      },
    });
    harness = await startHarness(definition);
    const body = await harness.invoke(fixture('update'));
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'app-TestUser-7f3a9c2e1b4d6f80' });
  });

  it('updates from the new properties alone when the old ones no longer match the schema', async () => {
    const { definition, calls } = widget();
    harness = await startHarness(definition);
    const event = { ...fixture('update'), OldResourceProperties: { Name: 'widget-1' } };
    const body = await harness.invoke(event);
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'app-TestUser-7f3a9c2e1b4d6f80' });
    const expected = { Name: 'widget-1', Size: 5, Enabled: true, Tags: ['a', 'b'] };
    expect(calls.update).toHaveBeenCalledWith(expected, expected);
    expect(harness.logs.some((line) => line.includes('OldResourceProperties do not match the schema'))).toBe(
      true,
    );
  });

  it('rolls back an update that failed validation, as CloudFormation does after it', async () => {
    const { playLifecycle } = await import('../../src/testing/lifecycle.js');
    const { definition, calls } = widget();
    const timeline = await playLifecycle(definition, {
      steps: [
        { create: { Name: 'w', Size: 2, Enabled: true, Tags: [] } },
        { update: { Name: 'w', Size: 'huge', Enabled: true, Tags: [] }, expect: 'failure' },
        'delete',
      ],
    });
    expect(timeline.entries.map((entry) => `${entry.action} ${entry.response?.Status}`)).toEqual([
      'create SUCCESS',
      'update FAILED',
      'rollback-update SUCCESS',
      'delete SUCCESS',
    ]);
    expect(timeline.problems).toEqual([]);
    expect(calls.delete).toHaveBeenCalledOnce();
  });
});

describe('Delete', () => {
  it('calls delete with the current id and answers SUCCESS with it', async () => {
    const { definition, calls } = widget();
    harness = await startHarness(definition);
    const body = await harness.invoke(fixture('delete'));
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'app-TestUser-7f3a9c2e1b4d6f80' });
    expect(calls.delete).toHaveBeenCalledWith(
      expect.objectContaining({ physicalResourceId: 'app-TestUser-7f3a9c2e1b4d6f80' }),
    );
  });

  it('answers the rollback Delete of a failed Create with SUCCESS without calling delete', async () => {
    const { definition, calls } = widget({
      create: () => {
        throw new Error('boom');
      },
    });
    harness = await startHarness(definition);
    const created = await harness.invoke(fixture('create'));
    const body = await harness.invoke({
      ...fixture('delete'),
      PhysicalResourceId: created.PhysicalResourceId,
    });
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    expect(calls.delete).not.toHaveBeenCalled();
  });

  it('still deletes when the properties no longer match, passing the raw values instead', async () => {
    const { definition, calls } = widget();
    harness = await startHarness(definition);
    const body = await harness.invoke({ ...fixture('delete'), ResourceProperties: { Size: 'many' } });
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'app-TestUser-7f3a9c2e1b4d6f80' });
    expect(calls.delete).toHaveBeenCalledOnce();
    expect(calls.delete.mock.calls[0]?.[0]).toMatchObject({
      properties: undefined,
      rawProperties: { Size: 'many' },
      physicalResourceId: 'app-TestUser-7f3a9c2e1b4d6f80',
    });
  });

  it('answers SUCCESS saying what may remain when a delete without valid properties fails, never blocking', async () => {
    const { definition } = widget({
      delete: ({ properties }: { properties?: unknown }) => {
        if (!properties) throw new Error('Name is needed');
      },
    });
    harness = await startHarness(definition);
    const body = await harness.invoke({ ...fixture('delete'), ResourceProperties: { Size: 'many' } });
    expect(body.Status).toBe('SUCCESS');
    expect(body.Reason).toMatch(
      /^delete failed without valid properties, app-TestUser-7f3a9c2e1b4d6f80 may remain: Error: Name is needed; ResourceProperties\.Name/,
    );
    expect(harness.logs.some((line) => line.includes('"level":"error"') && line.includes('may remain'))).toBe(
      true,
    );
  });

  it('answers FAILED with the same id when delete throws', async () => {
    const { definition } = widget({
      delete: () => {
        throw new Error('in use');
      },
    });
    harness = await startHarness(definition);
    const body = await harness.invoke(fixture('delete'));
    expect(body).toMatchObject({ Status: 'FAILED', Reason: 'delete failed: Error: in use' });
    expect(body.PhysicalResourceId).toBe('app-TestUser-7f3a9c2e1b4d6f80');
  });

  it('ignores an id a delete handler tries to return', async () => {
    const { definition } = widget({ delete: (() => ({ physicalResourceId: 'other' })) as never });
    harness = await startHarness(definition);
    expect((await harness.invoke(fixture('delete'))).PhysicalResourceId).toBe(
      'app-TestUser-7f3a9c2e1b4d6f80',
    );
  });
});
