import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoTestUserDefinition } from '../../../providers/cognito-test-user/index.js';
import type { ResponseBody } from '../../../src/core/fit-response.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { createEvent, deleteEvent, updateEvent } from '../../../src/testing/events.js';
import type { LocalAws } from '../../../src/testing/local-aws.js';
import { createS3ResponseBucket, type S3ResponseBucket } from '../../../src/testing/s3-responses.js';
import { emulatorAccount } from '../emulator/emulator.js';

const RESOURCE_TYPE = 'Custom::CognitoTestUser';
const MINIMUM_LENGTH = 40;
let aws: LocalAws;
let responses: S3ResponseBucket;
let cognito: CognitoIdentityProviderClient;
let secrets: SecretsManagerClient;
let handler: ReturnType<typeof lambdaHandler>;
let poolId: string;
let clientId: string;

beforeAll(async () => {
  aws = await emulatorAccount();
  responses = await createS3ResponseBucket(aws);
  cognito = new CognitoIdentityProviderClient(aws.clientConfig);
  secrets = new SecretsManagerClient(aws.clientConfig);
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: 'crkit-integration',
      Policies: {
        PasswordPolicy: {
          MinimumLength: MINIMUM_LENGTH,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    }),
  );
  poolId = UserPool?.Id ?? '';
  for (const GroupName of ['admins', 'testers', 'viewers']) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName }));
  }
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'e2e',
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'],
    }),
  );
  clientId = UserPoolClient?.ClientId ?? '';
  const definition = createCognitoTestUserDefinition({ clients: { cognito, secretsManager: secrets } });
  handler = lambdaHandler(definition, { allowedResponseOrigins: [responses.origin] });
});
afterAll(() => aws?.stop());

async function answer(event: { ResponseURL: string }): Promise<ResponseBody> {
  await handler(event);
  const body = await responses.read(event.ResponseURL);
  if (!body) throw new Error('no response in the bucket');
  return body;
}

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/e2e/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f';
const common = async () => ({
  resourceType: RESOURCE_TYPE,
  responseUrl: await responses.responseUrl(),
  stackId: STACK_ID,
  logicalResourceId: 'TestUser',
});

async function userOf(username: string) {
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  const { Groups = [] } = await cognito.send(
    new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username }),
  );
  const attributes = Object.fromEntries((user.UserAttributes ?? []).map(({ Name, Value }) => [Name, Value]));
  return { status: user.UserStatus, attributes, groups: Groups.map((group) => group.GroupName).sort() };
}

async function secretOf(secretId: string) {
  const { ARN, SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  return {
    arn: ARN,
    ...(JSON.parse(SecretString ?? '{}') as { username: string; password: string; userPoolId: string }),
  };
}

async function signIn(username: string, password: string): Promise<string | undefined> {
  const { AuthenticationResult } = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  return AuthenticationResult?.AccessToken;
}

const errorName = (promise: Promise<unknown>) =>
  promise.then(
    () => 'none',
    (error: Error) => error.name,
  );

describe('cognito-test-user against the emulator', () => {
  const first = {
    Username: 'alice',
    Attributes: { email: 'alice@example.com', name: 'Alice A.' },
    Groups: ['admins', 'testers'],
  };
  const second = {
    Username: 'alice',
    Attributes: { email: 'alice@example.org', given_name: 'Alice' },
    Groups: ['testers', 'viewers'],
    ReturnPassword: true,
  };
  let aliceId = '';
  let aliceSecretArn = '';
  let bobId = '';

  it('creates a CONFIRMED user in its groups whose stored password meets the policy and signs in', async () => {
    const body = await answer(
      createEvent({
        ...(await common()),
        requestId: 'create-1',
        properties: { UserPoolId: poolId, ...first },
      }),
    );

    expect(body.Status).toBe('SUCCESS');
    aliceId = body.PhysicalResourceId;
    aliceSecretArn = body.Data?.SecretArn ?? '';
    expect(aliceId).toMatch(
      new RegExp(`^${poolId}\\|crkit/cognito-test-user/${poolId}/[0-9a-f]{16}\\|alice$`),
    );
    expect(body.Data).toEqual({ SecretArn: aliceSecretArn, Username: 'alice', UserPoolId: poolId });
    expect(await userOf('alice')).toMatchObject({
      status: 'CONFIRMED',
      attributes: { email: 'alice@example.com', name: 'Alice A.' },
      groups: ['admins', 'testers'],
    });
    const secret = await secretOf(aliceSecretArn);
    expect(secret).toMatchObject({ arn: aliceSecretArn, username: 'alice', userPoolId: poolId });
    expect(secret.password.length).toBeGreaterThanOrEqual(MINIMUM_LENGTH);
    expect(secret.password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z0-9]).+$/);
    expect(await signIn('alice', secret.password)).toEqual(expect.any(String));
  });

  it('answers a duplicated create with the same id and leaves the password as it was', async () => {
    const before = await secretOf(aliceSecretArn);

    const body = await answer(
      createEvent({
        ...(await common()),
        requestId: 'create-1',
        properties: { UserPoolId: poolId, ...first },
      }),
    );

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: aliceId });
    expect((await secretOf(aliceSecretArn)).password).toBe(before.password);
    expect(await signIn('alice', before.password)).toEqual(expect.any(String));
  });

  it('updates attributes and groups in place and returns the password with NoEcho when asked', async () => {
    const event = updateEvent({
      ...(await common()),
      physicalResourceId: aliceId,
      properties: { UserPoolId: poolId, ...second },
      oldProperties: { UserPoolId: poolId, ...first },
    });

    const body = await answer(event);

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: aliceId, NoEcho: true });
    expect(body.Data?.Password).toBe((await secretOf(aliceSecretArn)).password);
    const alice = await userOf('alice');
    expect(alice.groups).toEqual(['testers', 'viewers']);
    expect(alice.attributes).toMatchObject({ email: 'alice@example.org', given_name: 'Alice' });
    expect(alice.attributes).not.toHaveProperty('name');
  });

  it('replaces the user when Username changes, leaving the old one to the cleanup delete', async () => {
    const event = updateEvent({
      ...(await common()),
      physicalResourceId: aliceId,
      properties: { UserPoolId: poolId, ...second, Username: 'bob' },
      oldProperties: { UserPoolId: poolId, ...second },
    });

    const body = await answer(event);

    expect(body.Status).toBe('SUCCESS');
    bobId = body.PhysicalResourceId;
    expect(bobId).toMatch(/\|bob$/);
    expect(bobId.split('|')[1]).not.toBe(aliceId.split('|')[1]);
    expect(await userOf('bob')).toMatchObject({ status: 'CONFIRMED', groups: ['testers', 'viewers'] });
    expect(await signIn('bob', body.Data?.Password ?? '')).toEqual(expect.any(String));
    expect((await userOf('alice')).status).toBe('CONFIRMED');
  });

  it('removes the old user and its secret in the cleanup delete', async () => {
    const event = deleteEvent({
      ...(await common()),
      physicalResourceId: aliceId,
      properties: { UserPoolId: poolId, ...second },
    });

    const body = await answer(event);

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: aliceId });
    expect(await errorName(userOf('alice'))).toBe('UserNotFoundException');
    expect(await errorName(secretOf(aliceSecretArn))).toBe('ResourceNotFoundException');
    expect((await userOf('bob')).status).toBe('CONFIRMED');
  });

  it('deletes the user and its secret, and succeeds when asked to delete again', async () => {
    const properties = { UserPoolId: poolId, ...second, Username: 'bob' };
    const bobSecret = bobId.split('|')[1] ?? '';

    const deleted = await answer(deleteEvent({ ...(await common()), physicalResourceId: bobId, properties }));
    const again = await answer(deleteEvent({ ...(await common()), physicalResourceId: bobId, properties }));

    expect(deleted).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: bobId });
    expect(again).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: bobId });
    expect(await errorName(userOf('bob'))).toBe('UserNotFoundException');
    expect(await errorName(secretOf(bobSecret))).toBe('ResourceNotFoundException');
  });

  it('fails for a username another user holds and leaves no secret behind', async () => {
    const properties = { UserPoolId: poolId, Username: 'carol' };
    await answer(createEvent({ ...(await common()), requestId: 'carol-1', properties }));
    const { SecretList: before = [] } = await secrets.send(new ListSecretsCommand({}));

    const body = await answer(createEvent({ ...(await common()), requestId: 'carol-2', properties }));

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain('a user named "carol" already exists');
    const { SecretList: after = [] } = await secrets.send(new ListSecretsCommand({}));
    expect(after.map((secret) => secret.Name)).toEqual(before.map((secret) => secret.Name));
  });
});
