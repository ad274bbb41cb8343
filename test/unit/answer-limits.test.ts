import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { flattenData } from '../../src/core/flatten-data.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { type Harness, startHarness } from '../helpers/harness.js';

let harness: Harness;
afterEach(() => harness?.close());

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const Failing = defineResource({
  resourceType: 'Custom::Failing',
  properties: z.object({}),
  create: () => {
    throw new Error('no');
  },
  delete: () => {},
});

describe('every answer is within CloudFormation limits whatever the request carries', () => {
  it('keeps the body within 4,096 bytes for a LogicalResourceId of 5,000 characters', async () => {
    harness = await startHarness(Failing);
    const event = {
      ...createEvent({ resourceType: 'Custom::Failing' }),
      LogicalResourceId: 'L'.repeat(5000),
    };
    await harness.invoke(event);
    const [answer] = harness.capture.responses;
    expect(bytes(answer?.raw ?? '')).toBeLessThanOrEqual(4096);
    expect(answer?.body.Status).toBe('FAILED');
  });

  it('keeps the create-failed marker within 1,024 bytes for a RequestId of 600 "é"', async () => {
    harness = await startHarness(Failing);
    const event = { ...createEvent({ resourceType: 'Custom::Failing' }), RequestId: 'é'.repeat(600) };
    const body = await harness.invoke(event);
    expect(body.PhysicalResourceId).toMatch(/^crkit:create-failed:[0-9a-f]{64}$/);
    expect(bytes(body.PhysicalResourceId)).toBeLessThanOrEqual(1024);
    expect(bytes(harness.capture.responses[0]?.raw ?? '')).toBeLessThanOrEqual(4096);
  });

  it.each([
    ['an empty string', ''],
    ['the number 42', 42],
    ['a 2,000-byte string', 'i'.repeat(2000)],
    ['an object', { id: 'x' }],
  ])('answers FAILED with the created id when isComplete returns %s as physicalResourceId', async (_, id) => {
    const Job = defineResource({
      resourceType: 'Custom::Job',
      properties: z.object({}),
      completion: { initialDelayMs: 1, maxDelayMs: 1 },
      create: () => ({ physicalResourceId: 'job-1', pending: {} }),
      delete: () => {},
      isComplete: () => ({ physicalResourceId: id as string }),
    });
    harness = await startHarness(Job);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Job' }));
    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toMatch(/physicalResourceId/);
    // The resource exists as job-1: the rollback Delete must name it.
    expect(body.PhysicalResourceId).toBe('job-1');
  });
});

describe('flattening Data', () => {
  it('writes an object shared by two keys under both', () => {
    const ep = { Address: 'db.example', Port: 5432 };
    expect(flattenData({ Writer: ep, Reader: ep })).toEqual({
      'Writer.Address': 'db.example',
      'Writer.Port': '5432',
      'Reader.Address': 'db.example',
      'Reader.Port': '5432',
    });
  });

  it('cuts only a true cycle', () => {
    const node: Record<string, unknown> = { Name: 'a' };
    node.Self = node;
    expect(flattenData({ Node: node })).toEqual({ 'Node.Name': 'a' });
  });

  it('answers the shared object through the response too', async () => {
    const ep = { Address: 'db.example', Port: 5432 };
    const Db = defineResource({
      resourceType: 'Custom::Db',
      properties: z.object({}),
      create: () => ({ data: { Writer: ep, Reader: ep } }),
      delete: () => {},
    });
    harness = await startHarness(Db);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Db' }));
    expect(body.Data).toMatchObject({ 'Reader.Address': 'db.example', 'Writer.Port': '5432' });
  });
});
