import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { createJsonLogger } from '../../src/logger.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { type ResponseCapture, startResponseCapture } from '../../src/testing/response-capture.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const fixtures = [fixture('create'), fixture('update'), fixture('delete')];
const FIELDS = [
  'RequestType',
  'StackId',
  'RequestId',
  'LogicalResourceId',
  'PhysicalResourceId',
  'ResourceType',
  'ResourceProperties',
  'OldResourceProperties',
  'ServiceToken',
] as const;

/** A CloudFormation event, possibly with fields removed or replaced by anything at all. */
const malformedEvent = fc
  .record({
    base: fc.constantFrom(...fixtures),
    // Mostly well-formed, so that handler behaviours are exercised too; often broken in any field.
    removed: fc.oneof(
      { weight: 2, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.subarray([...FIELDS]) },
    ),
    replaced: fc.oneof(
      { weight: 2, arbitrary: fc.constant({}) },
      {
        weight: 1,
        arbitrary: fc.dictionary(
          fc.constantFrom(...FIELDS),
          fc.oneof(fc.anything(), fc.string({ maxLength: 6000 })),
        ),
      },
    ),
  })
  .map(({ base, removed, replaced }) => {
    const event: Record<string, unknown> = { ...base, ...replaced };
    for (const key of removed) delete event[key];
    return event;
  });

/** Anything a handler might do: return any shape, throw anything, or hang past the deadline. */
type Behaviour = { kind: 'return'; value: unknown } | { kind: 'throw'; value: unknown } | { kind: 'hang' };
const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('return' as const), value: fc.anything() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      value: fc.record(
        {
          physicalResourceId: fc.oneof(fc.string({ maxLength: 1100 }), fc.anything()),
          data: fc.dictionary(fc.string(), fc.oneof(fc.anything(), fc.string({ maxLength: 3000 }))),
          noEcho: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('throw' as const), value: fc.anything() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'hang' as const }) },
);

function act(current: Behaviour): never | Promise<never> | unknown {
  if (current.kind === 'throw') throw current.value;
  if (current.kind === 'hang') return new Promise<never>(() => {});
  return current.value;
}

let capture: ResponseCapture;
let current: Behaviour = { kind: 'return', value: undefined };
let hangs = 0;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  capture = await startResponseCapture();
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await capture.close();
});

describe('for any event and any handler behaviour', () => {
  const Anything = defineResource({
    resourceType: 'Custom::Widget',
    properties: z.record(z.string(), z.unknown()),
    create: () => act(current) as never,
    update: () => act(current) as never,
    delete: () => act(current) as never,
  });
  const handler = lambdaHandler(Anything, {
    allowedResponseOrigins: [],
    logger: createJsonLogger({ write: () => {} }),
    retry: { baseDelayMs: 1 },
  });

  it('an event with a usable ResponseURL gets exactly one valid response of at most 4096 bytes', async () => {
    await fc.assert(
      fc.asyncProperty(malformedEvent, behaviour, async (event, chosen) => {
        current = chosen;
        const url = capture.responseUrl();
        process.env.CRKIT_ALLOW_RESPONSE_ORIGINS = capture.origin;
        await expect(
          handler({ ...event, ResponseURL: url }, { getRemainingTimeInMillis: () => 600 }),
        ).resolves.toBe(undefined);
        if (chosen.kind === 'hang') hangs++;
        const answers = capture.responses.filter((r) => r.key === capture.responseFor(url)?.key);
        expect(answers).toHaveLength(1);
        const [answer] = answers;
        expect(Buffer.byteLength(answer?.raw ?? '', 'utf8')).toBeLessThanOrEqual(4096);
        expect(['SUCCESS', 'FAILED']).toContain(answer?.body.Status);
        expect(typeof answer?.body.PhysicalResourceId).toBe('string');
        expect(answer?.body.PhysicalResourceId.length).toBeGreaterThan(0);
        if (answer?.body.Status === 'FAILED') expect(answer.body.Reason?.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
    delete process.env.CRKIT_ALLOW_RESPONSE_ORIGINS;
    expect(capture.duplicates).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(hangs).toBeGreaterThan(0);
    const statuses = new Set(capture.responses.map((r) => r.body.Status));
    expect(statuses).toEqual(new Set(['SUCCESS', 'FAILED']));
  }, 120_000);

  it('an event without a usable ResponseURL gets no request at all, and the handler still resolves', async () => {
    await fc.assert(
      fc.asyncProperty(malformedEvent, fc.anything(), async (event, responseUrl) => {
        const before = capture.responses.length;
        await expect(handler({ ...event, ResponseURL: responseUrl })).resolves.toBe(undefined);
        expect(capture.responses.length).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
