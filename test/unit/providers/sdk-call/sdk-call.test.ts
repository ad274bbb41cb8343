import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  DeleteSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsError, call, POOL, startHarness, step } from './harness.js';

expect.extend(allCustomMatcher);

const cognito = mockClient(CognitoIdentityProviderClient);
const secrets = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);
const PASSWORD = 'Sup3r-Secret!value';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tester-AbCdEf';

let harness: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.capture.close());
beforeEach(() => {
  cognito.reset();
  secrets.reset();
  ssm.reset();
  cognito
    .on(AdminCreateUserCommand)
    .resolves({ User: { Username: 'e2e-tester', UserStatus: 'FORCE_CHANGE_PASSWORD' } });
  cognito.on(AdminSetUserPasswordCommand).resolves({});
  secrets
    .on(GetSecretValueCommand)
    .resolves({ ARN: SECRET_ARN, SecretString: JSON.stringify({ password: PASSWORD }) });
});

const createUser = call('cognito-identity-provider', 'AdminCreateUser', {
  UserPoolId: POOL,
  Username: 'e2e-tester',
  MessageAction: 'SUPPRESS',
});
const setPassword = call('cognito-identity-provider', 'AdminSetUserPassword', {
  UserPoolId: POOL,
  Username: 'e2e-tester',
  Password: `{{crkit:secretsmanager:${SECRET_ARN}#password}}`,
  Permanent: true,
});
const deleteUser = call(
  'cognito-identity-provider',
  'AdminDeleteUser',
  { UserPoolId: POOL, Username: 'e2e-tester' },
  { IgnoreErrors: ['UserNotFoundException'] },
);

describe('Custom::SdkCall', () => {
  it('makes the calls of a step in order, with booleans and numbers as written although CloudFormation sends strings', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 3 });
    secrets.on(DeleteSecretCommand).resolves({});

    const body = await harness.create({
      OnCreate: step(
        createUser,
        setPassword,
        call('ssm', 'PutParameter', { Name: '/app/mode', Value: 'on', Type: 'String', Overwrite: true }),
        call('secrets-manager', 'DeleteSecret', { SecretId: 'old', RecoveryWindowInDays: 7 }),
      ),
    });

    expect(body.Status).toBe('SUCCESS');
    expect(cognito.calls().map((made) => made.args[0].constructor.name)).toEqual([
      'AdminCreateUserCommand',
      'AdminSetUserPasswordCommand',
    ]);
    expect(cognito).toHaveReceivedCommandWith(AdminSetUserPasswordCommand, {
      Password: PASSWORD,
      Permanent: true,
    });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Overwrite: true });
    expect(secrets).toHaveReceivedCommandWith(DeleteSecretCommand, { RecoveryWindowInDays: 7 });
  });

  it('stops a step at the first failure, answering FAILED with the step, the call and the AWS error', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(awsError('ResourceNotFoundException', 'User pool us-east-1_Gone does not exist.'));

    const body = await harness.create({ OnCreate: step(createUser, setPassword) });

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain(
      'OnCreate call 1 of 2 (cognito-identity-provider AdminCreateUser) failed: ResourceNotFoundException: User pool us-east-1_Gone does not exist.',
    );
    expect(cognito).not.toHaveReceivedCommand(AdminSetUserPasswordCommand);
  });

  it('runs OnDelete before answering a create that failed part-way, so its earlier calls leave nothing', async () => {
    cognito.on(AdminSetUserPasswordCommand).rejects(awsError('InvalidPasswordException', 'too weak'));
    cognito.on(AdminDeleteUserCommand).resolves({});

    const body = await harness.create({
      OnCreate: step(createUser, setPassword),
      OnDelete: step(deleteUser),
    });

    expect(body.Status).toBe('FAILED');
    expect(cognito).toHaveReceivedCommandWith(AdminDeleteUserCommand, { Username: 'e2e-tester' });
  });

  it('answers FAILED naming a misspelt key instead of ignoring it', async () => {
    const body = await harness.create({
      OnCreate: JSON.stringify([{ ...JSON.parse(step(createUser))[0], Inputs: {} }]),
    });

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toMatch(/Inputs/);
    expect(cognito).not.toHaveReceivedAnyCommand();
  });

  it('answers a Delete SUCCESS when the call ignores its not-found error, and FAILED on any other error', async () => {
    cognito
      .on(AdminDeleteUserCommand)
      .rejectsOnce(awsError('UserNotFoundException', 'User does not exist.'))
      .rejects(awsError('TooManyRequestsException', 'Rate exceeded'));

    const gone = await harness.delete('e2e-tester', { OnDelete: step(deleteUser) });
    const throttled = await harness.delete('e2e-tester', { OnDelete: step(deleteUser) });

    expect(gone.Status).toBe('SUCCESS');
    expect(throttled.Status).toBe('FAILED');
    expect(throttled.Reason).toContain('AdminDeleteUser) failed: TooManyRequestsException: Rate exceeded');
  });

  it('never puts a value read from Secrets Manager into a Reason, even when AWS quotes it', async () => {
    cognito
      .on(AdminSetUserPasswordCommand)
      .rejects(
        awsError(
          'InvalidParameterException',
          `Value '${PASSWORD}' at 'password' failed to satisfy constraint`,
        ),
      );

    const body = await harness.create({ OnCreate: step(createUser, setPassword) });

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain("Value '[redacted]' at 'password'");
    expect(JSON.stringify(body)).not.toContain(PASSWORD);
    expect(harness.logged.join('\n')).not.toContain(PASSWORD);
  });

  it('shows only the error name of a Sensitive call, and answers its Data with NoEcho', async () => {
    cognito
      .on(AdminSetUserPasswordCommand)
      .rejectsOnce(awsError('InvalidPasswordException', 'Password hunter2 is too weak'));
    const sensitive = { ...setPassword, Sensitive: true };

    const failed = await harness.create({ OnCreate: step(createUser, sensitive) });
    const created = await harness.create({
      OnCreate: step(createUser, sensitive),
      OutputPaths: ['User.Username'],
    });

    expect(failed.Reason).toContain(
      'failed: InvalidPasswordException (message withheld: the call is Sensitive)',
    );
    expect(failed.Reason).not.toContain('hunter2');
    expect(created).toMatchObject({
      Status: 'SUCCESS',
      NoEcho: true,
      Data: { 'User.Username': 'e2e-tester' },
    });
  });

  it('reads an SSM parameter at run time, decrypted', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'from-ssm' } });
    ssm.on(PutParameterCommand).resolves({ Version: 1 });

    const body = await harness.create({
      OnCreate: step(
        call('ssm', 'PutParameter', { Name: '/copy', Value: '{{crkit:ssm:/app/source}}', Type: 'String' }),
      ),
    });

    expect(body.Status).toBe('SUCCESS');
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: '/app/source', WithDecryption: true });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Value: 'from-ssm' });
  });

  it('answers only the output fields the stack reads, lists included', async () => {
    cognito.on(AdminCreateUserCommand).resolves({
      User: {
        Username: 'e2e-tester',
        Attributes: [
          { Name: 'sub', Value: 'abc-123' },
          { Name: 'email', Value: 'e2e@example.com' },
        ],
        UserCreateDate: new Date('2026-11-30T00:00:00Z'),
      },
    });

    const body = await harness.create({
      OnCreate: step(createUser),
      OutputPaths: ['User.Attributes.1.Value', 'User.UserCreateDate'],
    });

    expect(body.Data).toEqual({
      'User.Attributes.1.Value': 'e2e@example.com',
      'User.UserCreateDate': '2026-11-30T00:00:00.000Z',
    });
  });

  it('fails a step that returns no field the stack reads, naming the path', async () => {
    const body = await harness.create({ OnCreate: step(createUser), OutputPaths: ['User.Nickname'] });

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain('OnCreate: no call returned "User.Nickname"');
  });
});

describe('Custom::SdkCall physical ids', () => {
  it("takes a literal, a field of the output, or crkit's deterministic default", async () => {
    const literal = await harness.create({
      OnCreate: step(createUser),
      PhysicalResourceId: { Id: 'user/e2e' },
    });
    const field = await harness.create({
      OnCreate: step(createUser),
      PhysicalResourceId: JSON.stringify({ ResponseField: 'User.Username' }),
    });
    const fallback = await harness.create({ OnCreate: step(createUser) });

    expect(literal.PhysicalResourceId).toBe('user/e2e');
    expect(field.PhysicalResourceId).toBe('e2e-tester');
    expect(fallback.PhysicalResourceId).toMatch(/^app-Resource-[0-9a-f]{16}$/);
  });

  it('keeps the id on an update with OnUpdate calls, and replaces the resource when there are none', async () => {
    const properties = { OnCreate: step(createUser), OnDelete: step(deleteUser) };

    const inPlace = await harness.update(
      'old-id',
      { ...properties, OnUpdate: step(setPassword) },
      properties,
    );
    const replaced = await harness.update('old-id', properties, { ...properties, OnDelete: step() });

    expect(inPlace).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'old-id' });
    expect(cognito).toHaveReceivedCommandTimes(AdminCreateUserCommand, 1);
    expect(replaced.Status).toBe('SUCCESS');
    expect(replaced.PhysicalResourceId).not.toBe('old-id');
  });
});
