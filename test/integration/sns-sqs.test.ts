import { randomUUID } from 'node:crypto';
import { ListObjectVersionsCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { sqsHandler } from '../../src/entry/sqs.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import type { LocalAws } from '../../src/testing/local-aws.js';
import { createS3ResponseBucket, type S3ResponseBucket } from '../../src/testing/s3-responses.js';
import { emulatorAccount } from './emulator/emulator.js';
import { closedLoopbackOrigin, lambdaEvent } from './sqs-lambda-event.js';

let aws: LocalAws;
let responses: S3ResponseBucket;
let s3: S3Client;
let sns: SNSClient;
let sqs: SQSClient;
/** One topic per kind of subscription, each with one queue, so that no test sees another's messages. */
const queues = {} as Record<'raw' | 'enveloped', { topicArn: string; url: string; arn: string }>;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  aws = await emulatorAccount();
  responses = await createS3ResponseBucket(aws);
  s3 = new S3Client(aws.clientConfig);
  // A versioned bucket keeps every PUT, so a test can count how many responses a request got.
  await s3.send(
    new PutBucketVersioningCommand({
      Bucket: responses.bucket,
      VersioningConfiguration: { Status: 'Enabled' },
    }),
  );
  sns = new SNSClient(aws.clientConfig);
  sqs = new SQSClient(aws.clientConfig);
  for (const kind of ['raw', 'enveloped'] as const) {
    const topicArn =
      (await sns.send(new CreateTopicCommand({ Name: `crkit-provider-${kind}` }))).TopicArn ?? '';
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: `crkit-${kind}` }))).QueueUrl ?? '';
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    const arn = attributes.Attributes?.QueueArn ?? '';
    const raw = kind === 'raw' ? { RawMessageDelivery: 'true' } : {};
    await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: arn, Attributes: raw }),
    );
    queues[kind] = { topicArn, url, arn };
  }
});

afterAll(async () => {
  await aws?.stop();
});

/**
 * Polls the queue like the event source mapping, hands the batch to `handler`, then deletes what succeeded and
 * makes the reported failures visible again at once (as their visibility timeout would, later).
 */
async function pollOnce(
  queue: { url: string; arn: string },
  count: number,
  handler: ReturnType<typeof sqsHandler>,
) {
  const messages: Message[] = [];
  for (let tries = 0; messages.length < count && tries < 20; tries++) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    messages.push(...(received.Messages ?? []));
  }
  const event = lambdaEvent(messages, queue.arn, aws.region);
  const remainingEnd = Date.now() + 30_000;
  const response = await handler(event, { getRemainingTimeInMillis: () => remainingEnd - Date.now() });
  const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
  for (const message of messages) {
    const receipt = { QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle };
    if (failed.has(message.MessageId ?? ''))
      await sqs.send(new ChangeMessageVisibilityCommand({ ...receipt, VisibilityTimeout: 0 }));
    else await sqs.send(new DeleteMessageCommand(receipt));
  }
  return { event, response };
}

const publish = (kind: 'raw' | 'enveloped', message: unknown) =>
  sns.send(
    new PublishCommand({
      TopicArn: queues[kind].topicArn,
      Subject: 'AWS CloudFormation custom resource request',
      Message: typeof message === 'string' ? message : JSON.stringify(message),
    }),
  );

async function versionsOf(key: string): Promise<number> {
  const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: responses.bucket, Prefix: key }));
  return (listed.Versions ?? []).filter((version) => version.Key === key).length;
}

function provider() {
  const creates: string[] = [];
  const definition = defineResource({
    resourceType: 'Custom::Topic',
    properties: z.object({ Name: z.string() }),
    create: ({ properties, event }) => {
      creates.push(event.RequestId);
      return { data: { Greeting: `hello ${properties.Name}` } };
    },
    delete: () => {},
  });
  return { creates, definition };
}

describe.each(['enveloped', 'raw'] as const)('sqsHandler behind an SNS topic (%s delivery)', (kind) => {
  it('answers a request published to the topic into the response bucket', async () => {
    const { definition } = provider();
    const handler = sqsHandler(definition, { logger: quiet, allowedResponseOrigins: [responses.origin] });
    const responseUrl = await responses.responseUrl();
    const request = createEvent({ resourceType: 'Custom::Topic', responseUrl, properties: { Name: kind } });
    await publish(kind, request);

    const { response } = await pollOnce(queues[kind], 1, handler);

    expect(response.batchItemFailures).toEqual([]);
    expect(await responses.read(responseUrl)).toMatchObject({
      Status: 'SUCCESS',
      RequestId: request.RequestId,
      Data: { Greeting: `hello ${kind}` },
    });
  });

  it('runs a request published twice once, and answers it once', async () => {
    const { creates, definition } = provider();
    const handler = sqsHandler(definition, { logger: quiet, allowedResponseOrigins: [responses.origin] });
    const key = `twice-${kind}-${randomUUID()}`;
    const request = createEvent({
      resourceType: 'Custom::Topic',
      responseUrl: await responses.responseUrl(key),
      properties: { Name: 'x' },
    });
    await publish(kind, request);
    await publish(kind, request);

    const { event, response } = await pollOnce(queues[kind], 2, handler);

    expect(event.Records).toHaveLength(2);
    expect(response.batchItemFailures).toEqual([]);
    expect(creates).toEqual([request.RequestId]);
    expect(await versionsOf(key)).toBe(1);
  });

  it('drops a message that is not a request instead of having it delivered again', async () => {
    const { definition } = provider();
    const handler = sqsHandler(definition, { logger: quiet, allowedResponseOrigins: [responses.origin] });
    await publish(kind, 'this is not a CloudFormation request');

    const { event, response } = await pollOnce(queues[kind], 1, handler);

    expect(event.Records).toHaveLength(1);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('has a request whose response endpoint is down delivered again', async () => {
    const { definition } = provider();
    const down = await closedLoopbackOrigin();
    const handler = sqsHandler(definition, {
      logger: quiet,
      allowedResponseOrigins: [responses.origin, down],
      retry: { attempts: 2, baseDelayMs: 10 },
    });
    await publish(
      kind,
      createEvent({
        resourceType: 'Custom::Topic',
        responseUrl: `${down}/r?X-Amz-Signature=x`,
        properties: { Name: 'x' },
      }),
    );

    const { event, response } = await pollOnce(queues[kind], 1, handler);
    const redelivered = await pollOnce(
      queues[kind],
      1,
      sqsHandler(definition, { logger: quiet, allowedResponseOrigins: [responses.origin] }),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    expect(redelivered.event.Records[0]?.messageId).toBe(event.Records[0]?.messageId);
  });
});
