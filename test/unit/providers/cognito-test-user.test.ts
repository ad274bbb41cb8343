import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../../src/testing/events.js';
import {
  arnOf,
  arrangeHappyPath,
  arrangeStoredSecret,
  awsError,
  cognito,
  POOL,
  RESOURCE_TYPE,
  STACK_ID,
  secrets,
  startHarness,
  storedCredentials,
} from './cognito-test-user-harness.js';

expect.extend(allCustomMatcher);

let harness: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.capture.close());
beforeEach(arrangeHappyPath);

const properties = {
  UserPoolId: POOL,
  Username: 'alice',
  Attributes: { email: 'alice@example.com', email_verified: true },
  Groups: ['admins', 'testers'],
};
const create = (overrides: Record<string, unknown> = {}, requestId = 'request-1') =>
  createEvent({
    resourceType: RESOURCE_TYPE,
    responseUrl: harness.capture.responseUrl(),
    stackId: STACK_ID,
    logicalResourceId: 'TestUser',
    requestId,
    properties: { ...properties, ...overrides },
  });
const SECRET_NAME = /^crkit\/cognito-test-user\/us-east-1_AbC123\/[0-9a-f]{16}$/;

describe('cognito-test-user create', () => {
  it('creates a confirmed user in its groups and answers the secret ARN without the password', async () => {
    const body = await harness.send(create());

    expect(body.Status).toBe('SUCCESS');
    const [pool, secretName, username] = body.PhysicalResourceId.split('|');
    expect([pool, username]).toEqual([POOL, 'alice']);
    expect(secretName).toMatch(SECRET_NAME);
    expect(body.Data).toEqual({ SecretArn: arnOf(secretName ?? ''), Username: 'alice', UserPoolId: POOL });
    expect(body.NoEcho).toBeUndefined();
    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserPoolId: POOL,
      Username: 'alice',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    expect(cognito).toHaveReceivedCommandWith(AdminSetUserPasswordCommand, {
      Username: 'alice',
      Password: storedCredentials().password,
      Permanent: true,
    });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { GroupName: 'admins' });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { GroupName: 'testers' });
  });

  it('stores username, password and pool id in the secret, the password meeting the pool policy', async () => {
    cognito
      .on(DescribeUserPoolCommand)
      .resolves({ UserPool: { Policies: { PasswordPolicy: { MinimumLength: 64 } } } });

    const body = await harness.send(create());

    expect(body.Status).toBe('SUCCESS');
    const stored = storedCredentials();
    expect(stored).toMatchObject({ username: 'alice', userPoolId: POOL });
    expect(stored.password).toHaveLength(64);
    expect(stored.password).toMatch(/[A-Z]/);
    expect(stored.password).toMatch(/[a-z]/);
    expect(stored.password).toMatch(/\d/);
    expect(stored.password).toMatch(/[^A-Za-z0-9]/);
  });

  it('returns the password in Data with NoEcho only when ReturnPassword is set', async () => {
    const body = await harness.send(create({ ReturnPassword: true }));

    expect(body.Status).toBe('SUCCESS');
    expect(body.NoEcho).toBe(true);
    expect(body.Data?.Password).toBe(storedCredentials().password);
  });

  it('answers the same physical id to a retried request and keeps the password of the first try', async () => {
    const first = await harness.send(create({}, 'request-retried'));
    const password = storedCredentials().password;
    const secretName = first.PhysicalResourceId.split('|')[1] ?? '';
    secrets.on(CreateSecretCommand).rejects(awsError('ResourceExistsException'));
    arrangeStoredSecret(secretName, password);
    cognito
      .on(AdminCreateUserCommand)
      .rejects(awsError('UsernameExistsException', 'User account already exists'));

    const retried = await harness.send(create({}, 'request-retried'));

    expect(retried.Status).toBe('SUCCESS');
    expect(retried.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(cognito).toHaveReceivedNthCommandWith(AdminSetUserPasswordCommand, 2, { Password: password });
    expect(secrets).not.toHaveReceivedCommand(DeleteSecretCommand);
  });

  it('fails when the username is taken by a user this resource did not make, and removes its new secret', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(awsError('UsernameExistsException', 'User account already exists'));

    const body = await harness.send(create());

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain('ResourceProperties.Username: a user named "alice" already exists');
    expect(body.PhysicalResourceId).toMatch(/^crkit:create-failed:/);
    expect(secrets).toHaveReceivedCommandWith(DeleteSecretCommand, { ForceDeleteWithoutRecovery: true });
    expect(cognito).not.toHaveReceivedCommand(AdminDeleteUserCommand);
  });

  it('fails on throttling after creating the user and removes the user and the secret it made', async () => {
    cognito.on(AdminSetUserPasswordCommand).rejects(awsError('TooManyRequestsException', 'Rate exceeded'));

    const body = await harness.send(create());

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe('create failed: TooManyRequestsException: Rate exceeded');
    expect(cognito).toHaveReceivedCommandWith(AdminDeleteUserCommand, {
      UserPoolId: POOL,
      Username: 'alice',
    });
    expect(secrets).toHaveReceivedCommandWith(DeleteSecretCommand, { SecretId: storedCreatedName() });
  });

  it('leaves what an earlier try of the same request made when a retry fails', async () => {
    secrets.on(CreateSecretCommand).rejects(awsError('ResourceExistsException'));
    arrangeStoredSecret('crkit/cognito-test-user/earlier', 'Earlier-Passw0rd!');
    cognito.on(AdminSetUserPasswordCommand).rejects(awsError('TooManyRequestsException', 'Rate exceeded'));

    const body = await harness.send(create());

    expect(body.Status).toBe('FAILED');
    expect(cognito).not.toHaveReceivedCommand(AdminDeleteUserCommand);
    expect(secrets).not.toHaveReceivedCommand(DeleteSecretCommand);
  });

  it('fails naming the group when a group does not exist, and undoes the create', async () => {
    cognito
      .on(AdminAddUserToGroupCommand, { GroupName: 'testers' })
      .rejects(awsError('ResourceNotFoundException'));

    const body = await harness.send(create());

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain(
      'ResourceProperties.Groups: group "testers" does not exist in us-east-1_AbC123',
    );
    expect(cognito).toHaveReceivedCommand(AdminDeleteUserCommand);
    expect(secrets).toHaveReceivedCommand(DeleteSecretCommand);
  });

  it('still answers the original failure when undoing it fails too', async () => {
    cognito
      .on(AdminSetUserPasswordCommand)
      .rejects(awsError('InvalidPasswordException', 'Password too weak'));
    cognito.on(AdminDeleteUserCommand).rejects(awsError('TooManyRequestsException'));
    secrets.on(DeleteSecretCommand).rejects(awsError('ThrottlingException'));

    const body = await harness.send(create());

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe('create failed: InvalidPasswordException: Password too weak');
  });

  it('fails before creating anything when the user pool does not exist', async () => {
    cognito
      .on(DescribeUserPoolCommand)
      .rejects(awsError('ResourceNotFoundException', `User pool ${POOL} does not exist.`));

    const body = await harness.send(create());

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe(`create failed: ResourceNotFoundException: User pool ${POOL} does not exist.`);
    expect(secrets).not.toHaveReceivedCommand(CreateSecretCommand);
  });

  it('fails when the secret of an earlier try holds something else', async () => {
    secrets.on(CreateSecretCommand).rejects(awsError('ResourceExistsException'));
    secrets.on(GetSecretValueCommand).resolves({ ARN: arnOf('x'), SecretString: 'not json' });

    const body = await harness.send(create());

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain('does not hold {username, password, userPoolId} JSON');
    expect(cognito).not.toHaveReceivedCommand(AdminCreateUserCommand);
  });

  it('rejects properties that Cognito or Secrets Manager would refuse, naming each', async () => {
    const body = await harness.send(create({ UserPoolId: 'not a pool', SecretNamePrefix: 'bad prefix!' }));

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain('ResourceProperties.UserPoolId: expected text matching');
    expect(body.Reason).toContain('ResourceProperties.SecretNamePrefix: expected text matching');
    expect(cognito).not.toHaveReceivedAnyCommand();
  });

  it('accepts Attributes as JSON text and Groups as comma-separated text', async () => {
    const body = await harness.send(create({ Attributes: '{"email":"a@example.com"}', Groups: 'testers' }));

    expect(body.Status).toBe('SUCCESS');
    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserAttributes: [{ Name: 'email', Value: 'a@example.com' }],
    });
    expect(cognito).toHaveReceivedCommandTimes(AdminAddUserToGroupCommand, 1);
  });
});

function storedCreatedName(): string {
  return secrets.commandCalls(CreateSecretCommand)[0]?.args[0].input.Name ?? '';
}
