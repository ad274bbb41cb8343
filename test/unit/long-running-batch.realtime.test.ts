import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { sqsHandler } from '../../src/entry/sqs.js';
import type { Continuation } from '../../src/long-running/continuation.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../src/testing/response-capture.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const sqsRecord = (messageId: string, body: unknown) => ({
  messageId,
  receiptHandle: `handle-${messageId}`,
  body: JSON.stringify(body),
  attributes: {},
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:crkit-requests',
  awsRegion: 'us-east-1',
});

function job(readyAfter: number) {
  const checks = vi.fn();
  const definition = defineResource({
    resourceType: 'Custom::Job',
    properties: z.object({}),
    completion: { initialDelayMs: 5, maxDelayMs: 10 },
    create: () => ({ physicalResourceId: 'job-1', pending: { n: 0 } }),
    delete: () => {},
    isComplete: ({ state }) => {
      checks();
      const n = (state as { n: number }).n + 1;
      return n >= readyAfter ? { data: { N: n } } : { pending: { n } };
    },
  });
  return { definition, checks };
}

let capture: ResponseCapture;
beforeEach(async () => {
  capture = await startResponseCapture();
});
afterEach(() => capture.close());

describe('long-running resources in an SQS batch', () => {
  it('hands over without reporting the record as a failure', async () => {
    const handedOver: Continuation[] = [];
    const { definition } = job(1_000_000);
    const handler = sqsHandler(definition, {
      allowedResponseOrigins: [capture.origin],
      logger: quiet,
      handOver: async (continuation) => {
        handedOver.push(continuation);
      },
    });
    const request = createEvent({ resourceType: 'Custom::Job', responseUrl: capture.responseUrl() });
    const answer = await handler(
      { Records: [sqsRecord('m-1', request)] },
      { getRemainingTimeInMillis: () => 1500 },
    );
    expect(answer.batchItemFailures).toEqual([]);
    expect(handedOver).toHaveLength(1);
    expect(handedOver[0]?.delayMs).toBeGreaterThan(0);
    expect(capture.responses).toHaveLength(0);
  });

  it('runs a hand-over delivered twice only once, answering once', async () => {
    const { definition, checks } = job(1);
    const handler = sqsHandler(definition, { allowedResponseOrigins: [capture.origin], logger: quiet });
    const url = capture.responseUrl();
    const continuation: Continuation = {
      kind: 'crkit.continuation',
      version: 1,
      id: 'handover-1',
      request: createEvent({ resourceType: 'Custom::Job', responseUrl: url }),
      operation: 'Create',
      physicalResourceId: 'job-1',
      state: { n: 0 },
      startedAt: Date.now(),
      attempt: 1,
      delayMs: 5,
    };
    const event = { Records: [sqsRecord('m-1', continuation), sqsRecord('m-2', continuation)] };
    const answer = await handler(event, { getRemainingTimeInMillis: () => 10_000 });
    expect(answer.batchItemFailures).toEqual([]);
    expect(checks).toHaveBeenCalledOnce();
    expect(capture.responses).toHaveLength(1);
    expect(capture.responseFor(url)?.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'job-1' });
  });

  it('re-sends the very body it answered when a hand-over whose answer was lost is delivered again', async () => {
    await capture.close();
    capture = await startResponseCapture({
      behaviour: ({ attempt }) => (attempt === 1 ? { status: 403 } : {}),
    });
    const { definition, checks } = job(1);
    const handler = sqsHandler(definition, { allowedResponseOrigins: [capture.origin], logger: quiet });
    const request = createEvent({ resourceType: 'Custom::Job', responseUrl: capture.responseUrl() });
    const continuation: Continuation = {
      kind: 'crkit.continuation',
      version: 1,
      id: 'handover-2',
      request,
      operation: 'Create',
      physicalResourceId: 'job-1',
      state: { n: 0 },
      startedAt: Date.now(),
      attempt: 1,
      delayMs: 5,
    };
    const context = { getRemainingTimeInMillis: () => 10_000 };

    const first = await handler({ Records: [sqsRecord('m-1', continuation)] }, context);
    const again = await handler({ Records: [sqsRecord('m-1', continuation)] }, context);

    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(again.batchItemFailures).toEqual([]);
    expect(checks).toHaveBeenCalledOnce();
    expect(capture.responses).toHaveLength(1);
    expect(capture.responses[0]?.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'job-1',
      StackId: request.StackId,
      RequestId: request.RequestId,
      LogicalResourceId: request.LogicalResourceId,
    });
  });
});
