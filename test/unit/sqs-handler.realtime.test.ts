import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { cfn } from '../../src/cfn.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import { ConfigurationError } from '../../src/errors.js';
import type { IdempotencyStore } from '../../src/idempotency/store.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createRouter } from '../../src/resource/router.js';
import { createEvent } from '../../src/testing/events.js';
import { testSeams } from '../../src/testing/test-seams.js';
import fixture from '../fixtures/sqs-event.json' with { type: 'json' };
import {
  contextFor,
  quiet,
  recordingLogger,
  responseEndpoint,
  snsEnvelope,
  sqsRecord,
} from './batch-events.js';

function widget(options: { delayMs?: number; fail?: boolean } = {}) {
  const stats = { running: 0, maxRunning: 0, creates: 0 };
  const definition = defineResource({
    resourceType: 'Custom::Widget',
    properties: z.object({ Name: z.string(), Size: cfn.integer().optional() }),
    async create({ properties }) {
      stats.creates++;
      stats.running++;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      await sleep(options.delayMs ?? 0);
      stats.running--;
      if (options.fail) throw new Error('quota exceeded');
      return { data: { Greeting: `hello ${properties.Name}` } };
    },
    delete: () => {},
  });
  return { definition, stats };
}

const request = (name = 'w') => createEvent({ resourceType: 'Custom::Widget', properties: { Name: name } });

describe('sqsHandler', () => {
  it('answers the request in each record of a real-shaped SQS event and reports no failure', async () => {
    const { definition } = widget();
    const { accepted: puts, transport } = responseEndpoint();
    const handler = sqsHandler(definition, { logger: quiet, ...testSeams({ transport }) });

    const response = await handler(fixture, contextFor(30_000));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(puts).toHaveLength(2);
    const create = puts.find((body) => body.RequestId === '8d2f6c1e-9b0a-4c3d-8e7f-1a2b3c4d5e6f');
    expect(create).toMatchObject({
      Status: 'SUCCESS',
      LogicalResourceId: 'TestUser',
      Data: { Greeting: 'hello widget-1' },
    });
    const remove = puts.find((body) => body.RequestId === '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a');
    expect(remove).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'app-TestUser-7f3a9c2e1b4d6f80' });
  });

  it('reads the request from the body when raw message delivery is on', async () => {
    const { definition } = widget();
    const { accepted: puts, transport } = responseEndpoint();
    const event = request('raw');

    const response = await sqsHandler(definition, { logger: quiet, ...testSeams({ transport }) })(
      { Records: [sqsRecord(event, { raw: true })] },
      contextFor(30_000),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(puts).toEqual([expect.objectContaining({ Status: 'SUCCESS', RequestId: event.RequestId })]);
  });

  it('processes at most `concurrency` records at a time and answers them all', async () => {
    const { definition, stats } = widget({ delayMs: 30 });
    const { accepted: puts, transport } = responseEndpoint();
    const records = Array.from({ length: 7 }, (_, i) => sqsRecord(request(`w${i}`)));

    await sqsHandler(definition, { logger: quiet, concurrency: 3, ...testSeams({ transport }) })(
      { Records: records },
      contextFor(30_000),
    );

    expect(stats.maxRunning).toBe(3);
    expect(puts.filter((body) => body.Status === 'SUCCESS')).toHaveLength(7);
  });

  it('drops a poison message and answers a failing handler FAILED, retrying neither and sparing the others', async () => {
    const ok = widget();
    const failing = defineResource({
      resourceType: 'Custom::Failing',
      properties: z.object({}),
      create: () => {
        throw new Error('quota exceeded');
      },
      delete: () => {},
    });
    const { accepted: puts, transport } = responseEndpoint();
    const good = request('good');
    const bad = createEvent({ resourceType: 'Custom::Failing' });
    const records = [
      sqsRecord('{not json'),
      sqsRecord(bad),
      sqsRecord(good),
      sqsRecord('[1,2]', { raw: true }),
    ];

    const response = await sqsHandler(createRouter(ok.definition, failing), {
      logger: quiet,
      ...testSeams({ transport }),
    })({ Records: records }, contextFor(30_000));

    expect(response.batchItemFailures).toEqual([]);
    expect(puts.find((body) => body.RequestId === good.RequestId)?.Status).toBe('SUCCESS');
    expect(puts.find((body) => body.RequestId === bad.RequestId)).toMatchObject({
      Status: 'FAILED',
      Reason: 'create failed: Error: quota exceeded',
    });
    expect(puts).toHaveLength(2);
  });

  it('reports a record whose response could not be delivered, and only that one', async () => {
    const { definition } = widget();
    const unreachable = createEvent({
      resourceType: 'Custom::Widget',
      properties: { Name: 'x' },
      responseUrl:
        'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/down?X-Amz-Signature=s',
    });
    const { accepted: puts, transport } = responseEndpoint((url) => !url.includes('/down?'));
    const lost = sqsRecord(unreachable);
    const handler = sqsHandler(definition, {
      logger: quiet,
      retry: { attempts: 2 },
      ...testSeams({ transport, sleep: async () => {} }),
    });

    const response = await handler({ Records: [lost, sqsRecord(request())] }, contextFor(30_000));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: lost.messageId }]);
    expect(puts).toHaveLength(1);
  });

  it('leaves records it has no time left to start for redelivery instead of answering them FAILED', async () => {
    // 3,000 ms for the batch: the first record's 2,400 ms fit its deadline (3,000 less the 500 ms margin); the 600 ms
    // then left are under the start cut-off (a quarter of the batch's time).
    const { definition, stats } = widget({ delayMs: 2400 });
    const { accepted: puts, transport } = responseEndpoint();
    const [first, second] = [sqsRecord(request('a')), sqsRecord(request('b'))];
    const handler = sqsHandler(definition, {
      logger: quiet,
      concurrency: 1,
      timeoutMarginMs: 500,
      ...testSeams({ transport }),
    });

    const response = await handler({ Records: [first, second] }, contextFor(3250));

    expect(puts).toEqual([expect.objectContaining({ Status: 'SUCCESS' })]);
    expect(stats.creates).toBe(1);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: second.messageId }]);
  });

  it('returns before the invocation ends when the idempotency store hangs after the answer, not retrying it', async () => {
    const { definition } = widget();
    const { accepted: puts, transport } = responseEndpoint();
    const stuck: IdempotencyStore = {
      claim: async () => ({ claimed: true }),
      complete: () => new Promise<void>(() => {}),
      release: async () => {},
    };
    const record = sqsRecord(request());
    const started = Date.now();

    const response = await sqsHandler(definition, {
      logger: quiet,
      idempotency: stuck,
      ...testSeams({ transport }),
    })({ Records: [record] }, contextFor(800));

    expect(Date.now() - started).toBeLessThan(800);
    expect(puts).toEqual([expect.objectContaining({ Status: 'SUCCESS' })]);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('drops an SNS subscription confirmation that lands in the queue', async () => {
    const { definition } = widget();
    const { accepted: puts, transport } = responseEndpoint();
    const confirmation = sqsRecord(JSON.stringify({ ...snsEnvelope, Type: 'SubscriptionConfirmation' }), {
      raw: true,
    });

    const response = await sqsHandler(definition, { logger: quiet, ...testSeams({ transport }) })(
      { Records: [confirmation] },
      contextFor(30_000),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(puts).toEqual([]);
  });

  it('never logs the ResponseURL of a message it cannot use', async () => {
    const { definition } = widget();
    const { lines, logger } = recordingLogger();
    const secret = 'X-Amz-Signature=topsecret0123';
    const url = `https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/k?${secret}`;
    const notJson = sqsRecord(`{"ResponseURL": "${url}", oops`, { raw: true });
    const foreign = sqsRecord({ ...request(), ResponseURL: `https://attacker.example/k?${secret}` });

    await sqsHandler(definition, { logger })({ Records: [notJson, foreign] }, contextFor(30_000));

    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('topsecret0123');
  });

  it('answers anything that is not an SQS event with no failures, without throwing', async () => {
    const { definition } = widget();

    await expect(sqsHandler(definition, { logger: quiet })({ hello: 'world' })).resolves.toEqual({
      batchItemFailures: [],
    });
  });

  it('refuses an invalid concurrency when the handler is built', () => {
    const { definition } = widget();

    expect(() => sqsHandler(definition, { concurrency: 0 })).toThrow(ConfigurationError);
  });
});
