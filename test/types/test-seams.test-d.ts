import { type PutRequest, type ResponseTransport, type TestSeams, testSeams } from 'crkit/testing';
import { describe, expectTypeOf, it } from 'vitest';
import type { AllowAccountsOptions } from '../../src/access/allow-accounts.js';
import type { HandlerOptions } from '../../src/core/options.js';
import type { BatchOptions } from '../../src/entry/batch.js';
import { type LambdaHandlerOptions, lambdaHandler } from '../../src/entry/lambda.js';
import type { BatchHandlerOptions } from '../../src/entry/process-records.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import type { MemoryIdempotencyStoreOptions } from '../../src/idempotency/memory-store.js';
import { Widget } from '../cdk/fixtures/widget-provider.js';

type Seam = 'transport' | 'now' | 'sleep' | 'random' | 'wait';

describe('test seams', () => {
  it('are no option of any production options type, so autocompletion never offers them', () => {
    expectTypeOf<Extract<keyof HandlerOptions, Seam>>().toBeNever();
    expectTypeOf<Extract<keyof LambdaHandlerOptions, Seam>>().toBeNever();
    expectTypeOf<Extract<keyof BatchHandlerOptions, Seam>>().toBeNever();
    expectTypeOf<Extract<keyof BatchOptions, Seam>>().toBeNever();
    expectTypeOf<Extract<keyof AllowAccountsOptions, Seam>>().toBeNever();
    expectTypeOf<Extract<keyof MemoryIdempotencyStoreOptions, Seam>>().toBeNever();
  });

  it('are refused by the compiler when written as options', () => {
    // @ts-expect-error: transport is a test seam, not an option
    lambdaHandler(Widget, { transport: async () => ({ statusCode: 200 }) });
    // @ts-expect-error: wait is a test seam, not an option
    sqsHandler(Widget, { wait: async () => {} });
  });

  it('come from crkit/testing, spread into the options with the options still type-checked', () => {
    const transport: ResponseTransport = async (request: PutRequest) => ({
      statusCode: request.body ? 200 : 400,
    });
    lambdaHandler(Widget, {
      authorize: (event) => (event.StackId.startsWith('arn:') ? undefined : 'no'),
      ...testSeams({ transport, now: () => 0 }),
    });
    sqsHandler(Widget, { ...testSeams({ wait: async () => {} }) });
    // @ts-expect-error: a misspelt option is still caught beside the seams
    lambdaHandler(Widget, { timeoutMargin: 5000, ...testSeams({ now: () => 0 }) });
    expectTypeOf<TestSeams>().toHaveProperty('transport').toEqualTypeOf<ResponseTransport | undefined>();
  });
});
