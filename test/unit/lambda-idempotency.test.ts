import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { memoryIdempotencyStore } from '../../src/idempotency/memory-store.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../src/testing/response-capture.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let capture: ResponseCapture;
afterEach(() => capture?.close());

function counted() {
  const create = vi.fn(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { physicalResourceId: `made-${create.mock.calls.length}` };
  });
  const definition = defineResource({
    resourceType: 'Custom::Counted',
    properties: z.object({}),
    create,
    delete: () => {},
  });
  return { definition, create };
}

describe('lambdaHandler with an idempotency store', () => {
  it('runs a create delivered twice once, concurrently or later, and answers it once', async () => {
    capture = await startResponseCapture();
    const { definition, create } = counted();
    const handler = lambdaHandler(definition, {
      allowedResponseOrigins: [capture.origin],
      logger: quiet,
      idempotency: memoryIdempotencyStore(),
    });
    const event = createEvent({ resourceType: 'Custom::Counted', responseUrl: capture.responseUrl() });
    const context = { getRemainingTimeInMillis: () => 10_000 };

    await Promise.all([handler(event, context), handler(event, context)]);
    await handler(event, context);

    expect(create).toHaveBeenCalledOnce();
    expect(capture.responses).toHaveLength(1);
    expect(capture.responses[0]?.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'made-1' });
  });

  it('runs every delivery without one, as Lambda hands them over', async () => {
    capture = await startResponseCapture();
    const { definition, create } = counted();
    const handler = lambdaHandler(definition, { allowedResponseOrigins: [capture.origin], logger: quiet });
    const event = createEvent({ resourceType: 'Custom::Counted', responseUrl: capture.responseUrl() });

    await handler(event);
    await handler(event);

    expect(create).toHaveBeenCalledTimes(2);
  });
});
