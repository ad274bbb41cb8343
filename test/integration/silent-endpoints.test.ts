import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import { createJsonLogger } from '../../src/logger.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../src/testing/response-capture.js';

/** A job that is never complete, so that the invocation must hand it over. */
const Endless = defineResource({
  resourceType: 'Custom::Job',
  properties: z.object({}),
  completion: { initialDelayMs: 5, maxDelayMs: 20 },
  create: () => ({ physicalResourceId: 'job-1', pending: {} }),
  delete: () => {},
  isComplete: () => ({ pending: {} }),
});
const quiet = createJsonLogger({ write: () => {} });

let capture: ResponseCapture;
let silent: Server;
const sockets: Socket[] = [];
beforeAll(async () => {
  capture = await startResponseCapture();
  // Accepts the TCP connection and never answers: the AWS endpoint a hand-over calls.
  silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  vi.stubEnv('AWS_ENDPOINT_URL_LAMBDA', endpoint);
  vi.stubEnv('AWS_ENDPOINT_URL_SQS', endpoint);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await capture.close();
});

describe('the built-in hand-overs against an AWS endpoint that never answers', () => {
  it('answers FAILED with the id made before the invocation ends when the self-invoke hangs', async () => {
    const handler = lambdaHandler(Endless, { allowedResponseOrigins: [capture.origin], logger: quiet });
    const url = capture.responseUrl();
    const started = Date.now();
    await handler(
      { ...createEvent({ resourceType: 'Custom::Job' }), ResponseURL: url },
      {
        getRemainingTimeInMillis: () => 4000 - (Date.now() - started),
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:provider',
      },
    );
    const answer = capture.responseFor(url);
    expect(answer?.receivedAt).toBeLessThan(started + 4000);
    expect(answer?.body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'job-1' });
  });

  it('answers FAILED in the same invocation when the re-queue to SQS hangs', async () => {
    const handler = sqsHandler(Endless, { allowedResponseOrigins: [capture.origin], logger: quiet });
    const url = capture.responseUrl();
    const started = Date.now();
    const record = {
      messageId: 'm-1',
      body: JSON.stringify({ ...createEvent({ resourceType: 'Custom::Job' }), ResponseURL: url }),
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:requests',
    };
    const result = await handler({ Records: [record] }, { getRemainingTimeInMillis: () => 4000 });
    const answer = capture.responseFor(url);
    expect(answer?.receivedAt).toBeLessThan(started + 4000);
    expect(answer?.body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'job-1' });
    // Answered: nothing is left for SQS to deliver again.
    expect(result.batchItemFailures).toEqual([]);
  });
});
