import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { allowAccounts } from '../../src/access/allow-accounts.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent, deleteEvent, updateEvent } from '../../src/testing/events.js';
import { type Harness, startHarness } from '../helpers/harness.js';

let harness: Harness;
afterEach(() => harness?.close());

/** A provider that records what exists, so a test can see what is left behind. */
function ledger(create: (name: string) => unknown = (name) => ({ physicalResourceId: `thing-${name}` })) {
  const exists = new Set<string>();
  const definition = defineResource({
    resourceType: 'Custom::Thing',
    properties: z.object({ Name: z.string() }),
    replaceOn: ['Name'],
    create: ({ properties }) => {
      const result = create(properties.Name) as { physicalResourceId: string };
      exists.add(result.physicalResourceId);
      return result;
    },
    update: () => {},
    delete: ({ physicalResourceId }) => {
      exists.delete(physicalResourceId);
    },
  });
  return { definition, exists };
}

const stack = (account: string) => `arn:aws:cloudformation:us-east-1:${account}:stack/app/5b9a8f10`;

describe('a Delete that names nothing this provider made is SUCCESS before anything may refuse it', () => {
  it('rolls back a Create of a type the router does not serve (AWS::CloudFormation::CustomResource)', async () => {
    const { definition } = ledger();
    harness = await startHarness(definition);
    const created = await harness.invoke({
      ...createEvent({ resourceType: 'Custom::Thing', properties: { Name: 'a' } }),
      ResourceType: 'AWS::CloudFormation::CustomResource',
    });
    expect(created).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: expect.stringMatching(/^crkit:create-failed:/),
    });

    const rollback = await harness.invoke({
      ...deleteEvent({ resourceType: 'Custom::Thing', physicalResourceId: created.PhysicalResourceId }),
      ResourceType: 'AWS::CloudFormation::CustomResource',
    });
    expect(rollback).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
  });

  it('rolls back a Create that authorize refused', async () => {
    const { definition } = ledger();
    harness = await startHarness(definition, { authorize: allowAccounts({ accounts: ['222222222222'] }) });
    const created = await harness.invoke({
      ...createEvent({ resourceType: 'Custom::Thing', properties: { Name: 'a' } }),
      StackId: stack('111111111111'),
    });
    expect(created.Status).toBe('FAILED');
    const rollback = await harness.invoke({
      ...deleteEvent({ resourceType: 'Custom::Thing', physicalResourceId: created.PhysicalResourceId }),
      StackId: stack('111111111111'),
    });
    expect(rollback.Status).toBe('SUCCESS');
  });

  it('still refuses a Delete of a real id from an account it does not serve', async () => {
    const { definition, exists } = ledger();
    exists.add('thing-a');
    harness = await startHarness(definition, { authorize: allowAccounts({ accounts: ['222222222222'] }) });
    const body = await harness.invoke({
      ...deleteEvent({ resourceType: 'Custom::Thing', physicalResourceId: 'thing-a' }),
      StackId: stack('111111111111'),
    });
    expect(body.Status).toBe('FAILED');
    expect(exists.has('thing-a')).toBe(true);
  });

  it('answers SUCCESS for a Delete of an id the definition does not issue, naming it, without calling delete', async () => {
    const remove = vi.fn();
    const Thing = defineResource({
      resourceType: 'Custom::Thing',
      properties: z.object({}),
      physicalResourceId: z.string().startsWith('thing-'),
      create: () => ({ physicalResourceId: 'thing-1' }),
      delete: remove,
    });
    harness = await startHarness(Thing);
    const body = await harness.invoke(
      deleteEvent({ resourceType: 'Custom::Thing', physicalResourceId: 'app-dns-ApiRecord-1QX7Z9KD2M4AB' }),
    );
    expect(body).toMatchObject({
      Status: 'SUCCESS',
      Reason:
        'nothing to delete: PhysicalResourceId "app-dns-ApiRecord-1QX7Z9KD2M4AB" is not one this provider issues',
    });
    expect(remove).not.toHaveBeenCalled();
  });
});

describe('whatever a create made is answered or removed before the answer', () => {
  it('removes an S3-like object whose legal 1,010-byte key makes an id over 1,024 bytes', async () => {
    const key = 'k'.repeat(1010);
    const { definition, exists } = ledger(() => ({ physicalResourceId: `s3://app-assets/${key}` }));
    harness = await startHarness(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Thing', properties: { Name: 'a' } }),
    );
    expect(body).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: expect.stringMatching(/^crkit:create-failed:/),
    });
    expect(body.Reason).toMatch(/create returned an invalid physicalResourceId: expected at most 1024 bytes/);
    expect([...exists]).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ["shaped like crkit's create-failed marker", 'crkit:create-failed:mine'],
  ])('removes what a create made under an id that is %s', async (_, id) => {
    const { definition, exists } = ledger(() => ({ physicalResourceId: id }));
    harness = await startHarness(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Thing', properties: { Name: 'a' } }),
    );
    expect(body.Status).toBe('FAILED');
    // An empty id cannot be deleted by anyone; one with crkit's prefix is, before the answer.
    if (id !== '') expect([...exists]).toEqual([]);
  });

  it('removes a replacement that returned an unusable id, answering FAILED with the old id', async () => {
    const { definition, exists } = ledger((name) => ({
      physicalResourceId: `thing-${name}-${'x'.repeat(1100)}`,
    }));
    exists.add('thing-old');
    harness = await startHarness(definition);
    const body = await harness.invoke(
      updateEvent({
        resourceType: 'Custom::Thing',
        physicalResourceId: 'thing-old',
        properties: { Name: 'new' },
        oldProperties: { Name: 'old' },
      }),
    );
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'thing-old' });
    expect([...exists]).toEqual(['thing-old']);
  });

  it.each(['Create', 'Update'] as const)(
    'answers a long-running %s whose onTimeout throws synchronously with what it made, never an internal error',
    async (requestType) => {
      const exists = new Set<string>(['job-old']);
      const Job = defineResource({
        resourceType: 'Custom::Job',
        properties: z.object({ Name: z.string() }),
        replaceOn: ['Name'],
        completion: { initialDelayMs: 5, maxDelayMs: 5, timeoutSeconds: 0.1 },
        create: ({ properties }) => {
          exists.add(`job-${properties.Name}`);
          return { physicalResourceId: `job-${properties.Name}`, pending: {} };
        },
        delete: ({ physicalResourceId }) => {
          exists.delete(physicalResourceId);
        },
        isComplete: () => ({ pending: {} }),
        onTimeout: () => {
          throw new Error('cleanup broke');
        },
      });
      harness = await startHarness(Job);
      const event =
        requestType === 'Create'
          ? createEvent({ resourceType: 'Custom::Job', properties: { Name: 'new' } })
          : updateEvent({
              resourceType: 'Custom::Job',
              physicalResourceId: 'job-old',
              properties: { Name: 'new' },
              oldProperties: { Name: 'old' },
            });
      const body = await harness.invoke(event);
      expect(body.Status).toBe('FAILED');
      expect(body.Reason).toMatch(/^timed out after/);
      if (requestType === 'Create') {
        // Named in the answer: the rollback Delete removes it.
        expect(body.PhysicalResourceId).toBe('job-new');
      } else {
        expect(body.PhysicalResourceId).toBe('job-old');
        expect(exists.has('job-new')).toBe(false);
      }
    },
  );
});

describe('what an attack on the first version found', () => {
  it('calls delete for what a create made under an empty id', async () => {
    const { definition, exists } = ledger(() => ({ physicalResourceId: '' }));
    harness = await startHarness(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Thing', properties: { Name: 'a' } }),
    );
    expect(body.Status).toBe('FAILED');
    expect([...exists]).toEqual([]);
  });

  it('keeps the real id when Data cannot be serialised, so the rollback Delete removes the resource', async () => {
    const { definition } = ledger(() => ({
      physicalResourceId: 'thing-2',
      data: {
        get X() {
          throw new Error('unreadable');
        },
      },
    }));
    harness = await startHarness(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Thing', properties: { Name: 'a' } }),
    );
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'thing-2' });
  });

  it('removes what a create started when it returns pending without an isComplete', async () => {
    const { definition, exists } = ledger(() => ({ physicalResourceId: 'thing-6', pending: {} }));
    harness = await startHarness(definition);
    const body = await harness.invoke(
      createEvent({ resourceType: 'Custom::Thing', properties: { Name: 'a' } }),
    );
    expect(body.Status).toBe('FAILED');
    expect([...exists]).toEqual([]);
  });

  it('removes what an update made when it returns a new id CloudFormation cannot take', async () => {
    const exists = new Set(['thing-old']);
    const Thing = defineResource({
      resourceType: 'Custom::Thing',
      properties: z.object({ Name: z.string() }),
      create: () => ({ physicalResourceId: 'thing-1' }),
      update: () => {
        exists.add('n'.repeat(1100));
        return { physicalResourceId: 'n'.repeat(1100) };
      },
      delete: ({ physicalResourceId }) => {
        exists.delete(physicalResourceId);
      },
    });
    harness = await startHarness(Thing);
    const body = await harness.invoke(
      updateEvent({
        resourceType: 'Custom::Thing',
        physicalResourceId: 'thing-old',
        properties: { Name: 'b' },
        oldProperties: { Name: 'a' },
      }),
    );
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'thing-old' });
    expect([...exists]).toEqual(['thing-old']);
  });

  it('refuses, and removes, a created id that its own physicalResourceId schema does not recognise', async () => {
    const exists = new Set<string>();
    const Thing = defineResource({
      resourceType: 'Custom::Thing',
      properties: z.object({}),
      physicalResourceId: z.string().startsWith('obj-'),
      create: () => {
        exists.add('OBJ-7');
        return { physicalResourceId: 'OBJ-7' };
      },
      delete: ({ physicalResourceId }) => {
        exists.delete(physicalResourceId);
      },
    });
    harness = await startHarness(Thing);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Thing' }));
    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toMatch(/does not match the definition's physicalResourceId schema/);
    expect([...exists]).toEqual([]);
  });

  it('still calls delete when the properties schema throws instead of rejecting', async () => {
    const remove = vi.fn();
    const Thing = defineResource({
      resourceType: 'Custom::Thing',
      properties: z.object({ Config: z.string().transform((text) => JSON.parse(text) as unknown) }),
      create: () => {},
      delete: remove,
    });
    harness = await startHarness(Thing);
    const body = await harness.invoke({
      ...deleteEvent({ resourceType: 'Custom::Thing', physicalResourceId: 'thing-1' }),
      ResourceProperties: { Config: 'not json' },
    });
    expect(body.Status).toBe('SUCCESS');
    expect(remove).toHaveBeenCalledWith(expect.objectContaining({ properties: undefined }));
  });

  it('answers SUCCESS when the physicalResourceId schema throws on a made-up id', async () => {
    const Thing = defineResource({
      resourceType: 'Custom::Thing',
      properties: z.object({}),
      physicalResourceId: z.string().transform((id) => {
        if (!id.startsWith('t-')) throw new Error('not mine');
        return id;
      }),
      create: () => ({ physicalResourceId: 't-1' }),
      delete: () => {},
    });
    harness = await startHarness(Thing);
    const body = await harness.invoke(
      deleteEvent({ resourceType: 'Custom::Thing', physicalResourceId: 'app-dns-ApiRecord-1QX7Z9KD2M4AB' }),
    );
    expect(body.Status).toBe('SUCCESS');
  });

  it('answers a Delete of the marker at once, before an idempotency store that hangs', async () => {
    const { definition } = ledger();
    const never = () => new Promise<never>(() => {});
    harness = await startHarness(definition, {
      idempotency: { claim: never, complete: never, release: never },
    });
    const started = Date.now();
    const body = await harness.invoke(
      deleteEvent({ resourceType: 'Custom::Thing', physicalResourceId: 'crkit:create-failed:r1' }),
      3000,
    );
    expect(body.Status).toBe('SUCCESS');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
