import { CFN_LIMITS } from '../constants.js';
import { ConfigurationError } from '../errors.js';
import { didYouMean } from '../validation/did-you-mean.js';
import { aFunction, aString, isZodSchema, positive, zodSchema } from '../validation/option-rules.js';
import {
  lazy,
  listOf,
  option,
  optionsObject,
  parseOptions,
  type RulesShape,
} from '../validation/option-schemas.js';
import type {
  CompletionOptions,
  PropertiesSchema,
  ResourceData,
  ResourceDefinition,
  ResourceDefinitionInput,
} from './types.js';

/** CloudFormation's rule for custom type names: "up to 60 characters ... alphanumeric and _@-." after `Custom::`. */
const CUSTOM_TYPE = /^Custom::[A-Za-z0-9_@.-]{1,52}$/;
const GENERIC_TYPE = 'AWS::CloudFormation::CustomResource';

const definitionSchema = lazy(() => {
  const handler = option(aFunction());
  return optionsObject({
    resourceType: option({
      expected: (value) =>
        `expected "Custom::" followed by up to 52 letters, digits or _@-. (or "${GENERIC_TYPE}"), got ${JSON.stringify(value)}`,
      test: (value) => typeof value === 'string' && (CUSTOM_TYPE.test(value) || value === GENERIC_TYPE),
    }),
    properties: option({
      // zod 3 schemas carry only `_def`, and would fail every request with "keyValidator._parse is not a function".
      expected: (value, resourceType) =>
        typeof (value as { safeParse?: unknown } | null)?.safeParse === 'function'
          ? `crkit needs zod 4, and the schema of ${resourceType} comes from zod 3: run \`npm install zod@^4\` ` +
            "(with zod 3.25 alone, import { z } from 'zod/v4')"
          : `expected a zod schema of ResourceProperties for ${resourceType}`,
      test: isZodSchema,
    }),
    create: handler,
    update: handler.optional(),
    delete: handler,
    physicalResourceId: option(zodSchema('a zod schema of the physical ids this provider issues')).optional(),
    isComplete: handler.optional(),
    onTimeout: handler.optional(),
    completion: optionsObject({
      timeoutSeconds: option(
        positive('seconds', {
          value: CFN_LIMITS.maxServiceTimeoutSeconds,
          why: "CloudFormation's longest wait",
        }),
      ).optional(),
      initialDelayMs: option(positive('milliseconds')).optional(),
      maxDelayMs: option(positive('milliseconds')).optional(),
    } satisfies RulesShape<CompletionOptions>).optional(),
    replaceOn: listOf(aString, 'a list of property names').optional(),
    sensitiveProperties: listOf(aString, 'a list of property names').optional(),
    // A definition spread into another (`defineResource({ ...Widget, create })`) carries its kind.
    kind: option({ expected: '"crkit.resource"', test: (value) => value === 'crkit.resource' }).optional(),
  } satisfies RulesShape<ResourceDefinitionInput<PropertiesSchema> & Pick<ResourceDefinition, 'kind'>>);
});

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
  const resourceType = (definition as { readonly resourceType?: unknown } | null | undefined)?.resourceType;
  parseOptions(definitionSchema(), definition, {
    context: typeof resourceType === 'string' ? resourceType : undefined,
  });
  checkPropertyNames(definition);
  return Object.freeze({ ...definition, kind: 'crkit.resource' as const });
}

/**
 * `replaceOn` and `sensitiveProperties` name properties of the schema, when it is a `z.object` whose keys are known:
 * TypeScript checks the names, but JavaScript and casts do not, and a misspelt sensitive property is not redacted.
 */
function checkPropertyNames({
  properties,
  replaceOn = [],
  sensitiveProperties = [],
}: ResourceDefinitionInput<PropertiesSchema, ResourceData>): void {
  const shape = (properties as { readonly shape?: unknown }).shape;
  if (typeof shape !== 'object' || shape === null) return;
  const known = Object.keys(shape);
  for (const [option, names] of Object.entries({ replaceOn, sensitiveProperties })) {
    (names as readonly string[]).forEach((name, index) => {
      if (known.includes(name)) return;
      throw new ConfigurationError(
        `${option}[${index}]`,
        `${JSON.stringify(name)} is not a property of the schema${didYouMean(name, known)}; its properties: ${known.join(', ')}`,
      );
    });
  }
}
