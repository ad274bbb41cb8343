import { ConfigurationError } from '../errors.js';
import type { PropertiesSchema, ResourceData, ResourceDefinition, ResourceDefinitionInput } from './types.js';

/** CloudFormation's rule for custom type names: "up to 60 characters ... alphanumeric and _@-." after `Custom::`. */
const CUSTOM_TYPE = /^Custom::[A-Za-z0-9_@.-]{1,52}$/;
const GENERIC_TYPE = 'AWS::CloudFormation::CustomResource';

function check(condition: boolean, option: string, message: string): void {
  if (!condition) throw new ConfigurationError(option, message);
}

/**
 * Defines one custom-resource type: its properties schema and its create, update and delete handlers.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { cfn, defineResource } from 'crkit';
 *
 * export const Widget = defineResource({
 *   resourceType: 'Custom::Widget',
 *   properties: z.object({ Name: z.string(), Size: cfn.integer() }),
 *   replaceOn: ['Name'],
 *   async create({ properties }) {
 *     return { data: { Area: properties.Size * properties.Size } };
 *   },
 *   async update({ properties }) {
 *     return { data: { Area: properties.Size * properties.Size } };
 *   },
 *   async delete() {},
 * });
 * ```
 */
export function defineResource<S extends PropertiesSchema, D extends ResourceData = ResourceData>(
  definition: ResourceDefinitionInput<S, D>,
): ResourceDefinition<S, D> {
  const { resourceType } = definition;
  check(
    typeof resourceType === 'string' && (CUSTOM_TYPE.test(resourceType) || resourceType === GENERIC_TYPE),
    'resourceType',
    `expected "Custom::" followed by up to 52 letters, digits or _@-. (or "${GENERIC_TYPE}"), got ${JSON.stringify(resourceType)}`,
  );
  check(
    typeof definition.properties?.safeParse === 'function',
    'properties',
    `expected a zod schema of ResourceProperties for ${resourceType}`,
  );
  // zod 4 schemas carry `_zod`; zod 3's carry only `_def`, and fail later with "keyValidator._parse is not a function".
  check(
    '_zod' in definition.properties,
    'properties',
    `crkit needs zod 4, and the schema of ${resourceType} comes from zod 3: run \`npm install zod@^4\` ` +
      "(with zod 3.25 alone, import { z } from 'zod/v4')",
  );
  check(typeof definition.create === 'function', 'create', `expected a function for ${resourceType}`);
  check(typeof definition.delete === 'function', 'delete', `expected a function for ${resourceType}`);
  check(
    definition.update === undefined || typeof definition.update === 'function',
    'update',
    `expected a function or nothing for ${resourceType}`,
  );
  return Object.freeze({ ...definition, kind: 'crkit.resource' as const });
}
