import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ValidationError } from 'crkit';
import { isAwsError } from './clients.js';
import type { PasswordPolicy } from './password.js';

/** One user in one pool, reached through `client`; `signal` aborts calls in flight at the deadline. */
export interface UserRef {
  readonly client: CognitoIdentityProviderClient;
  readonly signal: AbortSignal;
  readonly userPoolId: string;
  readonly username: string;
}

const toAttributeList = (attributes: Readonly<Record<string, string>>) =>
  Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));

/** The pool's password policy; Cognito reports one for every pool, an empty one is read as Cognito's defaults. */
export async function readPasswordPolicy(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  signal: AbortSignal,
): Promise<PasswordPolicy> {
  const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }), {
    abortSignal: signal,
  });
  return UserPool?.Policies?.PasswordPolicy ?? {};
}

/**
 * Creates the user without sending any message (`SUPPRESS`). Answers `'exists'` instead of failing when the username
 * is taken, so that the caller can decide whether the user is its own.
 */
export async function createUser(
  user: UserRef,
  attributes: Readonly<Record<string, string>>,
): Promise<'created' | 'exists'> {
  const command = new AdminCreateUserCommand({
    UserPoolId: user.userPoolId,
    Username: user.username,
    MessageAction: 'SUPPRESS',
    UserAttributes: toAttributeList(attributes),
  });
  try {
    await user.client.send(command, { abortSignal: user.signal });
    return 'created';
  } catch (error) {
    if (isAwsError(error, 'UsernameExistsException')) return 'exists';
    throw error;
  }
}

/** Sets a permanent password: the user becomes CONFIRMED and can sign in without a challenge. */
export async function setPermanentPassword(user: UserRef, password: string): Promise<void> {
  const command = new AdminSetUserPasswordCommand({
    UserPoolId: user.userPoolId,
    Username: user.username,
    Password: password,
    Permanent: true,
  });
  await user.client.send(command, { abortSignal: user.signal });
}

/** Brings the user's attributes from `before` to `after`: changed ones are updated, removed ones deleted. */
export async function syncAttributes(
  user: UserRef,
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): Promise<void> {
  const { client, signal, userPoolId: UserPoolId, username: Username } = user;
  const changed = Object.fromEntries(Object.entries(after).filter(([name, value]) => before[name] !== value));
  const removed = Object.keys(before).filter((name) => !(name in after));
  if (Object.keys(changed).length > 0) {
    const UserAttributes = toAttributeList(changed);
    await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username, UserAttributes }), {
      abortSignal: signal,
    });
  }
  if (removed.length > 0) {
    const command = new AdminDeleteUserAttributesCommand({
      UserPoolId,
      Username,
      UserAttributeNames: removed,
    });
    await client.send(command, { abortSignal: signal });
  }
}

/** Adds the user to the groups in `after` but not in `before`, and removes it from those only in `before`. */
export async function syncGroups(
  user: UserRef,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  const { client, signal, userPoolId: UserPoolId, username: Username } = user;
  for (const GroupName of after.filter((group) => !before.includes(group))) {
    try {
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName }), {
        abortSignal: signal,
      });
    } catch (error) {
      if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
      const message = `group ${JSON.stringify(GroupName)} does not exist in ${UserPoolId}: create it first (an AWS::Cognito::UserPoolGroup this resource depends on)`;
      throw new ValidationError([{ path: 'ResourceProperties.Groups', message }], { cause: error });
    }
  }
  for (const GroupName of before.filter((group) => !after.includes(group))) {
    try {
      await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username, GroupName }), {
        abortSignal: signal,
      });
    } catch (error) {
      // A group deleted meanwhile no longer holds the user, which is what removing it was for.
      if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
    }
  }
}

/** Deletes the user; a user (or pool) that is already gone counts as deleted. */
export async function deleteUser(user: UserRef): Promise<void> {
  const command = new AdminDeleteUserCommand({ UserPoolId: user.userPoolId, Username: user.username });
  try {
    await user.client.send(command, { abortSignal: user.signal });
  } catch (error) {
    if (!isAwsError(error, 'UserNotFoundException', 'ResourceNotFoundException')) throw error;
  }
}
