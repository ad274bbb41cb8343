import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  DeleteParameterCommand,
  GetParameterCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { type SdkCallDescription, SdkCallValue, sdkCall } from '../../../cdk/index.js';
import { createSdkCallDefinition } from '../../../providers/sdk-call/index.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { checkContract } from '../../../src/testing/contract.js';
import { deleteEvent } from '../../../src/testing/events.js';
import { playLifecycle } from '../../../src/testing/lifecycle.js';
import { startResponseCapture } from '../../../src/testing/response-capture.js';
import { unique, useEmulator } from '../emulator/emulator.js';

const emulator = useEmulator();

/** A step as the SdkCallResource construct writes it: the calls' specs as JSON text. */
const step = (...calls: SdkCallDescription[]) => JSON.stringify(calls.map((call) => call.spec));
const definition = () => createSdkCallDefinition({ clientConfig: emulator().clientConfig });

/** CloudFormation's Delete sent once more for a resource already deleted (a retried stack delete). */
async function deleteAgain(physicalResourceId: string, properties: Record<string, unknown>) {
  const capture = await startResponseCapture();
  try {
    const event = deleteEvent({
      resourceType: 'Custom::SdkCall',
      responseUrl: capture.responseUrl(),
      physicalResourceId,
      properties,
    });
    await lambdaHandler(definition(), { allowedResponseOrigins: [capture.origin] })(event);
    return capture.responseFor(event.ResponseURL)?.body;
  } finally {
    await capture.close();
  }
}
const statuses = (timeline: Awaited<ReturnType<typeof playLifecycle>>) =>
  timeline.entries.map((entry) => `${entry.action} ${entry.response?.Status}`);

describe('Custom::SdkCall against the emulator', () => {
  it('makes a CONFIRMED Cognito test user in one resource, its password read from Secrets Manager, and deletes it twice', async () => {
    const { clientConfig } = emulator();
    const cognito = new CognitoIdentityProviderClient(clientConfig);
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: unique('sdk-call') }));
    const UserPoolId = UserPool?.Id ?? '';
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId,
        ClientName: 'e2e',
        ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'],
      }),
    );
    const password = `Pw-${unique('x')}-Aa1!`;
    const { ARN } = await new SecretsManagerClient(clientConfig).send(
      new CreateSecretCommand({ Name: unique('tester'), SecretString: JSON.stringify({ password }) }),
    );
    const user = { UserPoolId, Username: 'e2e-tester' };
    const properties = {
      OnCreate: step(
        sdkCall(CognitoIdentityProviderClient, AdminCreateUserCommand, {
          ...user,
          MessageAction: 'SUPPRESS',
        }),
        sdkCall(
          CognitoIdentityProviderClient,
          AdminSetUserPasswordCommand,
          { ...user, Password: SdkCallValue.fromSecret(ARN ?? '', 'password'), Permanent: true },
          { sensitive: true },
        ),
      ),
      OnDelete: step(
        sdkCall(CognitoIdentityProviderClient, AdminDeleteUserCommand, user, {
          ignoreErrors: ['UserNotFoundException'],
        }),
      ),
      PhysicalResourceId: { ResponseField: 'User.Username' },
      OutputPaths: ['User.Username'],
    };
    let status: string | undefined;
    let signedIn = false;

    const timeline = await playLifecycle(definition(), {
      steps: [{ create: properties }, 'delete'],
      onProgress: async (progress) => {
        if (progress.kind !== 'finished' || progress.entry.action !== 'create') return;
        status = (await cognito.send(new AdminGetUserCommand(user))).UserStatus;
        const auth = await cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId,
            ClientId: UserPoolClient?.ClientId ?? '',
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: user.Username, PASSWORD: password },
          }),
        );
        signedIn = auth.AuthenticationResult?.AccessToken !== undefined;
      },
    });

    const again = await deleteAgain('e2e-tester', properties);

    expect(statuses(timeline)).toEqual(['create SUCCESS', 'delete SUCCESS']);
    expect(again?.Status).toBe('SUCCESS');
    expect(timeline.problems).toEqual([]);
    expect(timeline.entries[0]?.response).toMatchObject({ PhysicalResourceId: 'e2e-tester', NoEcho: true });
    expect(status).toBe('CONFIRMED');
    expect(signedIn).toBe(true);
    await expect(cognito.send(new AdminGetUserCommand(user))).rejects.toThrow(/User does not exist/);
    expect(JSON.stringify(timeline)).not.toContain(password);
  });

  it('manages an SSM parameter: create, update in place with Overwrite: true, delete, delete again', async () => {
    const ssm = new SSMClient(emulator().clientConfig);
    const Name = `/crkit/${unique('mode')}`;
    const put = (Value: string) =>
      step(sdkCall(SSMClient, PutParameterCommand, { Name, Value, Type: 'String', Overwrite: true }));
    const common = {
      OnDelete: step(
        sdkCall(SSMClient, DeleteParameterCommand, { Name }, { ignoreErrors: ['ParameterNotFound'] }),
      ),
      PhysicalResourceId: { Id: Name },
      OutputPaths: ['Version'],
    };
    const values: string[] = [];

    const timeline = await playLifecycle(definition(), {
      steps: [
        { create: { ...common, OnCreate: put('on') } },
        { update: { ...common, OnCreate: put('on'), OnUpdate: put('off') }, expect: 'in-place' },
        'delete',
      ],
      onProgress: async (progress) => {
        if (progress.kind !== 'finished' || progress.entry.action === 'delete') return;
        values.push((await ssm.send(new GetParameterCommand({ Name }))).Parameter?.Value ?? '');
      },
    });

    const again = await deleteAgain(Name, common);

    expect(statuses(timeline)).toEqual(['create SUCCESS', 'update SUCCESS', 'delete SUCCESS']);
    expect(again?.Status).toBe('SUCCESS');
    expect(timeline.problems).toEqual([]);
    expect(values).toEqual(['on', 'off']);
    expect(timeline.entries.map((entry) => entry.response?.Data?.Version)).toEqual(['1', '2', undefined]);
    await expect(ssm.send(new GetParameterCommand({ Name }))).rejects.toThrow();
  });

  it('answers FAILED naming the AWS error when the user pool is missing, and the rollback Delete SUCCESS', async () => {
    const user = { UserPoolId: 'us-east-1_Missing1', Username: 'nobody' };
    const timeline = await playLifecycle(definition(), {
      steps: [
        {
          create: {
            OnCreate: step(sdkCall(CognitoIdentityProviderClient, AdminCreateUserCommand, user)),
            OnDelete: step(sdkCall(CognitoIdentityProviderClient, AdminDeleteUserCommand, user)),
          },
          expect: 'failure',
        },
      ],
    });

    expect(statuses(timeline)).toEqual(['create FAILED', 'rollback-delete SUCCESS']);
    expect(timeline.entries[0]?.response?.Reason).toMatch(
      /OnCreate call 1 of 1 \(cognito-identity-provider AdminCreateUser\) failed: ResourceNotFoundException/,
    );
    expect(timeline.problems).toEqual([]);
  });

  it('reads one field of a large output, the response well under 4,096 bytes', async () => {
    const all = await new EC2Client(emulator().clientConfig).send(new DescribeAvailabilityZonesCommand({}));
    const timeline = await playLifecycle(definition(), {
      steps: [
        {
          create: {
            OnCreate: step(sdkCall(EC2Client, DescribeAvailabilityZonesCommand, {})),
            OutputPaths: ['AvailabilityZones.0.ZoneId'],
          },
        },
        'delete',
      ],
    });

    const [created] = timeline.entries;
    expect(created?.response?.Data).toEqual({
      'AvailabilityZones.0.ZoneId': all.AvailabilityZones?.[0]?.ZoneId,
    });
    expect(created?.bytes).toBeLessThan(1024);
    expect(JSON.stringify(all).length).toBeGreaterThan(2 * (created?.bytes ?? 0));
    expect(timeline.problems).toEqual([]);
  });

  it('keeps the contract crkit/testing checks: duplicate create, update, replacement, deletes, sizes, no URL leak', async () => {
    const ssm = new SSMClient(emulator().clientConfig);
    const parameter = (Name: string) => ({
      OnCreate: step(
        sdkCall(SSMClient, PutParameterCommand, { Name, Value: 'a', Type: 'String', Overwrite: true }),
      ),
      OnDelete: step(
        sdkCall(SSMClient, DeleteParameterCommand, { Name }, { ignoreErrors: ['ParameterNotFound'] }),
      ),
      PhysicalResourceId: { Id: Name },
    });
    const first = `/crkit/${unique('contract')}`;
    const second = `/crkit/${unique('contract')}`;

    const report = await checkContract(definition(), {
      properties: parameter(first),
      update: {
        ...parameter(first),
        OnUpdate: step(sdkCall(SSMClient, PutParameterCommand, { Name: first, Value: 'b', Overwrite: true })),
      },
      replacement: parameter(second),
      invalidProperties: { OnCreate: 'not JSON' },
    });

    expect(report.violations).toEqual([]);
    for (const Name of [first, second])
      await expect(ssm.send(new GetParameterCommand({ Name }))).rejects.toThrow();
  });
});
