import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createCognitoTestUserDefinition } from '../../../providers/cognito-test-user/index.js';
import type { ResponseBody } from '../../../src/core/fit-response.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { startResponseCapture } from '../../../src/testing/response-capture.js';

/** Shared arrangement of the cognito-test-user unit tests: mocked SDK clients and a loopback response capture. */
export const POOL = 'us-east-1_AbC123';
export const RESOURCE_TYPE = 'Custom::CognitoTestUser';
export const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/app/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f';

export const cognito = mockClient(CognitoIdentityProviderClient);
export const secrets = mockClient(SecretsManagerClient);

export const arnOf = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;

/** An AWS SDK style error: what the SDK throws for a service exception of that name. */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/** Every call succeeds; the pool requires a 12-character password with all four character classes. */
export function arrangeHappyPath(): void {
  cognito.reset();
  secrets.reset();
  cognito.on(DescribeUserPoolCommand).resolves({
    UserPool: {
      Id: POOL,
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    },
  });
  for (const command of [
    AdminCreateUserCommand,
    AdminSetUserPasswordCommand,
    AdminAddUserToGroupCommand,
    AdminRemoveUserFromGroupCommand,
    AdminUpdateUserAttributesCommand,
    AdminDeleteUserAttributesCommand,
    AdminDeleteUserCommand,
  ] as const) {
    // biome-ignore lint/suspicious/noExplicitAny: each command's output is empty or irrelevant here.
    cognito.on(command as any).resolves({});
  }
  secrets
    .on(CreateSecretCommand)
    .callsFake((input: { Name: string }) => ({ ARN: arnOf(input.Name), Name: input.Name }));
  secrets.on(DeleteSecretCommand).resolves({});
}

/** The secret an earlier try stored, as GetSecretValue returns it. */
export function arrangeStoredSecret(name: string, password: string, username = 'alice'): void {
  secrets.on(GetSecretValueCommand).resolves({
    ARN: arnOf(name),
    Name: name,
    SecretString: JSON.stringify({ username, password, userPoolId: POOL }),
  });
}

/** The JSON the provider stored with CreateSecret (the n-th call). */
export function storedCredentials(n = 0): { username: string; password: string; userPoolId: string } {
  const input = secrets.commandCalls(CreateSecretCommand)[n]?.args[0].input;
  return JSON.parse(input?.SecretString ?? 'null');
}

/** A handler over the mocked clients, answering to a loopback capture; `send` returns the PUT body. */
export async function startHarness() {
  const capture = await startResponseCapture();
  const definition = createCognitoTestUserDefinition({
    clients: {
      cognito: new CognitoIdentityProviderClient({ region: 'us-east-1' }),
      secretsManager: new SecretsManagerClient({ region: 'us-east-1' }),
    },
  });
  const handler = lambdaHandler(definition, {
    allowedResponseOrigins: [capture.origin],
    retry: { attempts: 1 },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  return {
    capture,
    async send(event: { ResponseURL: string }): Promise<ResponseBody> {
      await handler(event);
      const response = capture.responseFor(event.ResponseURL);
      if (!response) throw new Error('the provider sent no response');
      return response.body;
    },
  };
}
