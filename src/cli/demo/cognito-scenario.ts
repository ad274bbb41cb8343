import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createCognitoTestUserDefinition } from '../../../providers/cognito-test-user/index.js';
import { playLifecycle } from '../../testing/lifecycle.js';
import { type DemoContext, demoRecorder, differs, type ScenarioResult } from './scenario.js';

const STACK =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/crkit-demo-auth/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f';

/** A Cognito test user: created CONFIRMED, changed in place, replaced by renaming, deleted with its secret. */
export async function cognitoScenario({ aws, responses, io }: DemoContext): Promise<ScenarioResult> {
  const cognito = new CognitoIdentityProviderClient(aws.clientConfig);
  const secrets = new SecretsManagerClient(aws.clientConfig);
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: 'crkit-demo',
      Policies: { PasswordPolicy: { MinimumLength: 16, RequireSymbols: true, RequireNumbers: true } },
    }),
  );
  const UserPoolId = UserPool?.Id ?? '';
  for (const GroupName of ['testers', 'admins']) {
    await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName }));
  }
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId,
      ClientName: 'e2e',
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'],
    }),
  );
  io.out(`user pool ${UserPoolId} with groups testers and admins\n\n`);

  const user = async (Username: string) => {
    const found = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username }));
    const { Groups = [] } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username }));
    const email = found.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value;
    return { status: found.UserStatus, email, groups: Groups.map((group) => group.GroupName).sort() };
  };
  const gone = (Username: string) =>
    cognito.send(new AdminGetUserCommand({ UserPoolId, Username })).then(
      () => 'the user still exists',
      (error: Error) => (error.name === 'UserNotFoundException' ? undefined : error.name),
    );
  const secretGone = (SecretId: string) =>
    secrets.send(new GetSecretValueCommand({ SecretId })).then(
      () => 'the secret still exists',
      (error: Error) => (error.name === 'ResourceNotFoundException' ? undefined : error.name),
    );
  const signsIn = async (Username: string, SecretId: string) => {
    const secret = await secrets.send(new GetSecretValueCommand({ SecretId }));
    const { password = '' } = JSON.parse(secret.SecretString ?? '{}') as { password?: string };
    const auth = await cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId,
        ClientId: UserPoolClient?.ClientId ?? '',
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: Username, PASSWORD: password },
      }),
    );
    return auth.AuthenticationResult?.AccessToken ? undefined : 'no access token';
  };
  const { verifications, verify, progress } = demoRecorder(io);
  const secretArns: string[] = [];
  const v1 = {
    UserPoolId,
    Username: 'e2e-tester',
    Attributes: { email: 'e2e@example.com' },
    Groups: ['testers'],
  };
  const v2 = { ...v1, Attributes: { email: 'qa@example.com' }, Groups: ['testers', 'admins'] };
  const v3 = { ...v2, Username: 'e2e-tester-2' };

  const checks = async (action: string, replaced: boolean) => {
    const [first = '', second = ''] = secretArns;
    if (action === 'create') {
      await verify('e2e-tester is CONFIRMED in the user pool, in group testers', async () =>
        differs(await user('e2e-tester'), {
          status: 'CONFIRMED',
          email: 'e2e@example.com',
          groups: ['testers'],
        }),
      );
      await verify('it signs in with the password kept in Secrets Manager', () =>
        signsIn('e2e-tester', first),
      );
    } else if (action === 'update' && !replaced) {
      await verify('its email and groups were changed in place', async () =>
        differs(await user('e2e-tester'), {
          status: 'CONFIRMED',
          email: 'qa@example.com',
          groups: ['admins', 'testers'],
        }),
      );
    } else if (action === 'update') {
      await verify('e2e-tester-2 is CONFIRMED and signs in with its own secret', () =>
        signsIn('e2e-tester-2', second),
      );
    } else if (action === 'cleanup-delete') {
      await verify(
        'the replaced user e2e-tester and its secret are gone',
        async () => (await gone('e2e-tester')) ?? secretGone(first),
      );
    } else if (action === 'delete') {
      await verify(
        'e2e-tester-2 and its secret are gone',
        async () => (await gone('e2e-tester-2')) ?? secretGone(second),
      );
    }
  };

  const definition = createCognitoTestUserDefinition({ clients: { cognito, secretsManager: secrets } });
  const timeline = await playLifecycle(definition, {
    responses,
    stackId: STACK,
    logicalResourceId: 'TestUser',
    steps: [
      { create: v1 },
      { update: v2, expect: 'in-place' },
      { update: v3, expect: 'replacement' },
      'delete',
    ],
    onProgress: progress(({ entry }) => {
      if (entry.response?.Status !== 'SUCCESS') return undefined;
      const arn = entry.response.Data?.SecretArn;
      if (arn && !secretArns.includes(arn)) secretArns.push(arn);
      return checks(entry.action, entry.request.PhysicalResourceId !== entry.response.PhysicalResourceId);
    }),
  });
  return { title: 'Custom::CognitoTestUser', timelines: [timeline], verifications };
}
