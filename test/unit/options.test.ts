import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { allowAccounts } from '../../src/access/allow-accounts.js';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { snsHandler } from '../../src/entry/sns.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import { dynamoDbIdempotencyStore } from '../../src/idempotency/dynamodb-store.js';
import { memoryIdempotencyStore } from '../../src/idempotency/memory-store.js';
import { createJsonLogger } from '../../src/logger.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { connectProvider } from '../../src/testing/connect-provider.js';
import { checkContract } from '../../src/testing/contract.js';
import { snsEvent, sqsEvent } from '../../src/testing/envelopes.js';
import { createEvent, deleteEvent, updateEvent } from '../../src/testing/events.js';
import { playLifecycle } from '../../src/testing/lifecycle.js';
import { startLocalAws } from '../../src/testing/local-aws.js';
import { captureOutput } from '../../src/testing/output-capture.js';
import { startResponseCapture } from '../../src/testing/response-capture.js';
import { testSeams } from '../../src/testing/test-seams.js';
import { refusal } from '../helpers/refusal.js';

const Ok = defineResource({
  resourceType: 'Custom::Ok',
  properties: z.object({}),
  create: () => {},
  delete: () => {},
});

describe('handler options are validated when the handler is built, naming the option', () => {
  it.each([
    [
      { allowedResponseOrigins: ['http://127.0.0.1:4566/path'] },
      'allowedResponseOrigins[0]: expected origins like "http://127.0.0.1:4566" (http or https, host and port, no path), got "http://127.0.0.1:4566/path"; did you mean "http://127.0.0.1:4566"?',
    ],
    [
      { allowedResponseOrigins: 'http://127.0.0.1:4566' },
      'allowedResponseOrigins: expected a list of origins, got "http://127.0.0.1:4566"',
    ],
    [
      { timeoutMarginMs: -1 },
      'timeoutMarginMs: expected at least 500 ms (time to answer CloudFormation before the invocation ends), got -1',
    ],
    [{ retry: { attempts: 0 } }, 'retry.attempts: expected an integer from 1 to 10, got 0'],
    [
      { retry: { baseDelayMs: Number.NaN } },
      'retry.baseDelayMs: expected a number of milliseconds >= 0, got NaN',
    ],
    [{ retry: 5 }, 'retry: expected an object of options, got 5'],
    [
      { authorize: 'everyone' },
      'authorize: expected a function (event) => reason | undefined, got "everyone"',
    ],
    [
      { idempotency: { claim: () => {} } },
      'idempotency: expected an object with claim, complete and release methods (an idempotency store such as memoryIdempotencyStore()); missing complete, release',
    ],
  ])('%j', (options, message) => {
    const { option, message: thrown } = refusal(() => lambdaHandler(Ok, options as never));
    expect(thrown).toBe(message);
    expect(message.startsWith(`${option}: `)).toBe(true);
  });

  it('refuses an unknown option, naming the one it resembles', () => {
    expect(refusal(() => lambdaHandler(Ok, { timeoutMargin: 5000 } as never))).toEqual({
      option: 'timeoutMargin',
      message: 'timeoutMargin: unknown option (did you mean "timeoutMarginMs"?)',
    });
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'refuses %s as an unknown option, not as a key of Object.prototype',
    (key) => {
      const { message } = refusal(() => lambdaHandler(Ok, { [key]: 1 } as never));
      expect(message.startsWith(`${key}: unknown option`)).toBe(true);
      expect(message).not.toContain('native code');
    },
  );

  it('refuses an unknown key inside an option, naming its path', () => {
    expect(refusal(() => lambdaHandler(Ok, { retry: { attempt: 3 } } as never)).message).toBe(
      'retry.attempt: unknown option (did you mean "attempts"?)',
    );
  });

  it('lists the options when an unknown one resembles none', () => {
    expect(refusal(() => lambdaHandler(Ok, { verbose: true } as never)).message).toBe(
      'verbose: unknown option; the options are logger, allowedResponseOrigins, timeoutMarginMs, authorize, retry, handOver, idempotency',
    );
  });

  it('says a test seam passed as an option goes through testSeams', () => {
    expect(
      refusal(() => lambdaHandler(Ok, { transport: async () => ({ statusCode: 200 }) } as never)),
    ).toEqual({
      option: 'transport',
      message:
        'transport: unknown option (a test seam: pass it with ...testSeams({ ... }) from crkit/testing)',
    });
  });

  it('says a batch option given to lambdaHandler belongs to the batch entries', () => {
    expect(refusal(() => lambdaHandler(Ok, { concurrency: 5 } as never)).message).toBe(
      'concurrency: unknown option (an option of sqsHandler and snsHandler, not of lambdaHandler)',
    );
  });

  it('names several unknown options in one message, listing the options once', () => {
    expect(refusal(() => lambdaHandler(Ok, { foo: 1, timeoutMargin: 2 } as never))).toEqual({
      option: 'foo',
      message:
        'foo: unknown options: "foo", "timeoutMargin" (did you mean "timeoutMarginMs"?); the options are ' +
        'logger, allowedResponseOrigins, timeoutMarginMs, authorize, retry, handOver, idempotency',
    });
  });

  it('names every offending option at once, the first as the error option', () => {
    const { option, message } = refusal(() =>
      lambdaHandler(Ok, { timeoutMarginMs: 10, retry: { attempts: 99 }, tracing: true } as never),
    );
    expect(option).toBe('timeoutMarginMs');
    expect(message).toContain('; retry.attempts: expected an integer from 1 to 10, got 99');
    expect(message).toContain('; tracing: unknown option');
  });

  it.each([
    ['sqsHandler', sqsHandler],
    ['snsHandler', snsHandler],
  ] as const)(
    'checks the options of %s, its batch options and idempotency false included',
    (_entry, entry) => {
      expect(() => entry(Ok, { concurrency: 3, startCutoffMs: 0, idempotency: false })).not.toThrow();
      expect(refusal(() => entry(Ok, { concurrency: 0 })).message).toBe(
        'concurrency: expected an integer from 1 to 1000, got 0',
      );
      expect(refusal(() => entry(Ok, { startCutofMs: 5 } as never)).message).toBe(
        'startCutofMs: unknown option (did you mean "startCutoffMs"?)',
      );
      expect(refusal(() => entry(Ok, { idempotency: true } as never)).message).toMatch(
        /^idempotency: expected an object with claim, complete and release methods \(.*or false for none\); missing/,
      );
    },
  );

  it('accepts every documented option, functions included', () => {
    const build = () =>
      lambdaHandler(Ok, {
        logger: console,
        allowedResponseOrigins: ['http://127.0.0.1:4566'],
        timeoutMarginMs: 500,
        authorize: () => undefined,
        retry: { attempts: 10, baseDelayMs: 0, maxDelayMs: 100, attemptTimeoutMs: 1000 },
        handOver: async () => {},
        idempotency: memoryIdempotencyStore(),
      });
    expect(build).not.toThrow();
  });

  it('takes null as no options, as a JavaScript caller may pass it', () => {
    // biome-ignore lint/suspicious/noExplicitAny: what a caller without strictNullChecks passes.
    const none = null as any;
    expect(() => lambdaHandler(Ok, none)).not.toThrow();
    expect(() => sqsHandler(Ok, none)).not.toThrow();
    expect(() => snsHandler(Ok, none)).not.toThrow();
  });
});

describe('test seams', () => {
  it('ride along any options object without being refused as unknown options', () => {
    const seams = testSeams({
      now: () => 0,
      sleep: async () => {},
      random: () => 0,
      transport: async () => ({ statusCode: 200 }),
    });
    expect(() => lambdaHandler(Ok, { timeoutMarginMs: 1000, ...seams })).not.toThrow();
    expect(() => sqsHandler(Ok, { ...seams, ...testSeams({ wait: async () => {} }) })).not.toThrow();
    expect(() => memoryIdempotencyStore({ maxRecords: 10, ...seams })).not.toThrow();
  });

  it('refuses an unknown seam, naming it', () => {
    expect(refusal(() => testSeams({ clock: () => 0 } as never)).message).toBe(
      'testSeams.clock: unknown option; the options are transport, now, sleep, random, wait',
    );
    expect(refusal(() => testSeams({ now: 0 } as never)).message).toBe(
      'testSeams.now: expected a function, got 0',
    );
  });
});

describe('allowAccounts options', () => {
  it('names the offending id by its place in the list', () => {
    expect(refusal(() => allowAccounts({ accounts: ['111111111111', '1234'] }))).toEqual({
      option: 'accounts[1]',
      message: 'accounts[1]: expected an account id of 12 digits, like "111111111111", got "1234"',
    });
    expect(refusal(() => allowAccounts({ organizations: ['org-1'] })).message).toMatch(
      /^organizations\[0\]: expected an organization id like "o-exampleorgid"/,
    );
  });

  it('refuses an unknown option and a clock passed as an option', () => {
    expect(refusal(() => allowAccounts({ account: ['111111111111'] } as never)).message).toBe(
      'account: unknown option (did you mean "accounts"?)',
    );
    expect(refusal(() => allowAccounts({ accounts: ['111111111111'], now: () => 0 } as never)).option).toBe(
      'now',
    );
  });

  it('still needs at least one account or organization', () => {
    expect(refusal(() => allowAccounts({})).message).toBe(
      'accounts: expected at least one account id or organization id to allow',
    );
  });
});

describe('idempotency store options', () => {
  it('checks the memory store', () => {
    expect(refusal(() => memoryIdempotencyStore({ maxRecords: 0 })).message).toBe(
      'maxRecords: expected an integer >= 1, got 0',
    );
    expect(refusal(() => memoryIdempotencyStore({ expiresAfterSeconds: -1 })).message).toBe(
      'expiresAfterSeconds: expected a number of seconds > 0, got -1',
    );
    expect(refusal(() => memoryIdempotencyStore({ ttlSeconds: 60 } as never)).option).toBe('ttlSeconds');
  });

  it('checks the DynamoDB store', () => {
    expect(refusal(() => dynamoDbIdempotencyStore({ tableName: ' ' })).message).toBe(
      'tableName: expected the name of a DynamoDB table, got " "',
    );
    expect(refusal(() => dynamoDbIdempotencyStore({ tablename: 'crkit' } as never)).message).toMatch(
      /^tableName: expected the name of a DynamoDB table, got nothing; tablename: unknown option \(did you mean "tableName"\?\)$/,
    );
    expect(
      refusal(() => dynamoDbIdempotencyStore({ tableName: 't', expiresAfterSeconds: 1.5 })).message,
    ).toBe('expiresAfterSeconds: expected an integer >= 1 seconds, got 1.5');
  });
});

describe('definition options', () => {
  const job = (extra: Record<string, unknown>) => () =>
    defineResource({
      resourceType: 'Custom::Job',
      properties: z.object({}),
      create: () => {},
      delete: () => {},
      isComplete: () => {},
      ...extra,
    });

  it('refuses a definition without a delete handler, naming the resource type', () => {
    const make = () =>
      defineResource({ resourceType: 'Custom::X', properties: z.object({}), create: () => {} } as never);
    expect(make).toThrow('delete: expected a function for Custom::X, got nothing');
  });

  it('refuses a misspelt handler instead of ignoring it', () => {
    expect(refusal(job({ isCompleted: () => {} })).message).toBe(
      'isCompleted: unknown option of Custom::Job (did you mean "isComplete"?)',
    );
  });

  it.each([
    [
      { completion: { maxDelayMs: 0 } },
      'completion.maxDelayMs: expected a number of milliseconds > 0 for Custom::Job, got 0',
    ],
    [
      { completion: { initialDelayMs: -5 } },
      'completion.initialDelayMs: expected a number of milliseconds > 0 for Custom::Job, got -5',
    ],
    [
      { completion: { timeoutSeconds: 60_000 } },
      "completion.timeoutSeconds: expected a number of seconds > 0 and at most 3600 (CloudFormation's longest wait) for Custom::Job, got 60000",
    ],
    [
      { completion: { intervalMs: 100 } },
      'completion.intervalMs: unknown option of Custom::Job; the options are timeoutSeconds, initialDelayMs, maxDelayMs',
    ],
    [{ replaceOn: 'Name' }, 'replaceOn: expected a list of property names for Custom::Job, got "Name"'],
  ])('checks completion and the other options (%j)', (extra, message) => {
    expect(refusal(job(extra)).message).toBe(message);
  });

  it('accepts completion options in range, fractions of a second included', () => {
    expect(job({ completion: { timeoutSeconds: 0.05, initialDelayMs: 1, maxDelayMs: 5 } })).not.toThrow();
  });

  it('accepts a definition spread into another', () => {
    expect(() => defineResource({ ...Ok, create: () => ({ physicalResourceId: 'x' }) })).not.toThrow();
  });
});

describe('createJsonLogger options', () => {
  it('refuses a level it does not know and a misspelt option', () => {
    expect(refusal(() => createJsonLogger({ level: 'verbose' as never })).message).toBe(
      'level: expected "debug", "info", "warn" or "error", got "verbose"',
    );
    expect(refusal(() => createJsonLogger({ levl: 'info' } as never)).message).toBe(
      'levl: unknown option (did you mean "level"?)',
    );
    expect(refusal(() => createJsonLogger({ write: 'stderr' as never })).option).toBe('write');
  });
});

describe('test kit options', () => {
  it('refuses a misspelt option of playLifecycle before playing anything', async () => {
    await expect(playLifecycle(Ok, { steps: ['delete'], responseWait: 10 } as never)).rejects.toThrow(
      'responseWait: unknown option (did you mean "responseWaitMs"?)',
    );
    await expect(playLifecycle(Ok, { steps: [], via: 'http' } as never)).rejects.toThrow(
      'via: expected "lambda", "sns" or "sqs"',
    );
  });

  it('refuses a misspelt option of checkContract, naming it', async () => {
    await expect(checkContract(Ok, { properties: {}, updates: {} } as never)).rejects.toThrow(
      'updates: unknown option (did you mean "update"?)',
    );
    await expect(checkContract(Ok, { properties: 'Name=a' } as never)).rejects.toMatchObject({
      option: 'properties',
      message: 'properties: expected an object of resource properties',
    });
  });

  it('refuses misspelt options of the event and envelope builders, and of connectProvider', async () => {
    expect(
      refusal(() => createEvent({ resourceType: 'Custom::W', propertes: { N: 'a' } } as never)).message,
    ).toBe('propertes: unknown option of createEvent (did you mean "properties"?)');
    expect(refusal(() => createEvent({ resourceType: 1 } as never)).message).toBe(
      'resourceType: expected a resource type, like "Custom::Widget"',
    );
    expect(refusal(() => deleteEvent({ resourceType: 'Custom::W', physicalId: 'x' } as never)).option).toBe(
      'physicalResourceId',
    );
    expect(refusal(() => updateEvent(null as never)).option).toBe('options');
    expect(refusal(() => sqsEvent([{}], { raw: 'yes' } as never)).message).toBe(
      'raw: expected true or false',
    );
    expect(refusal(() => snsEvent([{}], { topicArns: 'x' } as never)).option).toBe('topicArns');
    expect(refusal(() => captureOutput({ quiett: true } as never)).option).toBe('quiett');
    await expect(connectProvider(Ok, { vi: 'sqs' } as never)).rejects.toThrow(
      'vi: unknown option of connectProvider (did you mean "via"?)',
    );
  });

  it('refuses a misspelt option of startLocalAws and startResponseCapture before starting anything', async () => {
    await expect(startLocalAws({ startupTimeout: 5 } as never)).rejects.toThrow(
      'startupTimeout: unknown option (did you mean "startupTimeoutMs"?)',
    );
    await expect(startResponseCapture({ behavior: () => ({}) } as never)).rejects.toThrow(
      'behavior: unknown option (did you mean "behaviour"?)',
    );
  });
});

describe('options that cannot be read as plain values', () => {
  it('refuses null or nothing where a definition belongs, with a ConfigurationError', () => {
    expect(refusal(() => defineResource(null as never)).option).toBe('options');
    expect(refusal(() => lambdaHandler(null as never)).option).toBe('definition');
    expect(refusal(() => sqsHandler(undefined as never)).option).toBe('definition');
  });

  it('names the option whose getter throws, with what it threw', () => {
    const options = {
      get timeoutMarginMs(): number {
        throw new Error('boom');
      },
    };
    expect(refusal(() => lambdaHandler(Ok, options))).toEqual({
      option: 'timeoutMarginMs',
      message: 'timeoutMarginMs: could not be read (Error: boom); pass plain values',
    });
  });

  it('names a nested option, one on a prototype and one behind a get-only Proxy whose read throws', () => {
    const boom = () => {
      throw new Error('boom');
    };
    const nested = {
      retry: {
        get attempts(): number {
          return boom();
        },
      },
    };
    expect(refusal(() => lambdaHandler(Ok, nested)).option).toBe('retry.attempts');
    class Options {
      get timeoutMarginMs(): number {
        return boom();
      }
    }
    expect(refusal(() => lambdaHandler(Ok, new Options())).option).toBe('timeoutMarginMs');
    const proxied = new Proxy({}, { get: (_target, key) => (key === 'logger' ? boom() : undefined) });
    expect(refusal(() => lambdaHandler(Ok, proxied)).option).toBe('logger');
  });

  it('names the options object when a Proxy will not even list its keys', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys');
        },
      },
    );
    expect(refusal(() => memoryIdempotencyStore(hostile)).message).toBe(
      'options: could not be read (Error: no keys); pass plain values',
    );
  });

  it('says which method a one-method client lacks', () => {
    expect(refusal(() => dynamoDbIdempotencyStore({ tableName: 't', client: {} as never })).message).toMatch(
      /^client: expected an object with send method \(.*\); missing send$/,
    );
  });
});

describe('keys nobody declared', () => {
  it('refuses an inherited unknown option as the zod-checked ones do', () => {
    const inherited = Object.create({ timeoutMargin: 1 }) as object;
    expect(refusal(() => lambdaHandler(Ok, inherited)).message).toBe(
      'timeoutMargin: unknown option (did you mean "timeoutMarginMs"?)',
    );
  });

  it('refuses a misspelt key of a lifecycle step before playing anything', async () => {
    await expect(
      playLifecycle(Ok, { steps: [{ create: {}, expct: 'failure' }, 'delete'] } as never),
    ).rejects.toThrow('steps[0].expct: unknown key (did you mean "expect"?)');
  });
});

describe('what gets past a first look', () => {
  it('checks test seams however they arrive, the symbol written by hand included', () => {
    const seams = Symbol.for('crkit.testSeams');
    expect(refusal(() => lambdaHandler(Ok, { [seams]: { now: 'x' } } as never)).option).toBe('testSeams.now');
    expect(refusal(() => allowAccounts({ accounts: ['111111111111'], [seams]: 7 } as never)).option).toBe(
      'testSeams',
    );
    const hostile = {
      get [seams]() {
        throw new Error('boom');
      },
    };
    expect(refusal(() => memoryIdempotencyStore(hostile as never)).option).toBe('testSeams');
  });

  it('keeps the seams as they were checked, whatever is changed afterwards', async () => {
    const given: { now?: unknown } = { now: () => 0 };
    const spread = testSeams(given as never);
    given.now = 'changed';
    expect(() => lambdaHandler(Ok, { ...spread })).not.toThrow();
  });

  it('refuses a getter that throws a value whose own traps throw, with a ConfigurationError', () => {
    const options = {
      get timeoutMarginMs(): number {
        throw new Proxy(
          {},
          {
            getPrototypeOf: () => {
              throw new Error('boom');
            },
          },
        );
      },
    };
    expect(refusal(() => lambdaHandler(Ok, options)).option).toBe('timeoutMarginMs');
  });
});

describe('options are read once: what was checked is what the handler uses', () => {
  /** An options object whose getters answer the check with a valid value and every later read with another. */
  function changing<T>(valid: T, later: unknown): { readonly value: T; readonly reads: () => number } {
    let reads = 0;
    return {
      get value() {
        reads++;
        return (reads === 1 ? valid : later) as T;
      },
      reads: () => reads,
    };
  }

  const Slow = defineResource({
    resourceType: 'Custom::Slow',
    properties: z.object({}),
    create: async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { physicalResourceId: 'slow-1' };
    },
    delete: () => {},
  });

  it('answers with the timeout margin, retry and origins it checked, whatever their getters say later', async () => {
    const capture = await startResponseCapture();
    try {
      const margin = changing(3000, Number.NaN);
      const attempts = changing(2, 0);
      const origins = changing([capture.origin], []);
      const options = {
        logger: createJsonLogger({ write: () => {} }),
        get timeoutMarginMs() {
          return margin.value;
        },
        retry: {
          get attempts() {
            return attempts.value;
          },
        },
        get allowedResponseOrigins() {
          return origins.value;
        },
      };
      const handler = lambdaHandler(Slow, options);
      await handler(createEvent({ resourceType: 'Custom::Slow', responseUrl: capture.responseUrl() }), {
        getRemainingTimeInMillis: () => 10_000,
      });
      expect(capture.responses.map((response) => response.body)).toMatchObject([
        { Status: 'SUCCESS', PhysicalResourceId: 'slow-1' },
      ]);
      expect([margin.reads(), attempts.reads(), origins.reads()]).toEqual([1, 1, 1]);
    } finally {
      await capture.close();
    }
  });

  it('reads the hand-over and the idempotency store once, when the handler is built, not at each request', async () => {
    const capture = await startResponseCapture();
    try {
      const store = changing(memoryIdempotencyStore(), 'not a store');
      const handOver = changing(async () => {}, 'not a function');
      const options = {
        allowedResponseOrigins: [capture.origin],
        logger: createJsonLogger({ write: () => {} }),
        get idempotency() {
          return store.value;
        },
        get handOver() {
          return handOver.value;
        },
      };
      const handler = lambdaHandler(Ok, options);
      for (const _ of [1, 2]) {
        await handler(createEvent({ resourceType: 'Custom::Ok', responseUrl: capture.responseUrl() }));
      }
      expect(capture.responses.map((response) => response.body.Status)).toEqual(['SUCCESS', 'SUCCESS']);
      expect([store.reads(), handOver.reads()]).toEqual([1, 1]);
      // A batch entry's options are read once too.
      const batch = changing(false as const, 'not a store');
      sqsHandler(Ok, {
        get idempotency() {
          return batch.value;
        },
      });
      expect(batch.reads()).toBe(1);
    } finally {
      await capture.close();
    }
  });

  it('reads the options of the stores and of the JSON logger once too', () => {
    const seconds = changing(60, -1);
    memoryIdempotencyStore({
      get expiresAfterSeconds() {
        return seconds.value;
      },
    });
    const level = changing('error' as const, 'loud');
    createJsonLogger({
      get level() {
        return level.value;
      },
    });
    expect([seconds.reads(), level.reads()]).toEqual([1, 1]);
  });

  it('answers a request sent to a batch entry with the options that entry checked', async () => {
    const capture = await startResponseCapture();
    try {
      const margin = changing(3000, 10);
      const options = {
        allowedResponseOrigins: [capture.origin],
        logger: createJsonLogger({ write: () => {} }),
        get timeoutMarginMs() {
          return margin.value;
        },
      };
      const handler = sqsHandler(Slow, options);
      await handler(
        createEvent({ resourceType: 'Custom::Slow', responseUrl: capture.responseUrl() }) as never,
        {
          getRemainingTimeInMillis: () => 10_000,
        },
      );
      expect(capture.responses.map((response) => response.body)).toMatchObject([
        { Status: 'SUCCESS', PhysicalResourceId: 'slow-1' },
      ]);
      expect(margin.reads()).toBe(1);
    } finally {
      await capture.close();
    }
  });

  it('reads the options of a Proxy that has only a get trap, and seams inherited from a prototype', async () => {
    const capture = await startResponseCapture();
    try {
      const config: Record<string, unknown> = {
        allowedResponseOrigins: [capture.origin],
        logger: createJsonLogger({ write: () => {} }),
        authorize: () => 'refused by policy',
      };
      const proxied = new Proxy({}, { get: (_target, key) => config[key as string] });
      await lambdaHandler(
        Ok,
        proxied,
      )(createEvent({ resourceType: 'Custom::Ok', responseUrl: capture.responseUrl() }));
      expect(capture.responses[0]?.body).toMatchObject({ Status: 'FAILED', Reason: 'refused by policy' });

      const puts: string[] = [];
      const inherited = Object.create({
        ...testSeams({
          transport: async ({ body }) => {
            puts.push(body);
            return { statusCode: 200 };
          },
        }),
      }) as object;
      await lambdaHandler(Ok, inherited)(createEvent({ resourceType: 'Custom::Ok' }));
      expect(puts.map((body) => JSON.parse(body).Status)).toEqual(['SUCCESS']);
    } finally {
      await capture.close();
    }
  });

  it('accepts a list with a hole, a subclass of Array and a list with its own map, as before', () => {
    const origins = ['http://127.0.0.1:4566'];
    origins.length = 2;
    expect(() => lambdaHandler(Ok, { allowedResponseOrigins: origins })).not.toThrow();
    class Origins extends Array<string> {
      constructor(list: readonly string[]) {
        super();
        this.push(...list);
      }
    }
    expect(() =>
      lambdaHandler(Ok, { allowedResponseOrigins: new Origins(['http://127.0.0.1:4566']) }),
    ).not.toThrow();
    const mapped = Object.assign(['http://127.0.0.1:4566'], { map: () => 'x' });
    expect(() => lambdaHandler(Ok, { allowedResponseOrigins: mapped })).not.toThrow();
  });

  it('answers a request sent to the wrong entry even when the logger throws', async () => {
    const capture = await startResponseCapture();
    try {
      const throwing = {
        debug() {},
        info() {},
        warn() {
          throw new Error('logger down');
        },
        error() {},
      };
      const options = { allowedResponseOrigins: [capture.origin], logger: throwing };
      const request = () => createEvent({ resourceType: 'Custom::Ok', responseUrl: capture.responseUrl() });
      await lambdaHandler(Ok, options)(sqsEvent([request()]) as never);
      await sqsHandler(Ok, options)(request() as never);
      expect(capture.responses.map((response) => response.body.Status)).toEqual(['SUCCESS', 'SUCCESS']);
    } finally {
      await capture.close();
    }
  });

  it('keeps a key named __proto__ a key, refused as an unknown option', () => {
    const options = JSON.parse('{"__proto__": {"timeoutMarginMs": 1}}') as object;
    expect(refusal(() => lambdaHandler(Ok, options as never)).message).toMatch(/^__proto__: unknown option/);
  });
});
