import type { CreateContext, DeleteContext, HandlerResult, ResourceDefinition, UpdateContext } from 'crkit';
import { defineResource, ValidationError } from 'crkit';
import type { Logger, OptionsShape } from 'crkit/advanced';
import * as z from 'zod';
import { anObject, checkProviderOptions } from '../options.js';
import { type CognitoTestUserClients, type LazyClients, lazyClients } from './clients.js';
import { generatePassword } from './password.js';
import {
  type CognitoTestUserData,
  CognitoTestUserProperties,
  type CognitoTestUserValues,
} from './properties.js';
import { deleteSecret, readCredentials, type StoredCredentials, storeCredentials } from './secret-store.js';
import { formatTestUserId, parseTestUserId, secretNameFor, type TestUserId } from './test-user-id.js';
import {
  createUser,
  deleteUser,
  readPasswordPolicy,
  setPermanentPassword,
  syncAttributes,
  syncGroups,
  type UserRef,
} from './user-pool.js';

/** Options of {@link createCognitoTestUserDefinition}. */
export interface CognitoTestUserOptions {
  /** AWS SDK clients to use. @default clients for the Lambda's region, made on first use */
  readonly clients?: CognitoTestUserClients;
}

type Result = HandlerResult<CognitoTestUserData>;

function result(
  id: TestUserId,
  stored: Omit<StoredCredentials, 'created'>,
  props: CognitoTestUserValues,
): Result {
  const data = { SecretArn: stored.arn, Username: id.username, UserPoolId: id.userPoolId };
  if (!props.ReturnPassword) return { physicalResourceId: formatTestUserId(id), data };
  const Password = stored.credentials.password;
  return { physicalResourceId: formatTestUserId(id), data: { ...data, Password }, noEcho: true };
}

function refs(clients: LazyClients, id: TestUserId, signal: AbortSignal) {
  const user: UserRef = {
    client: clients.cognito(),
    signal,
    userPoolId: id.userPoolId,
    username: id.username,
  };
  return { user, secret: { client: clients.secretsManager(), signal, name: id.secretName } };
}

function idOf(physicalResourceId: string): TestUserId {
  const id = parseTestUserId(physicalResourceId);
  if (id) return id;
  const message = `expected "<UserPoolId>|<secret name>|<Username>", got ${JSON.stringify(physicalResourceId)}`;
  throw new ValidationError([{ path: 'PhysicalResourceId', message }]);
}

async function create(clients: LazyClients, context: CreateContext<CognitoTestUserValues>): Promise<Result> {
  const { properties: props, event, signal, logger } = context;
  // A replacement whose target is the user this resource already is: CloudFormation's rollback Update after a failed
  // replacement returns to it (the failed one made nothing that remains). Keep it rather than refuse it as taken.
  const current = event.RequestType === 'Update' ? parseTestUserId(event.PhysicalResourceId) : undefined;
  if (current?.userPoolId === props.UserPoolId && current.username === props.Username) {
    const { user, secret } = refs(clients, current, signal);
    await syncAttributes(user, {}, props.Attributes);
    await syncGroups(user, [], props.Groups);
    return result(current, await readCredentials(secret), props);
  }
  const secretName = secretNameFor(props.SecretNamePrefix, props.UserPoolId, event);
  const id = { userPoolId: props.UserPoolId, secretName, username: props.Username };
  const { user, secret } = refs(clients, id, signal);
  const policy = await readPasswordPolicy(user.client, id.userPoolId, signal);
  const fresh = { username: id.username, password: generatePassword(policy), userPoolId: id.userPoolId };
  const stored = await storeCredentials(secret, fresh);
  let userCreated = false;
  try {
    const outcome = await createUser(user, props.Attributes);
    // A fresh secret means no earlier try of this request ran, so an existing user belongs to someone else.
    if (outcome === 'exists' && stored.created) {
      const message =
        `a user named ${JSON.stringify(id.username)} already exists in ${id.userPoolId} and was not made by ` +
        'this resource: choose another Username, or delete that user';
      throw new ValidationError([{ path: 'ResourceProperties.Username', message }]);
    }
    userCreated = outcome === 'created';
    await setPermanentPassword(user, stored.credentials.password);
    await syncGroups(user, [], props.Groups);
  } catch (error) {
    // Undo only what this try made: an earlier try of the same request may already have answered SUCCESS. A Create
    // that fails answers no usable id, so no Delete would ever remove these. The deadline's signal may have fired.
    if (stored.created) {
      const cleanup = refs(clients, id, new AbortController().signal);
      if (userCreated) await deleteUser(cleanup.user).catch((cause: unknown) => undoFailed(logger, cause));
      await deleteSecret(cleanup.secret).catch((cause: unknown) => undoFailed(logger, cause));
    }
    throw error;
  }
  return result(id, stored, props);
}

function undoFailed(logger: Logger, cause: unknown): void {
  logger.error('could not undo a failed create of a Cognito test user', { error: String(cause) });
}

async function update(clients: LazyClients, context: UpdateContext<CognitoTestUserValues>): Promise<Result> {
  const { properties: props, oldProperties: old, physicalResourceId, signal } = context;
  if (props.SecretNamePrefix !== old.SecretNamePrefix) {
    const message =
      `cannot change for an existing test user (its secret keeps its name): restore ${JSON.stringify(old.SecretNamePrefix)}, ` +
      'or change Username as well to replace the user';
    throw new ValidationError([{ path: 'ResourceProperties.SecretNamePrefix', message }]);
  }
  const id = idOf(physicalResourceId);
  const { user, secret } = refs(clients, id, signal);
  await syncAttributes(user, old.Attributes, props.Attributes);
  await syncGroups(user, old.Groups, props.Groups);
  return result(id, await readCredentials(secret), props);
}

async function remove(clients: LazyClients, context: DeleteContext<CognitoTestUserValues>): Promise<void> {
  const { user, secret } = refs(clients, idOf(context.physicalResourceId), context.signal);
  await deleteUser(user);
  await deleteSecret(secret);
}

/**
 * Makes the `Custom::CognitoTestUser` definition with your own AWS SDK clients (for tests or another region); the
 * ready-made {@link CognitoTestUser} uses the Lambda's region.
 *
 * @example
 * ```ts
 * import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
 * import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
 * import { lambdaHandler } from 'crkit';
 * import { createCognitoTestUserDefinition } from 'crkit/providers/cognito-test-user';
 *
 * const config = { region: 'eu-west-1' };
 * const definition = createCognitoTestUserDefinition({
 *   clients: { cognito: new CognitoIdentityProviderClient(config), secretsManager: new SecretsManagerClient(config) },
 * });
 * export const handler = lambdaHandler(definition);
 * ```
 */
export function createCognitoTestUserDefinition(
  options: CognitoTestUserOptions = {},
): ResourceDefinition<typeof CognitoTestUserProperties, CognitoTestUserData> {
  checkProviderOptions(
    () =>
      z.strictObject({
        clients: z
          .strictObject({
            cognito: anObject('a CognitoIdentityProviderClient').optional(),
            secretsManager: anObject('a SecretsManagerClient').optional(),
          } satisfies OptionsShape<CognitoTestUserClients>)
          .optional(),
      } satisfies OptionsShape<CognitoTestUserOptions>),
    options,
    'createCognitoTestUserDefinition',
  );
  const clients = lazyClients(options.clients);
  return defineResource({
    resourceType: 'Custom::CognitoTestUser',
    properties: CognitoTestUserProperties,
    // Create runs before the old resource's Delete, so only a new pool or username can be made alongside the old.
    replaceOn: ['UserPoolId', 'Username'],
    // A Delete of any other id (CloudFormation makes one up when a stack fails while a Create is in flight) is
    // answered SUCCESS without a call: no user of this provider's has it.
    physicalResourceId: z.string().refine((id) => parseTestUserId(id) !== undefined, {
      message: 'expected "<UserPoolId>|<secret name>|<Username>"',
    }),
    create: (context) => create(clients, context),
    update: (context) => update(clients, context),
    delete: (context) => remove(clients, context),
  });
}

/**
 * `Custom::CognitoTestUser`: a CONFIRMED user in a Cognito user pool, its generated password kept in Secrets Manager.
 *
 * @example
 * ```ts
 * import { createRouter, lambdaHandler } from 'crkit';
 * import { CognitoTestUserDefinition } from 'crkit/providers/cognito-test-user';
 *
 * export const handler = lambdaHandler(createRouter(CognitoTestUserDefinition));
 * ```
 */
export const CognitoTestUserDefinition = createCognitoTestUserDefinition();
