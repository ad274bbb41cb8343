import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { allowAccounts } from '../../src/access/allow-accounts.js';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { snsHandler } from '../../src/entry/sns.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent, updateEvent } from '../../src/testing/events.js';
import { concurrentHarnesses, type Harness } from '../helpers/harness.js';
import { hostileProxy } from '../helpers/hostile.js';

const never = <T>() => new Promise<T>(() => {});
/** Each test's harness, closed when the file is done: the tests that wait for a deadline run concurrently. */
const open = concurrentHarnesses();
const Widget = defineResource({
  resourceType: 'Custom::Widget',
  properties: z.object({ Name: z.string().optional() }),
  create: () => ({ physicalResourceId: 'widget-1' }),
  delete: () => {},
});
/** A long-running job that is never complete, made under `job-<Name>`. */
const Job = (hooks: { onTimeout?: () => unknown; delete?: () => unknown } = {}) =>
  defineResource({
    resourceType: 'Custom::Job',
    properties: z.object({ Name: z.string() }),
    replaceOn: ['Name'],
    completion: { initialDelayMs: 5, maxDelayMs: 20, timeoutSeconds: 0.3 },
    create: ({ properties }) => ({ physicalResourceId: `job-${properties.Name}`, pending: {} }),
    update: () => ({}),
    delete: (hooks.delete ?? (() => {})) as () => void,
    isComplete: () => ({ pending: {} }),
    ...(hooks.onTimeout ? { onTimeout: hooks.onTimeout as () => void } : {}),
  });

/** Invokes with `remainingMs` left and returns the body and how long the invocation took. */
async function timed(harness: Harness, event: Record<string, unknown>, remainingMs: number) {
  const started = Date.now();
  const body = await harness.invoke(event, remainingMs);
  return { body, elapsed: Date.now() - started };
}

describe('every hook crkit awaits is bounded by the invocation deadline', () => {
  it.concurrent('answers FAILED before the deadline when authorize never settles', async () => {
    const harness = await open(Widget, { authorize: never });
    const { body, elapsed } = await timed(harness, createEvent({ resourceType: 'Custom::Widget' }), 2000);
    expect(elapsed).toBeLessThan(2000);
    expect(body).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: expect.stringMatching(/^crkit:create-failed:/),
    });
    expect(body.Reason).toMatch(/^timed out after 1\.\d s: authorize did not finish/);
  });

  it.concurrent('answers FAILED before the deadline when the organization lookup of allowAccounts never answers', async () => {
    const authorize = allowAccounts({ organizations: ['o-abcdefghij'], organizationOf: never });
    const harness = await open(Widget, { authorize });
    const { body, elapsed } = await timed(harness, createEvent({ resourceType: 'Custom::Widget' }), 2000);
    expect(elapsed).toBeLessThan(2000);
    expect(body.Reason).toMatch(/authorize did not finish/);
  });

  it.concurrent('answers FAILED with the id made when onTimeout never settles', async () => {
    const harness = await open(Job({ onTimeout: never }));
    const event = createEvent({ resourceType: 'Custom::Job', properties: { Name: 'a' } });
    const { body, elapsed } = await timed(harness, event, 2000);
    expect(elapsed).toBeLessThan(2000);
    // The resource exists under job-a: the rollback Delete must name it.
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'job-a' });
    expect(body.Reason).toMatch(/onTimeout of the create did not finish/);
  });

  it.concurrent('answers FAILED before the deadline when a custom handOver never settles', async () => {
    // No total timeout of its own within this invocation: it must be handed over.
    const Endless = defineResource({ ...Job(), completion: { initialDelayMs: 5, maxDelayMs: 20 } });
    const harness = await open(Endless, { handOver: never });
    const event = createEvent({ resourceType: 'Custom::Job', properties: { Name: 'b' } });
    const { body, elapsed } = await timed(harness, event, 2000);
    expect(elapsed).toBeLessThan(2000);
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'job-b' });
    expect(body.Reason).toMatch(/the hand-over to a new invocation did not finish/);
  });

  it.concurrent('answers FAILED with the old id when the clean-up of a failed long-running replacement never settles', async () => {
    const harness = await open(Job({ delete: never }));
    const event = updateEvent({
      resourceType: 'Custom::Job',
      physicalResourceId: 'job-old',
      properties: { Name: 'new' },
      oldProperties: { Name: 'old' },
    });
    const { body, elapsed } = await timed(harness, event, 2000);
    expect(elapsed).toBeLessThan(2000);
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'job-old' });
    expect(body.Reason).toMatch(/clean-up of the failed replacement did not finish/);
  });

  it('answers a handler whose stray promise rejects unhandled, and logs the rejection', async () => {
    const Stray = defineResource({
      resourceType: 'Custom::Stray',
      properties: z.object({}),
      async create() {
        void Promise.reject(new Error('stray failure'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { physicalResourceId: 'stray-1' };
      },
      delete: () => {},
    });
    const harness = await open(Stray);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Stray' }));
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'stray-1' });
    expect(harness.logs.join('\n')).toMatch(/unhandled promise rejection.*stray failure/);
  });
});

describe('hostile values and loggers never stop the answer', () => {
  const hostileObject = () => {
    const value = {};
    Object.defineProperty(value, 'toJSON', {
      get() {
        throw new Error('toJSON getter');
      },
    });
    Object.defineProperty(value, Symbol.toStringTag, {
      get() {
        throw new Error('toStringTag getter');
      },
    });
    return value;
  };
  const throwing = (make: () => unknown) =>
    defineResource({
      resourceType: 'Custom::Hostile',
      properties: z.object({}),
      create: () => {
        throw make();
      },
      delete: () => {},
    });

  it.each([
    ['an object whose toJSON and toStringTag getters throw', hostileObject],
    ['a Proxy whose traps all throw', hostileProxy],
  ])('answers FAILED when create throws %s', async (_, make) => {
    const harness = await open(throwing(make));
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Hostile' }));
    expect(body).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: expect.stringMatching(/^crkit:create-failed:/),
    });
    expect(body.Reason).toMatch(/^create failed: /);
  });

  it('answers FAILED when the physicalResourceId getter of a result throws a Proxy', async () => {
    const Getter = defineResource({
      resourceType: 'Custom::Hostile',
      properties: z.object({}),
      create: () => {
        const result = {};
        Object.defineProperty(result, 'physicalResourceId', {
          get() {
            throw hostileProxy();
          },
        });
        return result;
      },
      delete: () => {},
    });
    const harness = await open(Getter);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Hostile' }));
    expect(body.Status).toBe('FAILED');
  });

  it('answers when the logger throws on every line', async () => {
    const explode = () => {
      throw new Error('logger down');
    };
    const harness = await open(Widget, {
      logger: { debug: explode, info: explode, warn: explode, error: explode },
    });
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Widget' }));
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'widget-1' });
  });

  it('refuses a logger without the four methods when the handler is built', () => {
    expect(() => lambdaHandler(Widget, { logger: {} as never })).toThrow(
      /^logger: expected an object with debug, info, warn and error methods.*missing debug, info, warn, error$/,
    );
  });

  it('refuses a timeoutMarginMs too small to answer before the invocation ends', () => {
    expect(() => lambdaHandler(Widget, { timeoutMarginMs: 0 })).toThrow(
      /^timeoutMarginMs: expected at least 500 ms/,
    );
  });

  it('answers a hung handler before the invocation ends with 1.5 s left', async () => {
    const Hung = defineResource({ ...Widget, resourceType: 'Custom::Hung', create: never });
    const harness = await open(Hung, { timeoutMarginMs: 500 });
    const started = Date.now();
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Hung' }), 1500);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(harness.capture.responses[0]?.receivedAt ?? 0).toBeLessThan(started + 1500);
    expect(body.Status).toBe('FAILED');
  });
});

describe('what an attack on the first version found', () => {
  it('answers when every logger method is async and rejects, without looping on its own rejections', async () => {
    const reject = async () => {
      throw new Error('logger down');
    };
    const harness = await open(Widget, {
      logger: { debug: reject, info: reject, warn: reject, error: reject },
    });
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Widget' }), 2000);
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'widget-1' });
  });

  it('answers a handler whose timer throws while it runs, logging the exception', async () => {
    const Timer = defineResource({
      resourceType: 'Custom::Timer',
      properties: z.object({}),
      async create() {
        setTimeout(() => {
          throw new Error('stray timer');
        }, 5);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { physicalResourceId: 'timer-1' };
      },
      delete: () => {},
    });
    const harness = await open(Timer);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Timer' }));
    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'timer-1' });
    expect(harness.logs.join('\n')).toMatch(/uncaught exception.*stray timer/);
  });

  it('answers when the context cannot tell the remaining time', async () => {
    const harness = await open(Widget);
    const url = harness.capture.responseUrl();
    const handler = lambdaHandler(Widget, { allowedResponseOrigins: [harness.capture.origin] });
    await handler(
      { ...createEvent({ resourceType: 'Custom::Widget' }), ResponseURL: url },
      {
        getRemainingTimeInMillis: () => {
          throw new Error('no clock');
        },
      },
    );
    expect(harness.capture.responseFor(url)?.body.Status).toBe('SUCCESS');
  });

  it('answers FAILED naming the rule when shared objects make Data too large to write out', async () => {
    let level: Record<string, unknown> = {};
    for (let depth = 0; depth < 15; depth++) level = { A: level, B: level, C: 'x' };
    const Big = defineResource({
      ...Widget,
      resourceType: 'Custom::Big',
      create: () => ({ data: { Config: level } }),
    });
    const harness = await open(Big);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Big' }));
    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toMatch(/Data holds more than 10000 values/);
  });

  it('says what authorize returned when it is not a reason string', async () => {
    const harness = await open(Widget, { authorize: (() => 42) as never });
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Widget' }));
    expect(body).toMatchObject({ Status: 'FAILED' });
    expect(body.Reason).toBe(
      'refused: authorize returned 42 (expected a reason string, or undefined to serve)',
    );
  });

  it('waits for a hand-over still under way at the deadline instead of answering twice', async () => {
    const Endless = defineResource({ ...Job(), completion: { initialDelayMs: 5, maxDelayMs: 20 } });
    let handedOverAt = 0;
    const started = Date.now();
    // Acknowledged after the cut-off (1.75 s of 2 s) but before the hand-over deadline.
    const handOver = async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 1800 - Date.now())));
      handedOverAt = Date.now();
    };
    const harness = await open(Endless, { handOver });
    const url = harness.capture.responseUrl();
    const handler = lambdaHandler(Endless, { allowedResponseOrigins: [harness.capture.origin], handOver });
    await handler(
      { ...createEvent({ resourceType: 'Custom::Job', properties: { Name: 'c' } }), ResponseURL: url },
      { getRemainingTimeInMillis: () => 2000 - (Date.now() - started) },
    );
    expect(handedOverAt).toBeGreaterThan(0);
    // Handed over: the next invocation answers; this one sent nothing.
    expect(harness.capture.responseFor(url)).toBeUndefined();
  });
});

describe('the SQS and SNS entries', () => {
  it.each([
    [
      'a Proxy whose traps throw',
      () =>
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('trap');
            },
          },
        ),
    ],
    [
      'a record whose messageId getter throws',
      () => ({
        Records: [
          Object.defineProperty({}, 'messageId', {
            get: () => {
              throw new Error('getter');
            },
          }),
        ],
      }),
    ],
  ])('resolve when the event is %s', async (_, make) => {
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    await expect(sqsHandler(Widget, { logger: quiet })(make())).resolves.toMatchObject({
      batchItemFailures: [],
    });
    await expect(snsHandler(Widget, { logger: quiet })(make())).resolves.toBe(undefined);
  });
});
