import { cfn } from 'crkit';
import * as z from 'zod';

/** The end of an AWS SDK v3 client package's name: `cognito-identity-provider` for `@aws-sdk/client-cognito-identity-provider`. */
const Service = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected the end of an @aws-sdk/client-<service> name');
/** The operation: the command's class name without `Command`, e.g. `AdminCreateUser`. */
const Action = z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'expected an operation name such as AdminCreateUser');

/**
 * One SDK call. `Input` keeps its JSON types (numbers, booleans, nested objects and lists) when the step is given as
 * JSON text, which is how the `SdkCallResource` construct writes it.
 */
export const SdkCallSpec = z.strictObject({
  /** The client package: `@aws-sdk/client-<Service>`. */
  Service,
  /** The operation, e.g. `AdminCreateUser` (the command class `AdminCreateUserCommand`). */
  Action,
  /** The command's input; strings of the form `{{crkit:secretsmanager:...}}` are read at run time. @default {} */
  Input: z.record(z.string(), z.unknown()).default({}),
  /** AWS error names (`error.name`, e.g. `UserNotFoundException`) that count as success. @default [] */
  IgnoreErrors: z.array(z.string().min(1)).default([]),
  /** Never put this call's error message or input into a Reason or a log line, and answer Data with NoEcho. @default false */
  Sensitive: z.boolean().default(false),
  /** A role to assume for this call (another account). @default the provider function's own role */
  RoleArn: z.string().startsWith('arn:').optional(),
  /** The external id the role's trust policy asks for. @default none */
  ExternalId: z.string().min(2).max(1224).optional(),
  /** The region to call. @default the function's region */
  Region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/)
    .optional(),
});

/** One validated SDK call of a step. */
export type SdkCallSpec = z.output<typeof SdkCallSpec>;

/** One SDK call as written into a template. */
export type SdkCallSpecInput = z.input<typeof SdkCallSpec>;

/** A step: one call or a list of calls made in order, as a list or as JSON text. */
const Step = cfn.json(z.union([SdkCallSpec.transform((call) => [call]), z.array(SdkCallSpec).min(1)]));

/** Where the physical id comes from: a literal, or a field of the step's output. */
const PhysicalResourceIdSource = cfn.json(
  z.union([
    z.object({ Id: z.string().min(1) }).strict(),
    z.object({ ResponseField: z.string().min(1) }).strict(),
  ]),
);

/**
 * The properties of `Custom::SdkCall`.
 *
 * @example
 * ```ts
 * import { SdkCallProperties } from 'crkit/providers/sdk-call';
 * SdkCallProperties.parse({
 *   OnCreate: '[{"Service":"ssm","Action":"PutParameter","Input":{"Name":"/app/mode","Value":"on","Overwrite":true}}]',
 *   OnDelete: { Service: 'ssm', Action: 'DeleteParameter', Input: { Name: '/app/mode' }, IgnoreErrors: ['ParameterNotFound'] },
 * });
 * ```
 */
export const SdkCallProperties = z.strictObject({
  /** The calls made on Create. @default none */
  OnCreate: Step.optional(),
  /** The calls made on an in-place Update. @default none: an update is a replacement (OnCreate, then OnDelete on the old) */
  OnUpdate: Step.optional(),
  /** The calls made on Delete. @default none */
  OnDelete: Step.optional(),
  /** The physical id. @default crkit's deterministic id on Create; Update keeps the current one */
  PhysicalResourceId: PhysicalResourceIdSource.optional(),
  /** Output fields returned as Data (`User.Username`, `AvailabilityZones.0.ZoneId`). @default [] */
  OutputPaths: cfn
    .list(z.string().min(1))
    .optional()
    .transform((paths) => [...new Set(paths ?? [])]),
});

/** The resource type the sdk-call provider serves. */
export const SDK_CALL_RESOURCE_TYPE = 'Custom::SdkCall';

/**
 * The steps may carry sensitive input: a validation message names the property and never echoes its value, at synth
 * time and at run time alike.
 */
export const SDK_CALL_SENSITIVE_PROPERTIES = ['OnCreate', 'OnUpdate', 'OnDelete'] as const;

/** The validated properties of a `Custom::SdkCall`. */
export type SdkCallValues = z.output<typeof SdkCallProperties>;

/** What the `SdkCallResource` construct writes: each step as JSON text, so that types survive CloudFormation. */
export type SdkCallPropertiesInput = z.input<typeof SdkCallProperties>;
