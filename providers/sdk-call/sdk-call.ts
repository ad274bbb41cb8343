import type { HandlerResult, ResourceDefinition } from 'crkit';
import { CrkitError, defineResource, ValidationError } from 'crkit';
import type { OptionsShape } from 'crkit/advanced';
import { defaultPhysicalResourceId } from 'crkit/advanced';
import * as z from 'zod';
import { aFunction, anObject, checkProviderOptions } from '../options.js';
import {
  SDK_CALL_RESOURCE_TYPE,
  SdkCallProperties,
  type SdkCallSpec,
  type SdkCallValues,
} from './properties.js';
import { pickResponseFields, responseField } from './response-fields.js';
import { type CallContext, runCalls } from './run-calls.js';
import { type SdkClientsOptions, sdkClients } from './sdk-clients.js';

/** Options of {@link createSdkCallDefinition}. */
export type SdkCallDefinitionOptions = SdkClientsOptions;

type Result = HandlerResult<Record<string, string>>;

/** The physical id the step answers: the literal, the output field, or `fallback`. */
function physicalIdOf(
  props: SdkCallValues,
  step: string,
  outputs: readonly unknown[],
  fallback: string,
): string {
  const source = props.PhysicalResourceId;
  if (source === undefined) return fallback;
  if ('Id' in source) return source.Id;
  const id = responseField(outputs, source.ResponseField);
  if (id === undefined || id === '') {
    throw new CrkitError(
      `${step}: no call returned ${JSON.stringify(source.ResponseField)}, the PhysicalResourceId's ResponseField`,
    );
  }
  return id;
}

async function runStep(
  step: string,
  calls: readonly SdkCallSpec[] | undefined,
  props: SdkCallValues,
  context: CallContext,
  fallbackId: string,
): Promise<Result> {
  try {
    const outputs = await runCalls(step, calls ?? [], context);
    const data = pickResponseFields(step, outputs, props.OutputPaths);
    const noEcho = (calls ?? []).some((call) => call.Sensitive);
    return {
      physicalResourceId: physicalIdOf(props, step, outputs, fallbackId),
      data,
      ...(noEcho ? { noEcho } : {}),
    };
  } catch (error) {
    // A create that failed part-way may have made something with its earlier calls, and CloudFormation will never
    // send a Delete that runs OnDelete for it: run OnDelete now, best effort, before the failure is answered.
    if (step === 'OnCreate' && props.OnDelete?.length) {
      await runCalls('OnDelete', props.OnDelete, context).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Makes the `Custom::SdkCall` definition with your own client configuration (an emulator's endpoint, say); the
 * ready-made {@link SdkCall} uses the Lambda's region and role.
 *
 * @example
 * ```ts
 * import { lambdaHandler } from 'crkit';
 * import { createSdkCallDefinition } from 'crkit/providers/sdk-call';
 *
 * export const handler = lambdaHandler(createSdkCallDefinition({ clientConfig: { region: 'eu-west-1' } }));
 * ```
 */
export function createSdkCallDefinition(
  options: SdkCallDefinitionOptions = {},
): ResourceDefinition<typeof SdkCallProperties, Record<string, string>> {
  checkProviderOptions(
    () =>
      z.strictObject({
        clientConfig: anObject('an AWS SDK client configuration, like { region: "eu-west-1" }').optional(),
        importModule: aFunction('a function (name) => Promise<module>').optional(),
      } satisfies OptionsShape<SdkCallDefinitionOptions>),
    options,
    'createSdkCallDefinition',
  );
  const sdk = sdkClients(options);
  return defineResource({
    resourceType: SDK_CALL_RESOURCE_TYPE,
    properties: SdkCallProperties,
    // The steps are not declared sensitive here: every string in them (service, action, field names) would become
    // a secret to redact. A step's secrets are its runtime values ({{crkit:...}}), which the calls redact themselves.
    create: ({ properties, physicalResourceId, signal }) =>
      runStep('OnCreate', properties.OnCreate, properties, { sdk, signal }, physicalResourceId),
    update: ({ properties, physicalResourceId, signal, event }) =>
      properties.OnUpdate === undefined
        ? // Nothing to update in place: make the resource anew (a new id, so CloudFormation deletes the old one).
          runStep(
            'OnCreate',
            properties.OnCreate,
            properties,
            { sdk, signal },
            defaultPhysicalResourceId(event),
          )
        : runStep('OnUpdate', properties.OnUpdate, properties, { sdk, signal }, physicalResourceId),
    delete: async ({ properties, rawProperties, signal }) => {
      // The delete needs only OnDelete: read it alone when the rest no longer matches the schema.
      const steps = properties ? properties.OnDelete : onDeleteOf(rawProperties);
      await runCalls('OnDelete', steps ?? [], { sdk, signal });
    },
  });
}

/** OnDelete alone, from properties that no longer match the schema as a whole; throws when it cannot be read. */
function onDeleteOf(raw: Readonly<Record<string, unknown>>): SdkCallValues['OnDelete'] {
  const parsed = SdkCallProperties.shape.OnDelete.safeParse(raw.OnDelete);
  if (!parsed.success)
    throw new ValidationError([{ path: 'ResourceProperties.OnDelete', message: 'cannot be read' }]);
  return parsed.data;
}

/**
 * `Custom::SdkCall`: plain AWS SDK v3 calls on Create, Update and Delete, typed end to end by the `SdkCallResource`
 * construct of `crkit/cdk`.
 *
 * @example
 * ```ts
 * import { createRouter, lambdaHandler } from 'crkit';
 * import { SdkCallDefinition } from 'crkit/providers/sdk-call';
 *
 * export const handler = lambdaHandler(createRouter(SdkCallDefinition));
 * ```
 */
export const SdkCallDefinition = createSdkCallDefinition();
