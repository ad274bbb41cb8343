import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import { ConfigurationError } from '../../src/errors.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { aFunction, integerFrom, milliseconds } from '../../src/validation/option-rules.js';
import { accepts, listOf, option, optionsObject, schemaOf } from '../../src/validation/option-schemas.js';

/** Values an option may be given, good and bad alike. */
const value = fc.oneof(
  fc.constantFrom(undefined, null, 0, 1, 3, 11, -1, 1.5, Number.NaN, '', 'x', true, false, [], {}),
  fc.constant(() => undefined),
  fc.integer({ min: -5, max: 2000 }),
  fc.array(fc.constantFrom(1, 'x', -1, undefined), { maxLength: 3 }),
);
/** Options objects over the known keys and a few unknown ones, nested one level. */
const optionsOf = (keys: readonly string[]) =>
  fc.dictionary(
    fc.constantFrom(...keys, 'retries', 'transport', 'tracing'),
    fc.oneof(
      value,
      fc.dictionary(fc.constantFrom('attempts', 'baseDelayMs', 'other'), value, { maxKeys: 3 }),
    ),
    { maxKeys: 5 },
  );

const Ok = defineResource({
  resourceType: 'Custom::Ok',
  properties: z.object({}),
  create: () => {},
  delete: () => {},
});

describe('the rules and the zod schema made from them agree', () => {
  const spec = optionsObject({
    count: option(integerFrom(1, 10)),
    wait: option(milliseconds).optional(),
    call: option(aFunction()).optional(),
    list: listOf(integerFrom(1, 10), 'a list of counts').optional(),
    nested: optionsObject({ attempts: option(integerFrom(1, 10)).optional() }).optional(),
  });

  /** Mostly valid options, so that one wrong key or value at a time is what decides. */
  const mostlyValid = <T>(valid: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: value });
  const nearlyValid = fc
    .tuple(
      fc.record(
        {
          count: mostlyValid(fc.integer({ min: 1, max: 10 })),
          wait: mostlyValid(fc.nat()),
          call: mostlyValid(fc.constant(() => undefined)),
          list: mostlyValid(fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 3 })),
          nested: mostlyValid(
            fc.record({ attempts: mostlyValid(fc.integer({ min: 1, max: 10 })) }, { requiredKeys: [] }),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.option(fc.constantFrom('retries', 'Count', 'toString'), { freq: 3 }),
    )
    .map(([options, unknown]) => (unknown === null ? options : { ...options, [unknown]: 1 }));

  it('on any value: what the rules accept, the schema accepts, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(value, optionsOf(['count', 'wait', 'call', 'list', 'nested']), nearlyValid),
        (given) => {
          expect(accepts(spec, given)).toBe(schemaOf(spec).safeParse(given, { jitless: true }).success);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('so every options object an entry refuses is refused naming an option, whatever it holds', () => {
    const keys = [
      'logger',
      'timeoutMarginMs',
      'retry',
      'authorize',
      'idempotency',
      'concurrency',
      'allowedResponseOrigins',
    ];
    fc.assert(
      fc.property(optionsOf(keys), (options) => {
        for (const entry of [lambdaHandler, sqsHandler]) {
          try {
            entry(Ok, options as never);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigurationError);
            expect((error as ConfigurationError).message).not.toContain('refused by its rules');
            expect((error as ConfigurationError).message).toMatch(
              /^[\w[\].]+: (expected|unknown option|at least)/,
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
