import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CrkitError } from 'crkit';
import * as z from 'zod';
import { isAwsError } from './clients.js';

/** What the secret holds, as JSON. */
export const TestUserCredentials = z.object({
  username: z.string(),
  password: z.string().min(1),
  userPoolId: z.string(),
});

/** The credentials of one test user. */
export type TestUserCredentials = z.infer<typeof TestUserCredentials>;

/** A stored secret: its ARN and the credentials it holds. */
export interface StoredCredentials {
  readonly arn: string;
  readonly credentials: TestUserCredentials;
  /** `false` when the secret already existed (made by an earlier try of the same request) and was read instead. */
  readonly created: boolean;
}

/** One secret, reached through `client`; `signal` aborts calls in flight at the deadline. */
export interface SecretRef {
  readonly client: SecretsManagerClient;
  readonly signal: AbortSignal;
  readonly name: string;
}

/** Reads the secret's credentials; fails when it is missing or does not hold what this provider stores. */
export async function readCredentials(secret: SecretRef): Promise<Omit<StoredCredentials, 'created'>> {
  const command = new GetSecretValueCommand({ SecretId: secret.name });
  const { ARN, SecretString } = await secret.client.send(command, { abortSignal: secret.signal });
  let parsed: unknown;
  try {
    parsed = JSON.parse(SecretString ?? '');
  } catch {
    parsed = undefined;
  }
  const credentials = TestUserCredentials.safeParse(parsed);
  if (!credentials.success || ARN === undefined) {
    throw new CrkitError(
      `secret ${secret.name} does not hold {username, password, userPoolId} JSON: delete it and deploy again`,
    );
  }
  return { arn: ARN, credentials: credentials.data };
}

/**
 * Stores the credentials in a new secret. When the secret exists already (an earlier try of the same request made
 * it: the name is derived from the request), its credentials are returned instead, so a retried Create keeps the
 * password the first try may already have given the user.
 */
export async function storeCredentials(
  secret: SecretRef,
  credentials: TestUserCredentials,
): Promise<StoredCredentials> {
  const command = new CreateSecretCommand({
    Name: secret.name,
    Description: `Credentials of the Cognito test user ${credentials.username} in ${credentials.userPoolId} (crkit)`,
    SecretString: JSON.stringify(credentials),
  });
  try {
    const { ARN } = await secret.client.send(command, { abortSignal: secret.signal });
    if (ARN === undefined) throw new CrkitError(`CreateSecret returned no ARN for ${secret.name}`);
    return { arn: ARN, credentials, created: true };
  } catch (error) {
    if (!isAwsError(error, 'ResourceExistsException')) throw error;
    return { ...(await readCredentials(secret)), created: false };
  }
}

/** Deletes the secret at once, without a recovery window; a secret already gone counts as deleted. */
export async function deleteSecret(secret: SecretRef): Promise<void> {
  const command = new DeleteSecretCommand({ SecretId: secret.name, ForceDeleteWithoutRecovery: true });
  try {
    await secret.client.send(command, { abortSignal: secret.signal });
  } catch (error) {
    // With ForceDeleteWithoutRecovery AWS answers success for a missing secret (API reference, DeleteSecret); older
    // behaviour and emulators may still say ResourceNotFoundException.
    if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
  }
}
