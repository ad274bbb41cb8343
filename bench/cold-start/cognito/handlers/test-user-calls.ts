// What a careful hand-written Cognito test-user provider does, with the AWS SDK the Lambda runtime provides (the
// client packages stay external, as CDK's NodejsFunction leaves `@aws-sdk/*`) and nothing else.
import { randomBytes } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The properties both hand-written handlers read. */
export interface TestUserProperties {
  readonly UserPoolId: string;
  readonly Username: string;
}

// Made at load time, as most hand-written handlers do; the region and endpoint come from the environment.
const cognito = new CognitoIdentityProviderClient({});
let secrets: SecretsManagerClient | undefined;

// 24 random characters and one of each class Cognito's default policy asks for (upper, lower, digit, symbol).
const password = () => `${randomBytes(18).toString('base64url')}Aa1!`;

/** AdminCreateUser (no message sent) and AdminSetUserPassword (permanent): the user is CONFIRMED. */
export async function createConfirmedUser(
  props: TestUserProperties,
  userPassword = password(),
): Promise<void> {
  const ids = { UserPoolId: props.UserPoolId, Username: props.Username };
  await cognito.send(new AdminCreateUserCommand({ ...ids, MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ ...ids, Password: userPassword, Permanent: true }));
}

/**
 * The same calls as crkit's provider: DescribeUserPool (its password policy), CreateSecret (the credentials),
 * AdminCreateUser and AdminSetUserPassword. Returns the secret's ARN.
 */
export async function createTestUser(props: TestUserProperties): Promise<string> {
  await cognito.send(new DescribeUserPoolCommand({ UserPoolId: props.UserPoolId }));
  const userPassword = password();
  secrets ??= new SecretsManagerClient({});
  const { ARN } = await secrets.send(
    new CreateSecretCommand({
      Name: `bench/${props.UserPoolId}/${props.Username}`,
      SecretString: JSON.stringify({ ...props, password: userPassword }),
    }),
  );
  await createConfirmedUser(props, userPassword);
  return ARN ?? '';
}
