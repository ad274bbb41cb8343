import { ArnFormat, type Duration, Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { checkOptions, type OptionsShape } from 'crkit/advanced';
import { CrkitProvider, CrkitResource, providerStatements } from 'crkit/cdk';
import * as z from 'zod';
import { lazySchema } from '../../cdk/props.js';
import { anObject, checkedWhereUsed } from '../../options.js';
import { providerEntry } from '../../provider-entry.js';
import { policyStatements } from '../permissions.js';
import type { CognitoTestUserData } from '../properties.js';
import { CognitoTestUserProperties } from '../properties.js';

/** What {@link CognitoTestUser} takes. */
export interface CognitoTestUserProps {
  /** The user pool the user lives in; a change replaces the user. */
  readonly userPool: IUserPool;
  /** The user's name; a change replaces the user. */
  readonly username: string;
  /** User attributes, name to value, e.g. `{ email: 'e2e@example.com', email_verified: 'true' }`. @default none */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Groups the user belongs to; they must exist (`tester.node.addDependency(group)`). @default none */
  readonly groups?: readonly string[];
  /** Start of the name of the secret holding the credentials. @default 'crkit/cognito-test-user/' */
  readonly secretNamePrefix?: string;
  /** Also return the password as the `Password` attribute, with NoEcho. @default false */
  readonly returnPassword?: boolean;
  /** How long CloudFormation waits for the provider. @default Duration.seconds(300) */
  readonly serviceTimeout?: Duration;
}

const PROVIDER_ID = 'crkit.cognito-test-user';

// The user's own values go into ResourceProperties, checked there by the provider's schema.
const testUserProps = lazySchema(() =>
  z.strictObject({
    userPool: anObject('a user pool'),
    username: checkedWhereUsed(),
    attributes: checkedWhereUsed(),
    groups: checkedWhereUsed(),
    secretNamePrefix: checkedWhereUsed(),
    returnPassword: checkedWhereUsed(),
    serviceTimeout: checkedWhereUsed(),
  } satisfies OptionsShape<CognitoTestUserProps>),
);

/** The provider's own statements, its secrets actions also granted on a chosen `secretNamePrefix`. */
function statementsFor(scope: Construct, props: CognitoTestUserProps): PolicyStatement[] {
  const statements = providerStatements(policyStatements);
  const prefix = props.secretNamePrefix;
  if (prefix === undefined) return statements;
  const secrets = policyStatements.flatMap((statement) =>
    statement.actions.filter((action) => action.startsWith('secretsmanager:')),
  );
  const arn = Stack.of(scope).formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: `${prefix}*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  return [...statements, new PolicyStatement({ actions: secrets, resources: [arn] })];
}

/**
 * A confirmed Cognito user with a generated password, kept in a Secrets Manager secret (for end-to-end tests),
 * served by crkit's cognito-test-user provider (one function per stack).
 *
 * @example
 * ```ts
 * import { App, CfnOutput, Stack } from 'aws-cdk-lib';
 * import { UserPool } from 'aws-cdk-lib/aws-cognito';
 * import { CognitoTestUser } from 'crkit/cdk';
 *
 * const stack = new Stack(new App(), 'Auth');
 * const userPool = new UserPool(stack, 'Users');
 * const tester = new CognitoTestUser(stack, 'Tester', { userPool, username: 'e2e-tester' });
 * new CfnOutput(stack, 'TesterSecretArn', { value: tester.secretArn });
 * ```
 */
export class CognitoTestUser extends Construct {
  readonly resource: CrkitResource<typeof CognitoTestUserProperties, CognitoTestUserData>;
  readonly provider: CrkitProvider;
  /** The ARN of the secret holding `{"username", "password", "userPoolId"}`. */
  readonly secretArn: string;
  /** The secret, for grants such as `secret.grantRead(testRunner)`. */
  readonly secret: ISecret;
  /** The user's name, as the provider answered it. */
  readonly username: string;

  constructor(scope: Construct, id: string, props: CognitoTestUserProps) {
    super(scope, id);
    checkOptions(testUserProps(), props);
    this.provider = CrkitProvider.getOrCreate(this, {
      providerId: PROVIDER_ID,
      entry: providerEntry('cognito-test-user'),
      statements: statementsFor(this, props),
    });
    this.resource = new CrkitResource<typeof CognitoTestUserProperties, CognitoTestUserData>(
      this,
      'Default',
      {
        definition: { resourceType: 'Custom::CognitoTestUser', properties: CognitoTestUserProperties },
        provider: this.provider,
        properties: {
          UserPoolId: props.userPool.userPoolId,
          Username: props.username,
          ...(props.attributes === undefined ? {} : { Attributes: { ...props.attributes } }),
          ...(props.groups === undefined ? {} : { Groups: [...props.groups] }),
          ...(props.secretNamePrefix === undefined ? {} : { SecretNamePrefix: props.secretNamePrefix }),
          ...(props.returnPassword === undefined ? {} : { ReturnPassword: props.returnPassword }),
        },
        ...(props.serviceTimeout === undefined ? {} : { serviceTimeout: props.serviceTimeout }),
      },
    );
    this.secretArn = this.resource.getAttString('SecretArn');
    this.username = this.resource.getAttString('Username');
    this.secret = Secret.fromSecretCompleteArn(this, 'Secret', this.secretArn);
  }

  /** The password, as a NoEcho attribute; only with `returnPassword: true`. Prefer reading the secret. */
  get password(): string {
    return this.resource.getAttString('Password');
  }
}
