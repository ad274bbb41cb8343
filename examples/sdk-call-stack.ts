import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { SdkCallResource, SdkCallValue, sdkCall } from '../cdk/index.js';

/**
 * A CONFIRMED Cognito user from plain SDK calls, no handler code: AdminCreateUser, then AdminSetUserPassword with
 * the password read from Secrets Manager at deploy time (never in the template), deleted by AdminDeleteUser.
 */
export class SdkCallStack extends Stack {
  readonly tester: SdkCallResource;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Users', { removalPolicy: RemovalPolicy.DESTROY });
    const password = new Secret(this, 'TesterPassword', {
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'password', passwordLength: 32 },
    });
    const user = { UserPoolId: userPool.userPoolId, Username: 'smoke-tester' };

    this.tester = new SdkCallResource(this, 'Tester', {
      onCreate: [
        sdkCall(CognitoIdentityProviderClient, AdminCreateUserCommand, {
          ...user,
          MessageAction: 'SUPPRESS',
        }),
        sdkCall(
          CognitoIdentityProviderClient,
          AdminSetUserPasswordCommand,
          { ...user, Password: SdkCallValue.fromSecret(password, 'password'), Permanent: true },
          { sensitive: true },
        ),
      ],
      onDelete: sdkCall(CognitoIdentityProviderClient, AdminDeleteUserCommand, user, {
        ignoreErrors: ['UserNotFoundException'],
      }),
      physicalResourceId: { responseField: 'User.Username' },
    });

    new CfnOutput(this, 'TesterUsername', { value: this.tester.getResponseField('User.Username') });
    new CfnOutput(this, 'TesterPasswordSecretArn', { value: password.secretArn });
  }
}
