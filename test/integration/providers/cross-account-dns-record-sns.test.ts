import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { CreateTopicCommand, PublishBatchCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readDnsAllowlist } from '../../../providers/cross-account-dns-record/allowlist.js';
import { CROSS_ACCOUNT_DNS_ENV } from '../../../providers/cross-account-dns-record/environment.js';
import { createCrossAccountDnsRecordDefinition } from '../../../providers/cross-account-dns-record/index.js';
import { queueHandler as dnsRecordSqsHandler } from '../../../providers/cross-account-dns-record/lambda.js';
import { ENV, PROVIDER_ENV } from '../../../src/constants.js';
import type { ResponseBody } from '../../../src/core/fit-response.js';
import { sqsHandler } from '../../../src/entry/sqs.js';
import { createEvent, deleteEvent } from '../../../src/testing/events.js';
import type { LocalAws } from '../../../src/testing/local-aws.js';
import { createS3ResponseBucket, type S3ResponseBucket } from '../../../src/testing/s3-responses.js';
import { emulatorAccount } from '../emulator/emulator.js';
import { lambdaEvent } from '../sqs-lambda-event.js';

/**
 * The SNS-backed shape: topic, queue, zone and function all live in the DNS account (moto's default account here)
 * and serve requests whose StackIds belong to other accounts. Messages are received from the queue and handed to the
 * SQS entry as Lambda's event source mapping would; the answers are read back from the response bucket.
 */
const RESOURCE_TYPE = 'Custom::CrossAccountDnsRecord';
const APP1 = '111111111111';
const APP3 = '333333333333';
const stackOf = (account: string) =>
  `arn:aws:cloudformation:us-east-1:${account}:stack/app/5b9a8f10-c7a4-11ef-9cd2`;

let aws: LocalAws;
let responses: S3ResponseBucket;
let route53: Route53Client;
let sns: SNSClient;
let sqs: SQSClient;
let zoneId = '';
const queue = { topicArn: '', url: '', arn: '' };

beforeAll(async () => {
  aws = await emulatorAccount();
  responses = await createS3ResponseBucket(aws);
  route53 = new Route53Client(aws.clientConfig);
  sns = new SNSClient(aws.clientConfig);
  sqs = new SQSClient(aws.clientConfig);
  const zone = await route53.send(
    new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'sns' }),
  );
  zoneId = (zone.HostedZone?.Id ?? '').replace('/hostedzone/', '');
  queue.topicArn = (await sns.send(new CreateTopicCommand({ Name: 'crkit-dns-records' }))).TopicArn ?? '';
  queue.url = (await sqs.send(new CreateQueueCommand({ QueueName: 'crkit-dns-records' }))).QueueUrl ?? '';
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] }),
  );
  queue.arn = attributes.Attributes?.QueueArn ?? '';
  await sns.send(
    new SubscribeCommand({
      TopicArn: queue.topicArn,
      Protocol: 'sqs',
      Endpoint: queue.arn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
  // The ready-made entry makes its Route 53 client from the environment, as it would in Lambda.
  for (const [name, value] of Object.entries(aws.env)) vi.stubEnv(name, value);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv(ENV.allowResponseOrigins, responses.origin);
  vi.stubEnv(
    CROSS_ACCOUNT_DNS_ENV.allowlist,
    JSON.stringify({ [APP1]: ['app1.example.com'], [APP3]: ['app3.example.com'] }),
  );
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await aws?.stop();
});

async function publish(requests: readonly unknown[]): Promise<void> {
  for (let start = 0; start < requests.length; start += 10) {
    const entries = requests
      .slice(start, start + 10)
      .map((request, i) => ({ Id: `r${start + i}`, Message: JSON.stringify(request) }));
    await sns.send(
      new PublishBatchCommand({ TopicArn: queue.topicArn, PublishBatchRequestEntries: entries }),
    );
  }
}

/** Receives up to 10 messages at a time and hands each batch to `handler` as Lambda would, until `count` are handled. */
async function drain(count: number, handler: ReturnType<typeof sqsHandler>): Promise<number> {
  let handled = 0;
  let batches = 0;
  for (let polls = 0; handled < count && polls < 50; polls++) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        AttributeNames: ['All'],
      }),
    );
    const messages: Message[] = received.Messages ?? [];
    if (messages.length === 0) continue;
    const end = Date.now() + 60_000;
    const result = await handler(lambdaEvent(messages, queue.arn, aws.region), {
      getRemainingTimeInMillis: () => end - Date.now(),
    });
    expect(result.batchItemFailures).toEqual([]);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: messages.map((message, i) => ({
          Id: String(i),
          ReceiptHandle: message.ReceiptHandle ?? '',
        })),
      }),
    );
    handled += messages.length;
    batches++;
  }
  return batches;
}

async function read(event: { ResponseURL: string }): Promise<ResponseBody | undefined> {
  return responses.read(event.ResponseURL);
}

async function aRecords(): Promise<Record<string, string[]>> {
  const names: Record<string, string[]> = {};
  let from: { StartRecordName?: string; StartRecordType?: 'A' } = {};
  for (;;) {
    const page = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...from }));
    for (const set of page.ResourceRecordSets ?? []) {
      if (set.Type === 'A' && set.Name)
        names[set.Name] = (set.ResourceRecords ?? []).map((r) => r.Value ?? '');
    }
    if (!page.IsTruncated) return names;
    from = { StartRecordName: page.NextRecordName ?? '', StartRecordType: 'A' };
  }
}

const request = async (account: string, name: string, value: string) =>
  createEvent({
    resourceType: RESOURCE_TYPE,
    responseUrl: await responses.responseUrl(),
    stackId: stackOf(account),
    properties: { HostedZoneName: 'example.com', Name: name, Type: 'A', TTL: 60, ResourceRecords: [value] },
  });

describe('cross-account-dns-record behind SNS and SQS in the DNS account', () => {
  it('serves two accounts from one topic, each only under its own suffixes, and deletes what they made', async () => {
    const app1 = await request(APP1, 'web.app1.example.com', '192.0.2.1');
    const app3 = await request(APP3, 'web.app3.example.com', '192.0.2.3');
    const hijack = await request(APP3, 'web.app1.example.com', '203.0.113.66');
    await publish([app1, hijack, app3]);

    await drain(3, dnsRecordSqsHandler);
    const created = await Promise.all([read(app1), read(hijack), read(app3)]);
    const afterCreate = await aRecords();

    expect(created.map((body) => body?.Status)).toEqual(['SUCCESS', 'FAILED', 'SUCCESS']);
    expect(created[1]?.Reason).toContain(
      'account 333333333333 may change records under app3.example.com only, not web.app1.example.com',
    );
    expect(afterCreate).toEqual({
      'web.app1.example.com.': ['192.0.2.1'],
      'web.app3.example.com.': ['192.0.2.3'],
    });

    const deletes = await Promise.all(
      [app1, app3].map(async (made, i) =>
        deleteEvent({
          resourceType: RESOURCE_TYPE,
          responseUrl: await responses.responseUrl(),
          stackId: made.StackId,
          physicalResourceId: created[i === 0 ? 0 : 2]?.PhysicalResourceId ?? '',
          properties: made.ResourceProperties,
        }),
      ),
    );
    await publish(deletes);
    await drain(2, dnsRecordSqsHandler);

    expect((await Promise.all(deletes.map(read))).map((body) => body?.Status)).toEqual([
      'SUCCESS',
      'SUCCESS',
    ]);
    expect(await aRecords()).toEqual({});
  });

  it('answers 50 requests for one zone with far fewer Route 53 changes than requests', async () => {
    let changeCalls = 0;
    const definition = createCrossAccountDnsRecordDefinition({
      clients: {
        route53: () => {
          const client = new Route53Client(aws.clientConfig);
          client.middlewareStack.add(
            (next, context) => (args) => {
              if (context.commandName === 'ChangeResourceRecordSetsCommand') changeCalls++;
              return next(args);
            },
            { step: 'initialize', name: 'countChangeCalls' },
          );
          return client;
        },
      },
      allowlist: () => readDnsAllowlist(),
      roleFromProperties: false,
      completion: { initialDelayMs: 20, maxDelayMs: 100 },
    });
    const handler = sqsHandler(definition, { allowedResponseOrigins: [responses.origin] });
    const requests = await Promise.all(
      Array.from({ length: 50 }, (_, i) => request(APP1, `host${i}.app1.example.com`, `192.0.2.${i + 1}`)),
    );
    await publish(requests);

    const batches = await drain(50, handler);
    const bodies = await Promise.all(requests.map(read));
    const records = await aRecords();

    expect(bodies.map((body) => body?.Status)).toEqual(Array(50).fill('SUCCESS'));
    expect(bodies.map((body) => body?.PhysicalResourceId)).toEqual(
      requests.map((_, i) => `${zoneId}|A|host${i}.app1.example.com`),
    );
    expect(requests.every((_, i) => records[`host${i}.app1.example.com.`]?.[0] === `192.0.2.${i + 1}`)).toBe(
      true,
    );
    expect(batches).toBeGreaterThanOrEqual(5);
    expect(changeCalls).toBeLessThanOrEqual(batches);
  });

  it('keeps idempotency records in the table CRKIT_IDEMPOTENCY_TABLE names, so another Lambda answers a redelivery once', async () => {
    const table = 'crkit-dns-idempotency';
    const dynamodb = new DynamoDBClient(aws.clientConfig);
    await dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    vi.stubEnv(PROVIDER_ENV.idempotencyTable, table);
    // Two cold starts of the entry module: two Lambdas, whose memories know nothing of each other.
    const lambdas = [];
    for (const _ of [1, 2]) {
      vi.resetModules();
      lambdas.push((await import('../../../providers/cross-account-dns-record/lambda.js')).queueHandler);
    }
    const made = await request(APP1, 'once.app1.example.com', '192.0.2.99');
    await publish([made]);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 1 }));
    const event = lambdaEvent(received.Messages ?? [], queue.arn, aws.region);
    const end = Date.now() + 60_000;
    const context = { getRemainingTimeInMillis: () => end - Date.now() };

    for (const lambda of lambdas) await lambda(event, context);

    // Run twice, the second CREATE of the same record would have been refused and answered FAILED.
    expect(await read(made)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `${zoneId}|A|once.app1.example.com`,
    });
    expect((await dynamodb.send(new ScanCommand({ TableName: table }))).Count).toBe(1);
    vi.stubEnv(PROVIDER_ENV.idempotencyTable, undefined);
  });
});
