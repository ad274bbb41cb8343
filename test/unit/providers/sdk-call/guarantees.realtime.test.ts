import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkCallDefinition, type ImportModule } from '../../../../providers/sdk-call/index.js';
import { lambdaHandler } from '../../../../src/entry/lambda.js';
import { createEvent, deleteEvent } from '../../../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../../../src/testing/response-capture.js';
import { call, RESOURCE_TYPE, STACK_ID, step } from './harness.js';

/** A client package whose one command never answers, until the deadline's signal aborts it. */
const hangingModule: ImportModule = async () => ({
  HangClient: class {
    async send(_command: unknown, options?: { abortSignal?: AbortSignal }) {
      return new Promise((_, reject) => {
        options?.abortSignal?.addEventListener('abort', () => reject(new Error('aborted by the deadline')));
      });
    }
  },
  WaitCommand: class {
    constructor(readonly input: unknown) {}
  },
});

let capture: ResponseCapture;
beforeAll(async () => {
  capture = await startResponseCapture();
});
afterAll(() => capture.close());

const handler = () =>
  lambdaHandler(createSdkCallDefinition({ importModule: hangingModule }), {
    allowedResponseOrigins: [capture.origin],
    retry: { attempts: 1 },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });

describe("Custom::SdkCall keeps crkit's guarantees", () => {
  it('answers FAILED before the Lambda deadline when a call hangs, and aborts the call', async () => {
    const event = createEvent({
      resourceType: RESOURCE_TYPE,
      stackId: STACK_ID,
      responseUrl: capture.responseUrl(),
      properties: { OnCreate: step(call('hang', 'Wait')) },
    });
    const started = Date.now();

    await handler()(event, { getRemainingTimeInMillis: () => 1_500 });

    const body = capture.responseFor(event.ResponseURL)?.body;
    expect(body?.Status).toBe('FAILED');
    expect(body?.Reason).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('answers a Delete whose steps no longer parse SUCCESS, saying what may remain, instead of blocking the stack', async () => {
    const event = deleteEvent({
      resourceType: RESOURCE_TYPE,
      stackId: STACK_ID,
      responseUrl: capture.responseUrl(),
      physicalResourceId: 'user/e2e',
      properties: { OnDelete: 'not JSON' },
    });

    await handler()(event, { getRemainingTimeInMillis: () => 10_000 });

    const body = capture.responseFor(event.ResponseURL)?.body;
    expect(body?.Status).toBe('SUCCESS');
    expect(body?.Reason).toContain('user/e2e');
  });
});
