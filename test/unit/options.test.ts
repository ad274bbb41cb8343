import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { ConfigurationError } from '../../src/errors.js';
import { defineResource } from '../../src/resource/define-resource.js';

const Ok = defineResource({
  resourceType: 'Custom::Ok',
  properties: z.object({}),
  create: () => {},
  delete: () => {},
});

describe('options are validated when the handler is built, naming the option', () => {
  it.each([
    [
      { allowedResponseOrigins: ['http://127.0.0.1:4566/path'] },
      /^allowedResponseOrigins: expected origins like/,
    ],
    [{ timeoutMarginMs: -1 }, /^timeoutMarginMs: expected at least 500 ms .*, got -1$/],
    [{ retry: { attempts: 0 } }, /^retry\.attempts: expected an integer from 1 to 10, got 0$/],
    [{ retry: { baseDelayMs: Number.NaN } }, /^retry\.baseDelayMs: /],
  ])('%j', (options, message) => {
    expect(() => lambdaHandler(Ok, options)).toThrow(ConfigurationError);
    expect(() => lambdaHandler(Ok, options)).toThrow(message);
  });

  it('refuses a definition without a delete handler', () => {
    const make = () =>
      defineResource({ resourceType: 'Custom::X', properties: z.object({}), create: () => {} } as never);
    expect(make).toThrow('delete: expected a function for Custom::X');
  });
});
