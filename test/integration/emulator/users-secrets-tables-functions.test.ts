// Proves, against a real moto_server, each AWS behaviour the rest of crkit relies on, and pins the places where moto
// differs from AWS so that provider tests do not mistake a moto quirk for a provider bug.
// This file: Cognito, Secrets Manager, DynamoDB and Lambda.
import assert from 'node:assert/strict';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import type { LocalAws } from '../../../src/testing/local-aws.js';
import { unique, useEmulator } from './emulator.js';

const emulator = useEmulator();

describe('Cognito user pools', () => {
  async function pool() {
    const cognito = new CognitoIdentityProviderClient(emulator().clientConfig);
    const { UserPool } = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: unique('pool'),
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          },
        },
      }),
    );
    return { cognito, UserPoolId: UserPool?.Id };
  }

  it('creates a user without an invitation and confirms it with a permanent password', async () => {
    const { cognito, UserPoolId } = await pool();

    const created = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: 'alice',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
      }),
    );
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: 'alice',
        Password: 'Str0ng!Passw0rd',
        Permanent: true,
      }),
    );
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: 'alice' }));

    expect(UserPoolId).toMatch(/^us-east-1_/);
    expect(created.User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.Enabled).toBe(true);
  });

  it('rejects a password that breaks the pool policy with InvalidPasswordException', async () => {
    const { cognito, UserPoolId } = await pool();
    await cognito.send(
      new AdminCreateUserCommand({ UserPoolId, Username: 'bob', MessageAction: 'SUPPRESS' }),
    );

    const weak = cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId, Username: 'bob', Password: 'short', Permanent: true }),
    );

    await expect(weak).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('adds a user to a group, tolerates adding it twice and rejects a duplicate group', async () => {
    const { cognito, UserPoolId } = await pool();
    await cognito.send(
      new AdminCreateUserCommand({ UserPoolId, Username: 'carol', MessageAction: 'SUPPRESS' }),
    );
    await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins' }));

    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId, Username: 'carol', GroupName: 'admins' }),
    );
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId, Username: 'carol', GroupName: 'admins' }),
    );
    const { Groups } = await cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId, Username: 'carol' }),
    );

    expect(Groups?.map((g) => g.GroupName)).toEqual(['admins']);
    await expect(
      cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins' })),
    ).rejects.toMatchObject({
      name: 'GroupExistsException',
    });
  });

  it('answers UserNotFoundException to AdminDeleteUser of a missing user', async () => {
    const { cognito, UserPoolId } = await pool();

    // Each call is awaited before the next starts: a rejection nobody awaits yet counts as unhandled.
    await expect(
      cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: 'nobody' })),
    ).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      cognito.send(new AdminDeleteUserCommand({ UserPoolId: 'us-east-1_missing', Username: 'x' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('Secrets Manager', () => {
  it('creates, reads and force-deletes a secret', async () => {
    const secrets = new SecretsManagerClient(emulator().clientConfig);
    const Name = unique('app/db');

    const created = await secrets.send(new CreateSecretCommand({ Name, SecretString: '{"password":"p"}' }));
    const read = await secrets.send(new GetSecretValueCommand({ SecretId: Name }));
    await secrets.send(new DeleteSecretCommand({ SecretId: Name, ForceDeleteWithoutRecovery: true }));

    expect(created.ARN).toMatch(
      new RegExp(`^arn:aws:secretsmanager:us-east-1:${emulator().accountId}:secret:${Name}-\\w{6}$`),
    );
    expect(read.SecretString).toBe('{"password":"p"}');
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: Name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('answers ResourceNotFoundException when deleting a missing secret, unless ForceDeleteWithoutRecovery is set', async () => {
    const secrets = new SecretsManagerClient(emulator().clientConfig);
    const SecretId = unique('missing');

    const withRecovery = secrets.send(new DeleteSecretCommand({ SecretId }));
    await expect(withRecovery).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      $metadata: { httpStatusCode: 404 },
    });
    const forced = await secrets.send(
      new DeleteSecretCommand({ SecretId, ForceDeleteWithoutRecovery: true }),
    );

    // Like AWS, a forced delete of a missing secret succeeds (moto makes up an ARN for it).
    expect(forced.Name).toBe(SecretId);
  });
});

describe('DynamoDB', () => {
  it('rejects a second conditional PutItem with ConditionalCheckFailedException', async () => {
    const dynamodb = new DynamoDBClient(emulator().clientConfig);
    const TableName = unique('idempotency');
    await dynamodb.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    const put = () =>
      dynamodb.send(
        new PutItemCommand({
          TableName,
          Item: { id: { S: 'request-1' } },
          ConditionExpression: 'attribute_not_exists(id)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );

    await put();

    await expect(put()).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
      Item: { id: { S: 'request-1' } },
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('Lambda', () => {
  it('accepts an Event invocation without Docker (202) but never runs the function code', async () => {
    const lambda = new LambdaClient(emulator().clientConfig);
    const FunctionName = unique('provider');
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName,
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: await createIamRole(emulator(), unique('role')),
        Code: { ZipFile: new TextEncoder().encode('moto does not unpack the code unless Docker runs it') },
      }),
    );

    const invoked = await lambda.send(
      new InvokeCommand({ FunctionName, InvocationType: 'Event', Payload: new TextEncoder().encode('{}') }),
    );

    expect(invoked.StatusCode).toBe(202);
    // AWS returns an empty payload and no FunctionError for Event; moto reports its failed Docker call instead.
    expect(invoked.FunctionError).toBe('Handled');
    expect(new TextDecoder().decode(invoked.Payload)).toMatch(/^error running docker: /);
  });

  it('answers ResourceNotFoundException to an invocation of a missing function', async () => {
    const lambda = new LambdaClient(emulator().clientConfig);

    const invoking = lambda.send(
      new InvokeCommand({ FunctionName: unique('missing'), InvocationType: 'Event' }),
    );

    await expect(invoking).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

// CreateFunction needs the role to exist in moto's IAM, and no IAM client is installed; moto serves the IAM query API
// to any request whose Authorization header names the iam service, without checking the signature.
async function createIamRole(aws: LocalAws, RoleName: string): Promise<string> {
  const trust = {
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  };
  const response = await fetch(aws.endpoint, {
    method: 'POST',
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=${aws.credentials.accessKeyId}/20240101/${aws.region}/iam/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({
      Action: 'CreateRole',
      Version: '2010-05-08',
      RoleName,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', ...trust }),
    }),
  });
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(await response.text())?.[1];
  assert.ok(response.ok && arn, `iam:CreateRole answered ${response.status}`);
  return arn;
}
