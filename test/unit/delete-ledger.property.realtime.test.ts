import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { ResponseBody } from '../../src/core/fit-response.js';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { createJsonLogger } from '../../src/logger.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent, deleteEvent, updateEvent } from '../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../src/testing/response-capture.js';

/** How the next create behaves: the failures injected. */
const CreateMode = fc.constantFrom(
  'ok',
  'ok',
  'throws',
  'long-id',
  'marker-id',
  'late',
  'pending-ok',
  'pending-times-out',
);
type Mode = typeof CreateMode extends fc.Arbitrary<infer M> ? M : never;

/** A stack's history: what CloudFormation is asked to do, in order. */
const Step = fc.oneof(
  fc.record({ kind: fc.constant('update' as const), name: fc.constantFrom('a', 'b', 'c'), mode: CreateMode }),
  fc.record({ kind: fc.constant('update-invalid' as const) }),
  fc.record({ kind: fc.constant('generated-delete' as const) }),
  fc.record({ kind: fc.constant('unknown-type' as const) }),
);
const History = fc.record({
  first: CreateMode,
  steps: fc.array(Step, { maxLength: 3 }),
  schemaChanged: fc.boolean(),
});

const exists = new Set<string>();
let mode: Mode = 'ok';
let serial = 0;

const Thing = defineResource({
  resourceType: 'Custom::Thing',
  properties: z.object({ Name: z.string().regex(/^[a-z]$/) }),
  physicalResourceId: z.string().startsWith('thing-'),
  replaceOn: ['Name'],
  completion: { initialDelayMs: 5, maxDelayMs: 5, timeoutSeconds: 0.05 },
  async create({ properties }) {
    const id = `thing-${properties.Name}-${++serial}`;
    const current = mode;
    if (current === 'throws') throw new Error('create failed before making anything');
    if (current === 'late') await new Promise((resolve) => setTimeout(resolve, 700));
    const made =
      current === 'long-id'
        ? `${id}-${'x'.repeat(1100)}`
        : current === 'marker-id'
          ? `crkit:create-failed:${id}`
          : id;
    exists.add(made);
    return current.startsWith('pending')
      ? { physicalResourceId: made, pending: {} }
      : { physicalResourceId: made };
  },
  update: () => {},
  delete({ physicalResourceId }) {
    exists.delete(physicalResourceId);
  },
  isComplete: () => (mode === 'pending-ok' ? {} : { pending: {} }),
  onTimeout: () => {
    throw new Error('onTimeout broke');
  },
});

let capture: ResponseCapture;
beforeAll(async () => {
  capture = await startResponseCapture();
});
afterAll(() => capture.close());

const handler = lambdaHandler(Thing, { logger: createJsonLogger({ write: () => {} }), timeoutMarginMs: 500 });
const RESOURCE_TYPE = 'Custom::Thing';

/** Sends one request as CloudFormation would and returns what it answered. */
async function send(event: Record<string, unknown>): Promise<ResponseBody> {
  const url = capture.responseUrl();
  process.env.CRKIT_ALLOW_RESPONSE_ORIGINS = capture.origin;
  await handler({ ...event, ResponseURL: url }, { getRemainingTimeInMillis: () => 1000 });
  const body = capture.responseFor(url)?.body;
  if (!body) throw new Error(`no answer to ${String(event.RequestType)}`);
  return body;
}

describe('nothing is left behind and no Delete is blocked, whatever the history', () => {
  it('ends every stack history with nothing existing and every Delete answered SUCCESS', async () => {
    await fc.assert(
      fc.asyncProperty(History, async ({ first, steps, schemaChanged }) => {
        exists.clear();
        const deletes: ResponseBody[] = [];
        const remove = async (id: string, properties: Record<string, unknown>, type = RESOURCE_TYPE) => {
          const body = await send({
            ...deleteEvent({ resourceType: RESOURCE_TYPE, physicalResourceId: id, properties }),
            ResourceType: type,
          });
          deletes.push(body);
        };
        mode = first;
        let properties: Record<string, unknown> = { Name: 'a' };
        const created = await send(createEvent({ resourceType: RESOURCE_TYPE, properties }));
        if (created.Status === 'FAILED') {
          await remove(created.PhysicalResourceId, properties); // CloudFormation's rollback
          expect([...exists]).toEqual([]);
          return;
        }
        let current = created.PhysicalResourceId;
        for (const step of steps) {
          if (step.kind === 'generated-delete') await remove('app-Thing-1QX7Z9KD2M4AB', properties);
          else if (step.kind === 'unknown-type')
            await remove(
              `crkit:create-failed:${++serial}`,
              properties,
              'AWS::CloudFormation::CustomResource',
            );
          else {
            mode = step.kind === 'update' ? step.mode : 'ok';
            const next = step.kind === 'update' ? { Name: step.name } : { Name: 'not valid' };
            const updated = await send(
              updateEvent({
                resourceType: RESOURCE_TYPE,
                physicalResourceId: current,
                properties: next,
                oldProperties: properties,
              }),
            );
            if (updated.Status === 'SUCCESS') {
              if (updated.PhysicalResourceId !== current) await remove(current, properties); // cleanup of the old
              current = updated.PhysicalResourceId;
              properties = next;
            } else {
              // CloudFormation's rollback: back to the old properties, under the id the failure answered.
              mode = 'ok';
              const rolled = await send(
                updateEvent({
                  resourceType: RESOURCE_TYPE,
                  physicalResourceId: updated.PhysicalResourceId,
                  properties,
                  oldProperties: next,
                }),
              );
              expect(rolled.Status).toBe('SUCCESS');
              if (rolled.PhysicalResourceId !== updated.PhysicalResourceId)
                await remove(updated.PhysicalResourceId, next);
              current = rolled.PhysicalResourceId;
            }
          }
        }
        // The stack is deleted (perhaps after a provider upgrade changed the schema), then deleted again.
        const finalProperties = schemaChanged ? { Name: 'upgraded schema rejects this' } : properties;
        await remove(current, finalProperties);
        await remove(current, finalProperties);
        expect(deletes.filter((body) => body.Status !== 'SUCCESS')).toEqual([]);
        expect([...exists]).toEqual([]);
      }),
      { numRuns: 40 },
    );
    delete process.env.CRKIT_ALLOW_RESPONSE_ORIGINS;
  }, 120_000);
});
