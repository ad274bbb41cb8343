import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { sqsHandler } from '../../src/entry/sqs.js';
import { dynamoDbIdempotencyStore } from '../../src/idempotency/dynamodb-store.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import type { LocalAws } from '../../src/testing/local-aws.js';
import { type ResponseCapture, startResponseCapture } from '../../src/testing/response-capture.js';
import { emulatorAccount } from './emulator/emulator.js';

const TABLE = 'crkit-idempotency';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
/** Keys whose first response try the capture answers 503, as an S3 outage would. */
const flaky = new Set<string>();

let aws: LocalAws;
let capture: ResponseCapture;

beforeAll(async () => {
  aws = await emulatorAccount();
  capture = await startResponseCapture({
    behaviour: ({ key, attempt }) => (flaky.has(key) && attempt === 1 ? { status: 503 } : {}),
  });
  const dynamodb = new DynamoDBClient(aws.clientConfig);
  await dynamodb.send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: TABLE,
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    }),
  );
});

afterAll(async () => {
  await capture?.close();
  await aws?.stop();
});

/** The provider's resource: its create takes a while, and every run is counted per RequestId. */
const runs = new Map<string, number>();
const Slow = defineResource({
  resourceType: 'Custom::Slow',
  properties: z.object({}),
  async create({ event }) {
    runs.set(event.RequestId, (runs.get(event.RequestId) ?? 0) + 1);
    await sleep(200);
    return { data: { Token: 'generated-once' } };
  },
  delete: () => {},
});

/** One "Lambda": its own handler, store and DynamoDB client, sharing only the table with the others. */
const lambda = () =>
  sqsHandler(Slow, {
    logger: quiet,
    allowedResponseOrigins: [capture.origin],
    retry: { attempts: 1 },
    idempotency: dynamoDbIdempotencyStore({ tableName: TABLE, client: new DynamoDBClient(aws.clientConfig) }),
  });

const delivery = (request: object) => ({
  Records: [
    {
      messageId: randomUUID(),
      receiptHandle: `AQEB${randomUUID()}`,
      body: JSON.stringify(request),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()) },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:us-east-1:${aws.accountId}:crkit`,
      awsRegion: 'us-east-1',
    },
  ],
});
const context = () => {
  const end = Date.now() + 30_000;
  return { getRemainingTimeInMillis: () => end - Date.now() };
};
const newRequest = (key = randomUUID()) => ({
  key,
  request: createEvent({ resourceType: 'Custom::Slow', responseUrl: capture.responseUrl(key) }),
});

describe('dynamoDbIdempotencyStore shared by two Lambdas', () => {
  it('runs a request delivered to both at once only once, and answers it once', async () => {
    const [a, b] = [lambda(), lambda()];
    const { key, request } = newRequest();

    const [first, second] = await Promise.all([
      a(delivery(request), context()),
      b(delivery(request), context()),
    ]);

    expect([first.batchItemFailures, second.batchItemFailures]).toEqual([[], []]);
    expect(runs.get(request.RequestId)).toBe(1);
    expect(capture.attempts(key)).toBe(1);
    expect(capture.duplicates).not.toContain(key);
  });

  it('re-sends the stored body from the other Lambda when the first could not deliver it', async () => {
    const [a, b] = [lambda(), lambda()];
    const { key, request } = newRequest();
    flaky.add(key);
    const message = delivery(request);

    const failed = await a(message, context());
    const redelivered = await b(message, context());

    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: message.Records[0]?.messageId }]);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(runs.get(request.RequestId)).toBe(1);
    expect(capture.attempts(key)).toBe(2);
    expect(capture.responses.filter((response) => response.key === key)).toEqual([
      expect.objectContaining({
        body: expect.objectContaining({ Status: 'SUCCESS', Data: { Token: 'generated-once' } }),
      }),
    ]);
  });

  it('does nothing in the other Lambda for a later duplicate of a delivered request', async () => {
    const [a, b] = [lambda(), lambda()];
    const { key, request } = newRequest();
    await a(delivery(request), context());

    const response = await b(delivery(request), context());

    expect(response.batchItemFailures).toEqual([]);
    expect(runs.get(request.RequestId)).toBe(1);
    expect(capture.attempts(key)).toBe(1);
  });

  it('keeps a hashed key, the body and an expiry of 3 hours in the table, never the ResponseURL', async () => {
    const { request } = newRequest();
    const before = Math.floor(Date.now() / 1000);
    await lambda()(delivery(request), context());

    const documents = DynamoDBDocumentClient.from(new DynamoDBClient(aws.clientConfig));
    const rows = (await documents.send(new ScanCommand({ TableName: TABLE }))).Items ?? [];
    const row = rows.find((item) => JSON.stringify(item).includes(request.RequestId));

    expect(row).toMatchObject({ status: 'COMPLETED', data: { delivered: true } });
    expect(row?.id).toMatch(/^crkit#/);
    expect(row?.expiration).toBeGreaterThanOrEqual(before + 3 * 3600);
    expect(row?.expiration).toBeLessThan(before + 3 * 3600 + 60);
    expect(JSON.stringify(rows)).not.toContain('X-Amz-Signature');
  });
});
