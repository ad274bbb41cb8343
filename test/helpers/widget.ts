import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import * as z from 'zod';
import { cfn } from '../../src/cfn.js';
import { defineResource } from '../../src/resource/define-resource.js';

/** A fixture event shaped like CloudFormation's (test/fixtures). */
export const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

export const Properties = z.object({
  Name: z.string(),
  Size: cfn.integer(),
  Enabled: cfn.boolean(),
  Tags: cfn.list(),
});

export type Overrides = { [K in keyof Parameters<typeof defineResource<typeof Properties>>[0]]?: unknown };

/** A Custom::Widget definition whose handlers record their calls; `overrides` replace any part. */
export function widget(overrides: Overrides = {}) {
  const calls = { create: vi.fn(), update: vi.fn(), delete: vi.fn() };
  const definition = defineResource({
    resourceType: 'Custom::Widget',
    properties: Properties,
    replaceOn: ['Name'],
    create: ({ properties }) => {
      calls.create(properties);
      return { data: { Area: properties.Size * properties.Size, Enabled: properties.Enabled } };
    },
    update: ({ properties, oldProperties }) => {
      calls.update(properties, oldProperties);
      return { data: { Area: properties.Size * properties.Size } };
    },
    delete: (context) => {
      calls.delete(context);
    },
    ...(overrides as object),
  });
  return { definition, calls };
}
