import { ConfigurationError } from 'crkit';
import { checkOptions, type OptionsShape } from 'crkit/advanced';
import * as z from 'zod';
import { lazySchema } from '../../cdk/props.js';
import { iamActionOf, servicePackageOf } from '../iam-action.js';
import type { SdkCallSpecInput } from '../properties.js';

/** What {@link sdkCall} needs of an AWS SDK v3 client class, e.g. `CognitoIdentityProviderClient`. */
// biome-ignore lint/suspicious/noExplicitAny: any client configuration; only the class's identity is used.
export type SdkClientClass = new (config: any) => { readonly config: unknown; destroy(): void };

/** What {@link sdkCall} needs of an AWS SDK v3 command class, e.g. `AdminCreateUserCommand`. */
// biome-ignore lint/suspicious/noExplicitAny: commands take their own input type, read by CommandInput.
export type SdkCommandClass = new (...args: any[]) => { readonly input: object };

/** A command's input type, e.g. `AdminCreateUserCommandInput` for `AdminCreateUserCommand`. */
export type CommandInput<C extends SdkCommandClass> = NonNullable<ConstructorParameters<C>[0]>;

/** How one call behaves beyond its input. */
export interface SdkCallOptions {
  /** AWS error names (`error.name`) that count as success, e.g. `['UserNotFoundException']`. @default none */
  readonly ignoreErrors?: readonly string[];
  /**
   * Keep the call's error message out of every Reason and log line (only the error's name is shown), and answer
   * the step's Data with NoEcho. @default false
   */
  readonly sensitive?: boolean;
  /** ARNs the call acts on, for its IAM statement. @default ['*'] */
  readonly resources?: readonly string[];
  /** The call's IAM actions, where they are not `<service prefix>:<operation>`. @default derived from the call */
  readonly actions?: readonly string[];
  /** A role to assume for the call (another account); the provider is then granted `sts:AssumeRole` on it only. @default none */
  readonly roleArn?: string;
  /** The external id the role's trust policy requires. @default none */
  readonly externalId?: string;
  /** The region to call. @default the stack's region (the provider function's) */
  readonly region?: string;
}

/** One SDK call as {@link sdkCall} describes it: what the provider runs and what IAM allows. */
export interface SdkCallDescription {
  /** The call as `Custom::SdkCall` takes it. */
  readonly spec: SdkCallSpecInput;
  /** IAM actions the provider needs for it (`sts:AssumeRole` when it assumes a role). */
  readonly actions: readonly string[];
  /** Where those actions apply. */
  readonly resources: readonly string[];
}

/** The client package and signing name, read from a client made for that purpose (no request is sent). */
function serviceOf(Client: SdkClientClass): { service: string; signingName: string } {
  const client = new Client({ region: 'us-east-1' });
  try {
    const config = client.config as { serviceId?: unknown; defaultSigningName?: unknown };
    if (typeof config.serviceId !== 'string' || typeof config.defaultSigningName !== 'string') {
      throw new ConfigurationError('Client', `${Client.name} is not an AWS SDK v3 client (no serviceId)`);
    }
    return { service: servicePackageOf(config.serviceId), signingName: config.defaultSigningName };
  } finally {
    client.destroy();
  }
}

const texts = (noun: string) => z.array(z.string(), { error: `expected a list of ${noun}` });
const sdkCallOptions = lazySchema(() =>
  z.strictObject({
    ignoreErrors: texts('error names, like ["UsernameExistsException"]').optional(),
    sensitive: z.boolean({ error: 'expected true or false' }).optional(),
    resources: texts('resource ARNs').optional(),
    actions: texts('IAM actions').optional(),
    roleArn: z.string({ error: 'expected a role ARN' }).optional(),
    externalId: z.string({ error: 'expected a string' }).optional(),
    region: z.string({ error: 'expected a region, like "eu-west-1"' }).optional(),
  } satisfies OptionsShape<SdkCallOptions>),
);

/**
 * One AWS SDK v3 call for `SdkCallResource`, typed by the client and command classes you import: the input is the
 * command's input type (CDK tokens allowed where the values are strings), so a misspelt field or a wrong type does
 * not compile.
 *
 * @example
 * ```ts
 * import { AdminDeleteUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
 * import { sdkCall } from 'crkit/cdk';
 *
 * const call = sdkCall(
 *   CognitoIdentityProviderClient,
 *   AdminDeleteUserCommand,
 *   { UserPoolId: 'us-east-1_AbC123', Username: 'e2e-tester' },
 *   { ignoreErrors: ['UserNotFoundException'] },
 * );
 * call.actions; // ['cognito-idp:AdminDeleteUser']
 * ```
 */
export function sdkCall<C extends SdkCommandClass>(
  Client: SdkClientClass,
  Command: C,
  input: CommandInput<C>,
  options: SdkCallOptions = {},
): SdkCallDescription {
  checkOptions(sdkCallOptions(), options, { context: `sdkCall(${Command?.name ?? 'Command'})` });
  const { service, signingName } = serviceOf(Client);
  if (!/^[A-Z][A-Za-z0-9]*Command$/.test(Command.name)) {
    throw new ConfigurationError(
      'Command',
      `expected an SDK v3 command class such as AdminCreateUserCommand, got ${Command.name}`,
    );
  }
  const action = Command.name.slice(0, -'Command'.length);
  const spec = {
    Service: service,
    Action: action,
    Input: input as Record<string, unknown>,
    ...(options.ignoreErrors === undefined ? {} : { IgnoreErrors: [...options.ignoreErrors] }),
    ...(options.sensitive === undefined ? {} : { Sensitive: options.sensitive }),
    ...(options.roleArn === undefined ? {} : { RoleArn: options.roleArn }),
    ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
    ...(options.region === undefined ? {} : { Region: options.region }),
  };
  // With a role, the call runs as that role: the provider itself only needs to assume it.
  if (options.roleArn !== undefined)
    return { spec, actions: ['sts:AssumeRole'], resources: [options.roleArn] };
  return {
    spec,
    actions: options.actions ? [...options.actions] : [iamActionOf(signingName, action)],
    resources: options.resources ? [...options.resources] : ['*'],
  };
}
