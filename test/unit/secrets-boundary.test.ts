import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { cfn } from '../../src/cfn.js';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import { memoryIdempotencyStore } from '../../src/idempotency/memory-store.js';
import type { IdempotencyStore } from '../../src/idempotency/store.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent, deleteEvent } from '../../src/testing/events.js';
import { testSeams } from '../../src/testing/test-seams.js';
import { contextFor, quiet, recordingLogger, responseEndpoint, sqsRecord } from './batch-events.js';

const URL_ =
  'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Ak?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLESECRET01%2F20261121%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=5ec12e7deadbeef5ec12e7deadbeef5ec12e7deadbeef5ec12e7deadbeef0000';
const SIGNATURE = '5ec12e7deadbeef5ec12e7deadbeef5ec12e7deadbeef5ec12e7deadbeef0000';
const KEY = 'AKIAEXAMPLESECRET01';

/** Every encoding of the ResponseURL a handler's error might quote. */
const encodings = [
  URL_,
  encodeURIComponent(URL_),
  JSON.stringify(URL_).replaceAll('&', '\\u0026'),
  URL_.replaceAll('&', '&amp;'),
  URL_.replaceAll('&', ';'),
  URL_.replace('X-Amz-Signature=', 'X-Amz-Signature=\n'),
];

afterEach(() => vi.unstubAllEnvs());

/** A provider whose handlers put `text` everywhere they can: errors, causes, log lines. */
function leaky(text: (properties: Record<string, unknown>) => string, extra: object = {}) {
  return defineResource({
    resourceType: 'Custom::Leaky',
    properties: z.object({ ApiKey: z.string(), Config: cfn.json().optional() }),
    sensitiveProperties: ['ApiKey', 'Config'],
    create: ({ properties, logger }) => {
      logger.info(`calling vendor with ${text(properties)}`);
      throw new Error(`vendor API rejected key ${text(properties)}: 401`, {
        cause: new Error(text(properties)),
      });
    },
    delete: ({ physicalResourceId }) => {
      throw new Error(`could not delete ${physicalResourceId}: ${URL_}`);
    },
    ...extra,
  });
}

async function run(definition: ReturnType<typeof leaky>, event: Record<string, unknown>) {
  const { accepted, transport } = responseEndpoint();
  const { lines, logger } = recordingLogger();
  await lambdaHandler(definition, { logger, ...testSeams({ transport }) })(
    { ...event, ResponseURL: URL_ },
    contextFor(5000),
  );
  return { answers: accepted, logged: JSON.stringify(lines), lines };
}

describe('no secret of a request reaches a Reason or any logger, in any encoding', () => {
  it.each(encodings.map((encoding, index) => [index, encoding]))(
    'redacts ResponseURL encoding %i from the Reason and every log line',
    async (_, encoding) => {
      const { answers, logged } = await run(
        leaky(() => encoding),
        createEvent({ resourceType: 'Custom::Leaky', properties: { ApiKey: 'k-12345678' } }),
      );
      const text = JSON.stringify(answers) + logged;
      expect(answers[0]?.Status).toBe('FAILED');
      expect(text).not.toContain(SIGNATURE);
      expect(text).not.toContain(KEY);
    },
  );

  it('redacts a sensitive property value a handler error quotes, in the Reason and in a user logger', async () => {
    const apiKey = 'sk-live-9f8e7d6c5b4a';
    const { answers, logged } = await run(
      leaky((properties) => String(properties.ApiKey)),
      createEvent({ resourceType: 'Custom::Leaky', properties: { ApiKey: apiKey } }),
    );
    expect(answers[0]?.Reason).toBe('create failed: Error: vendor API rejected key [redacted]: 401');
    expect(logged).not.toContain(apiKey);
    expect(logged).not.toContain(encodeURIComponent(apiKey));
  });

  it('never quotes a sensitive value cfn.json cannot parse', async () => {
    const { answers, logged } = await run(
      leaky(() => 'x'),
      createEvent({
        resourceType: 'Custom::Leaky',
        properties: { ApiKey: 'k-12345678', Config: '{"user":"admin","password":Pa55w0rd!}' },
      }),
    );
    expect(JSON.stringify(answers) + logged).not.toContain('Pa55w0rd');
  });

  it('logs each handler error once at error, with its stack, redacted', async () => {
    const { lines } = await run(
      leaky(() => URL_),
      createEvent({ resourceType: 'Custom::Leaky', properties: { ApiKey: 'k-12345678' } }),
    );
    const errors = lines.filter((line) => line.message === 'create failed');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.level).toBe('error');
    expect(String(errors[0]?.attributes?.stack)).toMatch(/^Error: vendor API rejected key .*\n\s+at /);
    expect(JSON.stringify(errors)).not.toContain(SIGNATURE);
  });

  it('redacts the delete failure of a clean-up before a user logger sees it', async () => {
    const Long = defineResource({
      resourceType: 'Custom::Leaky',
      properties: z.object({}),
      create: () => ({ physicalResourceId: 'x'.repeat(1100) }),
      delete: () => {
        throw new Error(`cannot delete: ${URL_}`);
      },
    });
    const { logged } = await run(Long as never, createEvent({ resourceType: 'Custom::Leaky' }));
    expect(logged).toContain('could not delete the resource');
    expect(logged).not.toContain(SIGNATURE);
  });

  it('keeps a NoEcho password out of the idempotency store and the logs', async () => {
    const password = 'Gen3rated-Passw0rd!';
    const stored: string[] = [];
    const memory = memoryIdempotencyStore();
    const store: IdempotencyStore = {
      claim: (key, until) => memory.claim(key, until),
      complete: (key, response) => {
        stored.push(JSON.stringify(response));
        return memory.complete(key, response);
      },
      release: (key) => memory.release(key),
    };
    const User = defineResource({
      resourceType: 'Custom::User',
      properties: z.object({}),
      create: ({ logger }) => {
        setImmediate(() => logger.info(`made with ${password}`));
        return { data: { Password: password }, noEcho: true };
      },
      delete: () => {},
    });
    const { accepted, transport } = responseEndpoint();
    const { lines, logger } = recordingLogger();
    await lambdaHandler(User, { logger, idempotency: store, ...testSeams({ transport }) })(
      { ...createEvent({ resourceType: 'Custom::User' }), ResponseURL: URL_ },
      contextFor(5000),
    );
    expect(accepted[0]).toMatchObject({ NoEcho: true, Data: { Password: password } });
    expect(stored.join('')).not.toContain(password);
    expect(JSON.stringify(lines)).not.toContain(password);
  });
});

describe('only the right callers get in, before anything is read or claimed', () => {
  const Widget = defineResource({
    resourceType: 'Custom::Widget',
    properties: z.object({}),
    create: () => ({ physicalResourceId: 'w-1' }),
    delete: () => {},
  });
  const stack = (account: string) => `arn:aws:cloudformation:us-east-1:${account}:stack/app/5b9a8f10`;

  it('refuses requests before they claim anything in the idempotency store', async () => {
    const claim = vi.fn(async () => ({ claimed: true as const }));
    const store: IdempotencyStore = { claim, complete: async () => {}, release: async () => {} };
    const { accepted, transport } = responseEndpoint();
    const handler = sqsHandler(Widget, {
      logger: quiet,
      idempotency: store,
      authorize: (event) => (event.StackId.includes(':111111111111:') ? undefined : 'not listed'),
      ...testSeams({ transport }),
    });
    const refused = Array.from({ length: 20 }, () =>
      sqsRecord({
        ...createEvent({ resourceType: 'Custom::Widget' }),
        StackId: stack('999999999999'),
        ResponseURL: URL_,
      }),
    );
    await handler({ Records: refused }, contextFor(10_000));
    expect(accepted).toHaveLength(20);
    expect(accepted.every((body) => body.Status === 'FAILED')).toBe(true);
    expect(claim).not.toHaveBeenCalled();
  });

  it('enforces the allowlist the SNS provider construct puts in the environment, with no code', async () => {
    vi.stubEnv('CRKIT_ALLOWED_ACCOUNTS', '111111111111');
    const { accepted, transport } = responseEndpoint();
    const create = vi.fn(() => ({ physicalResourceId: 'w-1' }));
    const handler = sqsHandler(defineResource({ ...Widget, create }), {
      logger: quiet,
      ...testSeams({ transport }),
    });
    const from = (account: string) =>
      sqsRecord({
        ...createEvent({ resourceType: 'Custom::Widget' }),
        StackId: stack(account),
        ResponseURL: URL_,
      });
    await handler({ Records: [from('222222222222'), from('111111111111')] }, contextFor(10_000));
    expect(accepted.map((body) => body.Status).sort()).toEqual(['FAILED', 'SUCCESS']);
    expect(create).toHaveBeenCalledOnce();
  });

  it('drops a continuation published through SNS, reading nothing', async () => {
    const isComplete = vi.fn(() => ({ data: { Stolen: 'yes' } }));
    const Job = defineResource({ ...Widget, isComplete });
    const { accepted, transport } = responseEndpoint();
    const forged = {
      kind: 'crkit.continuation',
      version: 1,
      id: 'forged',
      request: {
        ...deleteEvent({ resourceType: 'Custom::Widget', physicalResourceId: 'w-1' }),
        ResponseURL: URL_,
      },
      operation: 'Create',
      physicalResourceId: 'someone-elses',
      state: {},
      startedAt: Date.now(),
      attempt: 0,
      delayMs: 0,
    };
    const result = await sqsHandler(Job, { logger: quiet, ...testSeams({ transport }) })(
      { Records: [sqsRecord(forged)] },
      contextFor(5000),
    );
    expect(isComplete).not.toHaveBeenCalled();
    expect(accepted).toEqual([]);
    expect(result.batchItemFailures).toEqual([]);
  });
});

describe('what an attack on the redaction found', () => {
  it('redacts sensitive values as the schema turns them, and in more escapings', async () => {
    const Def = defineResource({
      resourceType: 'Custom::Leaky',
      properties: z.object({
        Keys: cfn.list(),
        Cfg: cfn.json(z.object({ token: z.string() })),
        Pw: z.string(),
      }),
      sensitiveProperties: ['Keys', 'Cfg', 'Pw'],
      create: ({ properties }) => {
        const pw = properties.Pw;
        throw new Error(
          `${properties.Keys[1]} ${properties.Cfg.token} ${pw.replaceAll("'", '&#39;')} ${new URLSearchParams({ p: pw })}`,
        );
      },
      delete: () => {},
    });
    const { answers, logged } = await run(Def as never, {
      ...createEvent({
        resourceType: 'Custom::Leaky',
        properties: {
          Keys: 'keyA-Secret1,keyB-Secret2',
          Cfg: '{"token":"tok-InnerSecret-55"}',
          Pw: "Pass word'Q7!",
        },
      }),
    });
    const text = JSON.stringify(answers) + logged;
    for (const secret of ['keyB-Secret2', 'tok-InnerSecret-55', 'Pass word&#39;Q7!', 'Pass+word%27Q7%21']) {
      expect(text).not.toContain(secret);
    }
  });

  it('refuses everyone when the allowlist environment names no account', async () => {
    vi.stubEnv('CRKIT_ALLOWED_ACCOUNTS', ' , ');
    const { accepted, transport } = responseEndpoint();
    const Widget = defineResource({
      resourceType: 'Custom::W',
      properties: z.object({}),
      create: () => {},
      delete: () => {},
    });
    await sqsHandler(Widget, { logger: quiet, ...testSeams({ transport }) })(
      { Records: [sqsRecord({ ...createEvent({ resourceType: 'Custom::W' }), ResponseURL: URL_ })] },
      contextFor(5000),
    );
    expect(accepted.map((body) => body.Status)).toEqual(['FAILED']);
  });
});
