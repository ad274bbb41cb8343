import { cfn } from 'crkit';
import * as z from 'zod';
import { DEFAULT_SECRET_NAME_PREFIX } from './test-user-id.js';

// Cognito's `UserPoolIdType` pattern (API reference, AdminCreateUser: "[\w-]+_[0-9a-zA-Z]+", at most 55 characters).
const UserPoolId = z
  .string()
  .max(55)
  .regex(/^[\w-]+_[0-9a-zA-Z]+$/);

// Cognito's `UsernameType`: 1 to 128 letters, marks, symbols, digits or punctuation (no spaces or control characters).
const Username = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u);

// CloudFormation sends every scalar as a string; CDK code may pass `email_verified: true`. Cognito wants strings.
const AttributeValue = z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value));

// Secrets Manager secret names: ASCII letters, digits and /_+=.@- (CreateSecret API reference, `Name`). The prefix is
// kept short so that the physical id (pool id, secret name and username) stays under CloudFormation's 1 KB.
const SecretNamePrefix = z
  .string()
  .max(256)
  .regex(/^[A-Za-z0-9/_+=.@-]*$/);

/**
 * The properties of `Custom::CognitoTestUser`. `Attributes` is an object of attribute name to value (`{ email:
 * 'a@example.com', email_verified: 'true' }`), or the same object as JSON text.
 *
 * @example
 * ```ts
 * import { CognitoTestUserProperties } from 'crkit/providers/cognito-test-user';
 * CognitoTestUserProperties.parse({
 *   UserPoolId: 'us-east-1_AbC123',
 *   Username: 'e2e-tester',
 *   Attributes: { email: 'e2e@example.com', email_verified: 'true' },
 *   Groups: ['testers'],
 * });
 * ```
 */
export const CognitoTestUserProperties = z.object({
  /** The user pool the user lives in. A change replaces the user. */
  UserPoolId,
  /** The user's name. A change replaces the user. */
  Username,
  /** User attributes, name to value; changed in place. @default {} */
  Attributes: cfn
    .json(z.record(z.string().min(1).max(32), AttributeValue))
    .optional()
    .transform((value) => value ?? {}),
  /** Groups the user belongs to (they must exist); changed in place. @default [] */
  Groups: cfn
    .list(z.string().min(1).max(128))
    .optional()
    .transform((groups) => [...new Set(groups ?? [])]),
  /** Start of the Secrets Manager secret's name; fixed once the user exists. @default 'crkit/cognito-test-user/' */
  SecretNamePrefix: SecretNamePrefix.optional().transform((prefix) => prefix ?? DEFAULT_SECRET_NAME_PREFIX),
  /**
   * Also return the password in `Data.Password`, with `NoEcho`. Weaker than reading the secret: anyone who can run
   * `Fn::GetAtt` in a template of this account can read it. @default false
   */
  ReturnPassword: cfn
    .boolean()
    .optional()
    .transform((value) => value ?? false),
});

/** The validated properties of a `Custom::CognitoTestUser`. */
export type CognitoTestUserValues = z.output<typeof CognitoTestUserProperties>;

/** `Fn::GetAtt` attributes of a `Custom::CognitoTestUser`. */
export interface CognitoTestUserData extends Record<string, unknown> {
  /** The ARN of the secret holding `{"username", "password", "userPoolId"}`. */
  readonly SecretArn: string;
  readonly Username: string;
  readonly UserPoolId: string;
  /** Only with `ReturnPassword: true`; the response then carries `NoEcho`. */
  readonly Password?: string;
}
