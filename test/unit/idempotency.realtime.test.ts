import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { snsHandler } from '../../src/entry/sns.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import { memoryIdempotencyStore } from '../../src/idempotency/memory-store.js';
import type { IdempotencyStore } from '../../src/idempotency/store.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { testSeams } from '../../src/testing/test-seams.js';
import { contextFor as context, quiet, responseEndpoint, sqsEvent } from './batch-events.js';

function counted(delayMs = 0) {
  const counter = { creates: 0 };
  const definition = defineResource({
    resourceType: 'Custom::Counter',
    properties: z.object({}),
    async create() {
      counter.creates++;
      await sleep(delayMs);
      return { data: { Serial: String(counter.creates) } };
    },
    delete: () => {},
  });
  return { counter, definition };
}

const request = () => createEvent({ resourceType: 'Custom::Counter' });
const options = { logger: quiet, retry: { attempts: 1 } } as const;

describe('idempotent delivery', () => {
  it('runs the handler once and PUTs once for two concurrent deliveries in one batch', async () => {
    const { counter, definition } = counted(50);
    const { accepted, transport } = responseEndpoint();
    const event = request();

    const response = await sqsHandler(definition, { ...options, ...testSeams({ transport }) })(
      sqsEvent(event, event),
      context(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(counter.creates).toBe(1);
    expect(accepted).toHaveLength(1);
  });

  it('runs the handler once and PUTs once for two concurrent invocations of one warm Lambda', async () => {
    const { counter, definition } = counted(50);
    const { accepted, transport } = responseEndpoint();
    const handler = sqsHandler(definition, { ...options, ...testSeams({ transport }) });
    const event = request();

    const [first, second] = await Promise.all([
      handler(sqsEvent(event), context()),
      handler(sqsEvent(event), context()),
    ]);

    expect([first.batchItemFailures, second.batchItemFailures]).toEqual([[], []]);
    expect(counter.creates).toBe(1);
    expect(accepted).toHaveLength(1);
  });

  it('does nothing for a later duplicate of a request whose response was delivered', async () => {
    const { counter, definition } = counted();
    const { tried, transport } = responseEndpoint();
    const handler = sqsHandler(definition, { ...options, ...testSeams({ transport }) });
    const event = request();
    await handler(sqsEvent(event), context());

    const response = await handler(sqsEvent(event), context());

    expect(response.batchItemFailures).toEqual([]);
    expect(counter.creates).toBe(1);
    expect(tried).toHaveLength(1);
  });

  it('re-sends the stored body, without running the handler, when a redelivery follows a failed delivery', async () => {
    const { counter, definition } = counted();
    let reachable = false;
    const { tried, accepted, transport } = responseEndpoint(() => reachable);
    const handler = sqsHandler(definition, { ...options, ...testSeams({ transport }) });
    const event = request();
    const first = sqsEvent(event);

    const failed = await handler(first, context());
    reachable = true;
    const retried = await handler(first, context());

    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: first.Records[0]?.messageId }]);
    expect(retried.batchItemFailures).toEqual([]);
    expect(counter.creates).toBe(1);
    expect(tried.map((put) => put.body)).toEqual([tried[0]?.body, tried[0]?.body]);
    expect(accepted).toEqual([expect.objectContaining({ Status: 'SUCCESS', Data: { Serial: '1' } })]);
  });

  it('does not send a stored body to another ResponseURL carried by a duplicate', async () => {
    const { counter, definition } = counted();
    let reachable = false;
    const { accepted, transport } = responseEndpoint(() => reachable);
    const handler = sqsHandler(definition, { ...options, ...testSeams({ transport }) });
    const event = request();
    await handler(sqsEvent(event), context());
    reachable = true;
    const forged = {
      ...event,
      ResponseURL:
        'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/other?X-Amz-Signature=f',
    };

    const response = await handler(sqsEvent(forged), context());

    expect(response.batchItemFailures).toEqual([]);
    expect(counter.creates).toBe(1);
    expect(accepted).toEqual([]);
  });

  it('leaves a duplicate for redelivery while another delivery is still running the request', async () => {
    const { counter, definition } = counted();
    const { tried, transport } = responseEndpoint();
    const elsewhere: IdempotencyStore = {
      claim: async () => ({
        claimed: false,
        record: { status: 'IN_PROGRESS', inProgressUntil: Date.now() + 60_000 },
      }),
      complete: async () => {},
      release: async () => {},
    };
    const event = sqsEvent(request());

    const response = await sqsHandler(definition, {
      ...options,
      idempotency: elsewhere,
      ...testSeams({ transport }),
    })(event, context(1500));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    expect(counter.creates).toBe(0);
    expect(tried).toEqual([]);
  });

  it('leaves an SQS record for redelivery when the store fails, but runs an SNS record anyway', async () => {
    const broken: IdempotencyStore = {
      claim: async () => {
        throw new Error('ProvisionedThroughputExceededException');
      },
      complete: async () => {},
      release: async () => {},
    };
    const { counter, definition } = counted();
    const { accepted, transport } = responseEndpoint();
    const event = request();
    const sqs = sqsEvent(event);
    const sns = {
      Records: [{ EventSource: 'aws:sns', Sns: { MessageId: randomUUID(), Message: JSON.stringify(event) } }],
    };

    const response = await sqsHandler(definition, {
      ...options,
      idempotency: broken,
      ...testSeams({ transport }),
    })(sqs, context());
    await snsHandler(definition, { ...options, idempotency: broken, ...testSeams({ transport }) })(
      sns,
      context(),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: sqs.Records[0]?.messageId }]);
    expect(counter.creates).toBe(1);
    expect(accepted).toHaveLength(1);
  });

  it('runs every delivery when idempotency is off', async () => {
    const { counter, definition } = counted();
    const { transport } = responseEndpoint();
    const event = request();

    await sqsHandler(definition, { ...options, idempotency: false, ...testSeams({ transport }) })(
      sqsEvent(event, event),
      context(),
    );

    expect(counter.creates).toBe(2);
  });
});

describe('memoryIdempotencyStore', () => {
  it('forgets a request once its record has expired, so a much later delivery runs again', async () => {
    let now = Date.now();
    const store = memoryIdempotencyStore({ expiresAfterSeconds: 60, ...testSeams({ now: () => now }) });
    const { counter, definition } = counted();
    const { transport } = responseEndpoint();
    const handler = sqsHandler(definition, { ...options, idempotency: store, ...testSeams({ transport }) });
    const event = request();
    await handler(sqsEvent(event), context());

    now += 61_000;
    await handler(sqsEvent(event), context());

    expect(counter.creates).toBe(2);
  });

  it('lets a delivery take over a claim whose invocation has ended', async () => {
    const store = memoryIdempotencyStore();
    await store.claim('k', Date.now() - 1);

    await expect(store.claim('k', Date.now() + 1000)).resolves.toEqual({ claimed: true });
    await expect(store.claim('k', Date.now() + 1000)).resolves.toMatchObject({ claimed: false });
  });

  it('keeps at most maxRecords requests, forgetting the oldest', async () => {
    const store = memoryIdempotencyStore({ maxRecords: 2 });
    const stored = { body: '{}', delivered: true, responseUrlHash: 'h' };
    for (const key of ['a', 'b', 'c']) await store.complete(key, stored);

    await expect(store.claim('a', Date.now() + 1000)).resolves.toEqual({ claimed: true });
    await expect(store.claim('c', Date.now() + 1000)).resolves.toMatchObject({ claimed: false });
  });
});
