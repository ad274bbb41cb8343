import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import type { IdempotencyStore } from '../../src/idempotency/store.js';
import type { Logger } from '../../src/logger.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { type ResponseCapture, startResponseCapture } from '../../src/testing/response-capture.js';
import { hostileProxy } from '../helpers/hostile.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const events = [fixture('create'), fixture('update'), fixture('delete')];

/** What one hook does when crkit awaits it. */
type Act = 'resolve' | 'throw' | 'reject' | 'hang' | 'slow' | 'hostile';
const act = fc.constantFrom<Act>('resolve', 'resolve', 'throw', 'reject', 'hang', 'slow', 'hostile');

/** Runs `value` as the hook would: returns it, throws, rejects, hangs, is slow, or throws a hostile value. */
function perform<T>(how: Act, value: () => T): T | Promise<T> {
  switch (how) {
    case 'resolve':
      return value();
    case 'throw':
      throw new Error('hook threw');
    case 'reject':
      return Promise.reject(new Error('hook rejected'));
    case 'hang':
      return new Promise<T>(() => {});
    case 'slow':
      return new Promise<T>((resolve) => setTimeout(() => resolve(value()), 80));
    case 'hostile':
      throw hostileProxy();
  }
}

const scenario = fc.record({
  event: fc.constantFrom(...events),
  authorize: act,
  handler: act,
  pending: fc.boolean(),
  isComplete: act,
  onTimeout: act,
  handOver: act,
  claim: act,
  complete: act,
  logger: fc.constantFrom('ok', 'throws'),
  endpoint: fc.constantFrom('ok', 'fails-once', 'resets-once', 'slow'),
  physicalResourceId: fc.oneof(
    fc.constant(undefined),
    fc.constant('res-1'),
    fc.string({ maxLength: 1100 }),
    fc.anything(),
  ),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

let current: Scenario;
let capture: ResponseCapture;
beforeAll(async () => {
  capture = await startResponseCapture({
    behaviour: ({ attempt }) => {
      if (attempt > 1) return {};
      if (current.endpoint === 'fails-once') return { status: 500 };
      if (current.endpoint === 'resets-once') return { reset: true };
      if (current.endpoint === 'slow') return { delayMs: 60 };
      return {};
    },
  });
});
afterAll(() => capture.close());

const result = () => ({
  physicalResourceId: current.physicalResourceId as string,
  data: { Value: 'x' },
  ...(current.pending ? { pending: {} } : {}),
});
const Anything = defineResource({
  resourceType: 'Custom::Widget',
  properties: z.record(z.string(), z.unknown()),
  completion: { initialDelayMs: 5, maxDelayMs: 20, timeoutSeconds: 0.2 },
  create: () => perform(current.handler, result),
  update: () => perform(current.handler, result),
  delete: () => perform(current.handler, () => undefined),
  isComplete: () => perform(current.isComplete, () => ({ data: { Value: 'done' } })),
  onTimeout: () => perform(current.onTimeout, () => undefined),
});
const store: IdempotencyStore = {
  claim: async () => perform(current.claim, () => ({ claimed: true as const })),
  complete: async () => perform(current.complete, () => undefined),
  release: async () => {},
};
const method = () => () => {
  if (current.logger === 'throws') throw new Error('logger down');
};
const logger: Logger = { debug: method(), info: method(), warn: method(), error: method() };
const handler = lambdaHandler(Anything, {
  allowedResponseOrigins: [],
  logger,
  idempotency: store,
  timeoutMarginMs: 500,
  retry: { baseDelayMs: 1, maxDelayMs: 5 },
  authorize: () => perform(current.authorize, () => undefined),
  handOver: async () => perform(current.handOver, () => undefined),
});

describe('for any behaviour of every hook crkit awaits and of the response endpoint', () => {
  it('a request is answered exactly once, within the limits, before the invocation ends', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let handedOver = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (chosen) => {
        current = chosen;
        const url = capture.responseUrl();
        const remainingMs = 700;
        const started = Date.now();
        process.env.CRKIT_ALLOW_RESPONSE_ORIGINS = capture.origin;
        await expect(
          handler(
            { ...chosen.event, ResponseURL: url },
            { getRemainingTimeInMillis: () => remainingMs - (Date.now() - started) },
          ),
        ).resolves.toBe(undefined);
        const answers = capture.responses.filter((r) => r.key === capture.responseFor(url)?.key);
        const handOverSucceeded = chosen.pending && chosen.handOver === 'resolve' && answers.length === 0;
        if (handOverSucceeded) {
          handedOver++;
          return;
        }
        expect(answers).toHaveLength(1);
        const [answer] = answers;
        expect(answer?.receivedAt).toBeLessThan(started + remainingMs);
        expect(Buffer.byteLength(answer?.raw ?? '', 'utf8')).toBeLessThanOrEqual(4096);
        const id = answer?.body.PhysicalResourceId ?? '';
        expect(typeof id).toBe('string');
        expect(Buffer.byteLength(id, 'utf8')).toBeGreaterThan(0);
        expect(Buffer.byteLength(id, 'utf8')).toBeLessThanOrEqual(1024);
        if (answer?.body.Status === 'FAILED') expect(answer.body.Reason?.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
    delete process.env.CRKIT_ALLOW_RESPONSE_ORIGINS;
    process.off('unhandledRejection', onUnhandled);
    expect(capture.duplicates).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(handedOver).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
