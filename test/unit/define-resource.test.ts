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
});
