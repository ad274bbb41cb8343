import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { App, Stack } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { describe, expectTypeOf, it } from 'vitest';
import { type CommandInput, type SdkCallDescription, sdkCall } from '../../cdk/index.js';

const stack = new Stack(new App(), 'Types');
const userPool = new UserPool(stack, 'Users');

describe('sdkCall', () => {
  it('takes the command input type, with CDK tokens where the values are strings', () => {
    expectTypeOf<CommandInput<typeof AdminSetUserPasswordCommand>>().toHaveProperty('Permanent');
    expectTypeOf(
      sdkCall(CognitoIdentityProviderClient, AdminSetUserPasswordCommand, {
        UserPoolId: userPool.userPoolId,
        Username: 'e2e-tester',
        Password: 'from-a-secret',
        Permanent: true,
      }),
    ).toEqualTypeOf<SdkCallDescription>();
  });

  it('accepts a command whose input is all optional, with or without fields', () => {
    sdkCall(EC2Client, DescribeAvailabilityZonesCommand, {});
    sdkCall(EC2Client, DescribeAvailabilityZonesCommand, { AllAvailabilityZones: true });
  });

  it('rejects a misspelt field and a wrong type at compile time', () => {
    sdkCall(CognitoIdentityProviderClient, AdminCreateUserCommand, {
      UserPoolId: 'p',
      Username: 'u',
      // @ts-expect-error a misspelt field does not compile
      MesageAction: 'SUPPRESS',
    });
    sdkCall(CognitoIdentityProviderClient, AdminSetUserPasswordCommand, {
      UserPoolId: 'p',
      Username: 'u',
      Password: 'x',
      // @ts-expect-error Permanent is a boolean, not text
      Permanent: 'true',
    });
    // @ts-expect-error a required field is missing
    sdkCall(CognitoIdentityProviderClient, AdminCreateUserCommand, { UserPoolId: 'p' });
  });
});
