import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { sqsHandler } from '../../src/entry/sqs.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import type { LocalAws } from '../../src/testing/local-aws.js';
import { createS3ResponseBucket, type S3ResponseBucket } from '../../src/testing/s3-responses.js';
import { emulatorAccount } from './emulator/emulator.js';
import { lambdaEvent } from './sqs-lambda-event.js';

let aws: LocalAws;
let responses: S3ResponseBucket;
let sqs: SQSClient;
let queue: { url: string; arn: string };

beforeAll(async () => {
  aws = await emulatorAccount();
  // The default hand-over builds its own SQS client, which reads the endpoint and keys from the environment.
  for (const [name, value] of Object.entries(aws.env)) vi.stubEnv(name, value);
  responses = await createS3ResponseBucket(aws);
  sqs = new SQSClient(aws.clientConfig);
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'crkit-long-running' }))).QueueUrl ?? '';
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  queue = { url, arn: Attributes?.QueueArn ?? '' };
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await aws?.stop();
});

/** A provisioning job that reports ready on its fourth check. */
const Job = defineResource({
  resourceType: 'Custom::Job',
  properties: z.object({ Name: z.string() }),
  completion: { initialDelayMs: 100, maxDelayMs: 300 },
  create: ({ properties }) => ({ physicalResourceId: `job-${properties.Name}`, pending: { checks: 0 } }),
  delete: () => {},
  isComplete: ({ state }) => {
    const checks = (state as { checks: number }).checks + 1;
    return checks >= 4 ? { data: { Checks: checks } } : { pending: { checks } };
  },
});

describe('a long-running resource behind SQS', () => {
  it('re-queues itself with a delay near each deadline and answers once, when done', async () => {
    const handler = sqsHandler(Job, {
      allowedResponseOrigins: [responses.origin],
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const url = await responses.responseUrl();
    const request = createEvent({ resourceType: 'Custom::Job', properties: { Name: 'a' }, responseUrl: url });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(request) }));

    const kinds: string[] = [];
    for (let round = 0; round < 20 && !(await responses.read(url)); round++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }),
      );
      if (Messages.length === 0) continue;
      kinds.push(...Messages.map((m) => (JSON.parse(m.Body ?? '{}') as { kind?: string }).kind ?? 'request'));
      // Each invocation has 1.2 s: too little for four checks, so the job crosses several invocations.
      const answer = await handler(lambdaEvent(Messages, queue.arn, aws.region), {
        getRemainingTimeInMillis: () => 1200,
      });
      expect(answer.batchItemFailures).toEqual([]);
      for (const message of Messages) {
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle ?? '' }),
        );
      }
    }

    expect(await responses.read(url)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'job-a',
      Data: { Checks: '4' },
    });
    expect(kinds[0]).toBe('request');
    expect(kinds.slice(1).length).toBeGreaterThan(0);
    expect(kinds.slice(1).every((kind) => kind === 'crkit.continuation')).toBe(true);
  }, 60_000);
});
