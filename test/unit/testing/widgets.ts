import * as z from 'zod';
import { cfn } from '../../../src/cfn.js';
import { defineResource } from '../../../src/resource/define-resource.js';

/**
 * A small provider keeping its widgets in a map, so that a test sees what exists: the id is `widget-<Name>`, a
 * change of Name replaces the widget, and `Fail: true` makes create or update throw.
 */
export function widgets() {
  const store = new Map<string, { Name: string; Size: number }>();
  const Widget = defineResource({
    resourceType: 'Custom::Widget',
    properties: z.object({
      Name: z.string().min(1),
      Size: cfn.integer().optional(),
      Fail: cfn.boolean().optional(),
    }),
    replaceOn: ['Name'],
    create: ({ properties: { Name, Size = 1, Fail } }) => {
      if (Fail) throw new Error('asked to fail');
      store.set(`widget-${Name}`, { Name, Size });
      return { physicalResourceId: `widget-${Name}`, data: { Size } };
    },
    update: ({ properties: { Name, Size = 1, Fail }, physicalResourceId }) => {
      if (Fail) throw new Error('asked to fail');
      store.set(physicalResourceId, { Name, Size });
      return { data: { Size } };
    },
    delete: ({ physicalResourceId }) => {
      store.delete(physicalResourceId);
    },
  });
  return { store, Widget };
}
