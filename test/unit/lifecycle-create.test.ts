import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineResource } from '../../src/resource/define-resource.js';
import { createRouter } from '../../src/resource/router.js';
import { createEvent } from '../../src/testing/events.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { fixture, widget } from '../helpers/widget.js';

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
