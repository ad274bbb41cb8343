import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { z as z3 } from 'zod/v3';
import { ConfigurationError } from '../../src/errors.js';
import { defineResource } from '../../src/resource/define-resource.js';

describe('defineResource', () => {
  it('says crkit needs zod 4 when the schema comes from zod 3, instead of failing every request later', () => {
    const define = () =>
      defineResource({
        resourceType: 'Custom::Old',
        // biome-ignore lint/suspicious/noExplicitAny: a zod 3 schema does not type-check here, which is the point.
        properties: z3.object({ Name: z3.string() }) as any,
        create: () => {},
        delete: () => {},
      });

    expect(define).toThrow(ConfigurationError);
    expect(define).toThrow(
      "properties: crkit needs zod 4, and the schema of Custom::Old comes from zod 3: run `npm install zod@^4` (with zod 3.25 alone, import { z } from 'zod/v4')",
    );
  });

  it('accepts a zod 4 schema', () => {
    const define = () =>
      defineResource({
        resourceType: 'Custom::New',
        properties: z.object({}),
        create: () => {},
        delete: () => {},
      });

    expect(define).not.toThrow();
  });

  it.each([
    [
      'replaceOn',
      { replaceOn: ['M'] },
      'replaceOn[0]: "M" is not a property of the schema (did you mean "N"?); its properties: N, Size',
    ],
    [
      'sensitiveProperties',
      { sensitiveProperties: ['N', 'Pasword'] },
      'sensitiveProperties[1]: "Pasword" is not a property of the schema',
    ],
  ])(
    'refuses %s naming a property the object schema does not have (a misspelt sensitive one would not be redacted)',
    (_, names, message) => {
      const define = () =>
        defineResource({
          resourceType: 'Custom::Names',
          properties: z.object({ N: z.string(), Size: z.number() }),
          create: () => {},
          delete: () => {},
          ...(names as object),
        });

      expect(define).toThrow(ConfigurationError);
      expect(define).toThrow(message);
    },
  );

  it('accepts any names when the schema does not list its keys (a record)', () => {
    const define = () =>
      defineResource({
        resourceType: 'Custom::Any',
        properties: z.record(z.string(), z.string()),
        sensitiveProperties: ['Password'],
        create: () => {},
        delete: () => {},
      });

    expect(define).not.toThrow();
  });
});
