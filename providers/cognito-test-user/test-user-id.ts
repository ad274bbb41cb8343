import { createHash } from 'node:crypto';

/** The secret name prefix used when `SecretNamePrefix` is not given. */
export const DEFAULT_SECRET_NAME_PREFIX = 'crkit/cognito-test-user/';

/** What a `Custom::CognitoTestUser` physical id holds: everything Delete needs, whatever the properties say. */
export interface TestUserId {
  readonly userPoolId: string;
  /** The Secrets Manager secret holding the credentials. */
  readonly secretName: string;
  readonly username: string;
}

// Neither a user pool id ([\w-]+_[0-9a-zA-Z]+) nor a secret name (letters, digits and /_+=.@-) can hold a `|`, so the
// first two separate the parts and the username, which may hold one, comes last.
const SEPARATOR = '|';

/**
 * The physical id of a test user: `<UserPoolId>|<secret name>|<Username>`.
 *
 * @example
 * ```ts
 * import { formatTestUserId } from './test-user-id.js';
 * formatTestUserId({ userPoolId: 'us-east-1_AbC123', secretName: 'crkit/x', username: 'alice' });
 * // 'us-east-1_AbC123|crkit/x|alice'
 * ```
 */
export function formatTestUserId(id: TestUserId): string {
  return [id.userPoolId, id.secretName, id.username].join(SEPARATOR);
}

/** The parts of a physical id made by {@link formatTestUserId}, or `undefined` when it is not one. */
export function parseTestUserId(physicalResourceId: string): TestUserId | undefined {
  const first = physicalResourceId.indexOf(SEPARATOR);
  const second = physicalResourceId.indexOf(SEPARATOR, first + 1);
  if (first <= 0 || second <= first + 1 || second === physicalResourceId.length - 1) return undefined;
  return {
    userPoolId: physicalResourceId.slice(0, first),
    secretName: physicalResourceId.slice(first + 1, second),
    username: physicalResourceId.slice(second + 1),
  };
}

/** The request fields that tell one Create request from another (a retried request repeats them). */
export interface RequestIdentity {
  readonly StackId: string;
  readonly LogicalResourceId: string;
  readonly RequestId: string;
}

/**
 * The secret's name: `<prefix><UserPoolId>/<16 hex digits>`, the digits hashed from the stack, logical id and request
 * id. A retried Create finds the secret its earlier try made; a new Create never meets one that is still being
 * deleted (a force-deleted name is freed asynchronously, Secrets Manager API reference, DeleteSecret). It never ends
 * in a hyphen and six characters, which Secrets Manager would confuse with its ARN suffix.
 */
export function secretNameFor(prefix: string, userPoolId: string, request: RequestIdentity): string {
  const hash = createHash('sha256')
    .update(`${request.StackId}\n${request.LogicalResourceId}\n${request.RequestId}`)
    .digest('hex')
    .slice(0, 16);
  return `${prefix}${userPoolId}/${hash}`;
}
