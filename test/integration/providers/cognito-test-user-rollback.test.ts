import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoTestUserDefinition } from '../../../providers/cognito-test-user/index.js';
import { playLifecycle } from '../../../src/testing/lifecycle.js';
import type { LocalAws } from '../../../src/testing/local-aws.js';
import { emulatorAccount } from '../emulator/emulator.js';

let aws: LocalAws;
beforeAll(async () => {
  aws = await emulatorAccount();
});
afterAll(() => aws?.stop());

describe('cognito-test-user rollbacks, against the emulator', () => {
  it('rolls back a failed replacement to the user it already has', async () => {
    const cognito = new CognitoIdentityProviderClient(aws.clientConfig);
    const secretsManager = new SecretsManagerClient(aws.clientConfig);
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'crkit-rollback' }));
    const UserPoolId = UserPool?.Id ?? '';
    const alice = { UserPoolId, Username: 'alice', Attributes: { email: 'alice@example.com' } };

    const timeline = await playLifecycle(
      createCognitoTestUserDefinition({ clients: { cognito, secretsManager } }),
      {
        steps: [
          { create: alice },
          // A group that does not exist fails the replacing create of bob; CloudFormation then rolls back to alice.
          { update: { ...alice, Username: 'bob', Groups: ['no-such-group'] }, expect: 'failure' },
          {
            update: { ...alice, Attributes: { email: 'alice@example.org' } },
            expect: 'in-place',
          },
          'delete',
        ],
      },
    );

    expect(timeline.entries.map((entry) => `${entry.action} ${entry.response?.Status}`)).toEqual([
      'create SUCCESS',
      'update FAILED',
      'rollback-update SUCCESS',
      'update SUCCESS',
      'delete SUCCESS',
    ]);
    expect(timeline.problems).toEqual([]);
    const [created, , rolledBack] = timeline.entries;
    expect(rolledBack?.response?.PhysicalResourceId).toBe(created?.response?.PhysicalResourceId);
    const { Users = [] } = await cognito.send(new ListUsersCommand({ UserPoolId }));
    expect(Users).toEqual([]);
    await expect(cognito.send(new AdminGetUserCommand({ UserPoolId, Username: 'bob' }))).rejects.toThrow();
  });
});
