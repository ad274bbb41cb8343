import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { cfn } from '../../src/cfn.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createRouter } from '../../src/resource/router.js';
import { createEvent, updateEvent } from '../../src/testing/events.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

const Properties = z.object({
  Name: z.string(),
  Size: cfn.integer(),
  Enabled: cfn.boolean(),
  Tags: cfn.list(),
});

type Overrides = { [K in keyof Parameters<typeof defineResource<typeof Properties>>[0]]?: unknown };

function widget(overrides: Overrides = {}) {
  const calls = { create: vi.fn(), update: vi.fn(), delete: vi.fn() };
  const definition = defineResource({
    resourceType: 'Custom::Widget',
    properties: Properties,
    replaceOn: ['Name'],
    create: ({ properties }) => {
      calls.create(properties);
      return { data: { Area: properties.Size * properties.Size, Enabled: properties.Enabled } };
    },
    update: ({ properties, oldProperties }) => {
      calls.update(properties, oldProperties);
      return { data: { Area: properties.Size * properties.Size } };
    },
    delete: ({ physicalResourceId }) => {
      calls.delete(physicalResourceId);
    },
    ...(overrides as object),
  });
  return { definition, calls };
}

let harness: Harness;
afterEach(() => harness?.close());

describe('Create', () => {
  it('answers SUCCESS with a readable deterministic id and string Data for the fixture CloudFormation sends', async () => {
    const { definition, calls } = widget();
    harness = await startHarness(definition);
    const body = await harness.invoke(fixture('create'));
    expect(body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: expect.stringMatching(/^app-TestUser-[0-9a-f]{16}$/),
      StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f',
      RequestId: '8d2f6c1e-9b0a-4c3d-8e7f-1a2b3c4d5e6f',
      LogicalResourceId: 'TestUser',
      Data: { Area: '9', Enabled: 'false' },
    });
    expect(calls.create).toHaveBeenCalledWith({
      Name: 'widget-1',
      Size: 3,
      Enabled: false,
      Tags: ['a', 'b'],
    });
  });

  it('gives a retried Create of the same request the same id', async () => {
    const { definition } = widget();
    harness = await startHarness(definition);
    const event = fixture('create');
    const first = await harness.invoke(event);
    const second = await harness.invoke(event);
    expect(second.PhysicalResourceId).toBe(first.PhysicalResourceId);
  });

  it('uses the id the handler returns', async () => {
    const { definition } = widget({ create: () => ({ physicalResourceId: 'widget-abc' }) });
    harness = await startHarness(definition);
    expect((await harness.invoke(fixture('create'))).PhysicalResourceId).toBe('widget-abc');
  });

  it('answers FAILED with the create-failed marker when create throws', async () => {
    const { definition } = widget({
      create: () => {
        throw new Error('quota exceeded');
      },
    });
    harness = await startHarness(definition);
    const body = await harness.invoke(fixture('create'));
    expect(body).toMatchObject({
      Status: 'FAILED',
      Reason: 'create failed: Error: quota exceeded',
      PhysicalResourceId: 'crkit:create-failed:8d2f6c1e-9b0a-4c3d-8e7f-1a2b3c4d5e6f',
    });
  });

  it.each([
    ['', 'expected a non-empty string'],
    ['x'.repeat(1025), 'expected at most 1024 bytes'],
  ])('refuses an invalid returned id %#, never sending an empty one', async (id, problem) => {
    const { definition } = widget({ create: () => ({ physicalResourceId: id }) });
    harness = await startHarness(definition);
    const body = await harness.invoke(fixture('create'));
    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain(problem);
    expect(body.PhysicalResourceId).toMatch(/^crkit:create-failed:/);
  });

  it('names each bad property and what was expected, without calling create', async () => {
    const { definition, calls } = widget();
    harness = await startHarness(definition);
    const event = createEvent({
      resourceType: 'Custom::Widget',
      properties: { Size: 'abc', Enabled: 'yes', Tags: [] },
    });
    const body = await harness.invoke(event);
    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe(
      'ResourceProperties.Name: expected a string, got nothing (the property is missing); ' +
        'ResourceProperties.Size: expected an integer, got "abc"; ' +
        'ResourceProperties.Enabled: expected a boolean ("true" or "false"), got "yes"',
    );
    expect(calls.create).not.toHaveBeenCalled();
  });

  it('hints at the cfn helpers when a schema expects a native number', async () => {
    const definition = defineResource({
      resourceType: 'Custom::Plain',
      properties: z.object({ Ttl: z.number() }),
      create: () => {},
      delete: () => {},
    });
    harness = await startHarness(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Plain', properties: { Ttl: 300 } }),
    );
    expect(body.Reason).toContain(
      'ResourceProperties.Ttl: expected a number, got "300" (CloudFormation sends',
    );
  });

  it('never echoes the value of a sensitive property', async () => {
    const definition = defineResource({
      resourceType: 'Custom::Secretive',
      properties: z.object({ ApiKey: z.string().min(40) }),
      sensitiveProperties: ['ApiKey'],
      create: () => {},
      delete: () => {},
    });
    harness = await startHarness(definition);
    const event = createEvent({ resourceType: 'Custom::Secretive', properties: { ApiKey: 'hunter2' } });
    const body = await harness.invoke(event);
    expect(body.Reason).toBe(
      'ResourceProperties.ApiKey: expected at least 40 characters, got a value not shown (sensitive)',
    );
    expect(JSON.stringify(body) + harness.logs.join('\n')).not.toContain('hunter2');
  });
});

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
    expect(calls.delete).toHaveBeenCalledWith('app-TestUser-7f3a9c2e1b4d6f80');
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

  it('never blocks stack deletion when the properties no longer match: SUCCESS that says what may remain', async () => {
    const { definition, calls } = widget();
    harness = await startHarness(definition);
    const body = await harness.invoke({ ...fixture('delete'), ResourceProperties: { Size: 'many' } });
    expect(body.Status).toBe('SUCCESS');
    expect(body.Reason).toMatch(
      /^delete skipped, app-TestUser-7f3a9c2e1b4d6f80 may remain: ResourceProperties\.Name/,
    );
    expect(calls.delete).not.toHaveBeenCalled();
    expect(
      harness.logs.some((line) => line.includes('"level":"warn"') && line.includes('delete skipped')),
    ).toBe(true);
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

describe('routing', () => {
  const noop = (resourceType: string) =>
    defineResource({
      resourceType,
      properties: z.object({}),
      create: () => ({ data: { Type: resourceType } }),
      delete: () => {},
    });

  it('routes by ResourceType', async () => {
    harness = await startHarness(createRouter(noop('Custom::A'), noop('Custom::B')));
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::B' }));
    expect(body.Data).toEqual({ Type: 'Custom::B' });
  });

  it('answers an unknown type FAILED, listing the types it serves', async () => {
    harness = await startHarness(createRouter(noop('Custom::A'), noop('Custom::B')));
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::C' }));
    expect(body).toMatchObject({
      Status: 'FAILED',
      Reason: 'unknown resource type Custom::C; this provider serves Custom::A, Custom::B',
      PhysicalResourceId: expect.stringMatching(/^crkit:create-failed:/),
    });
  });

  it('refuses a router with the same type twice', () => {
    expect(() => createRouter(noop('Custom::A'), noop('Custom::A'))).toThrow('Custom::A is defined twice');
  });

  it('refuses an invalid resource type name, naming the option', () => {
    expect(() => noop('Widget')).toThrow(/^resourceType: expected "Custom::"/);
  });
});

describe('invalid requests', () => {
  it('answers an unknown RequestType FAILED when the ResponseURL is usable', async () => {
    harness = await startHarness(widget().definition);
    const body = await harness.invoke({ ...fixture('create'), RequestType: 'Upsert' });
    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toMatch(/^invalid request: event\.RequestType: /);
    expect(body.PhysicalResourceId).toBe('crkit:create-failed:8d2f6c1e-9b0a-4c3d-8e7f-1a2b3c4d5e6f');
  });

  it('answers a Delete without PhysicalResourceId FAILED, naming the field', async () => {
    harness = await startHarness(widget().definition);
    const { PhysicalResourceId: _, ...event } = fixture('delete');
    const body = await harness.invoke(event);
    expect(body.Reason).toContain('event.PhysicalResourceId: expected a string, got nothing');
  });
});
