import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import { cfn } from '../../src/cfn.js';
import { defineResource } from '../../src/resource/define-resource.js';

const Properties = z.object({
  Name: z.string(),
  Ttl: cfn.integer(),
  Enabled: cfn.boolean(),
  Values: cfn.list(),
  Weight: cfn.number().optional(),
});

describe('defineResource', () => {
  it('infers handler properties from the schema', () => {
    defineResource({
      resourceType: 'Custom::Typed',
      properties: Properties,
      create: ({ properties, physicalResourceId, signal }) => {
        expectTypeOf(properties).toEqualTypeOf<{
          Name: string;
          Ttl: number;
          Enabled: boolean;
          Values: string[];
          Weight?: number | undefined;
        }>();
        expectTypeOf(physicalResourceId).toBeString();
        expectTypeOf(signal).toEqualTypeOf<AbortSignal>();
        return { data: { Ttl: properties.Ttl } };
      },
      update: ({ properties, oldProperties }) => {
        expectTypeOf(oldProperties).toEqualTypeOf(properties);
      },
      delete: ({ properties, rawProperties }) => {
        // Undefined when the properties no longer match the schema: delete from the id, or read the raw values.
        expectTypeOf(properties?.Enabled).toEqualTypeOf<boolean | undefined>();
        expectTypeOf(rawProperties).toEqualTypeOf<Readonly<Record<string, unknown>>>();
      },
    });
  });

  it('accepts CloudFormation strings and native values as schema input', () => {
    expectTypeOf<z.input<typeof Properties>['Ttl']>().toEqualTypeOf<number | string>();
    expectTypeOf<z.input<typeof Properties>['Enabled']>().toEqualTypeOf<boolean | string>();
  });

  it('only lets replaceOn and sensitiveProperties name real properties', () => {
    defineResource({
      resourceType: 'Custom::Typed',
      properties: Properties,
      replaceOn: ['Name'],
      sensitiveProperties: ['Values'],
      create: () => {},
      delete: () => {},
    });
    defineResource({
      resourceType: 'Custom::Typed',
      properties: Properties,
      // @ts-expect-error: not a property of the schema
      replaceOn: ['Nmae'],
      create: () => {},
      delete: () => {},
    });
  });

  it('rejects a handler that returns a non-string physical id', () => {
    defineResource({
      resourceType: 'Custom::Typed',
      properties: Properties,
      // @ts-expect-error: physicalResourceId must be a string
      create: () => ({ physicalResourceId: 42 }),
      delete: () => {},
    });
  });
});
