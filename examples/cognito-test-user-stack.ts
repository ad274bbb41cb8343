import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnUserPoolGroup, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { CognitoTestUser } from '../cdk/index.js';

/** A user pool with a confirmed test user whose credentials sit in a secret, its ARN a stack output. */
export class CognitoTestUserStack extends Stack {
  readonly testUser: CognitoTestUser;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Users', {
      signInAliases: { email: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const testers = new CfnUserPoolGroup(this, 'Testers', {
      userPoolId: userPool.userPoolId,
      groupName: 'testers',
    });

    this.testUser = new CognitoTestUser(this, 'TestUser', {
      userPool,
      username: 'e2e-tester@example.com',
      attributes: { email: 'e2e-tester@example.com', email_verified: 'true' },
      groups: ['testers'],
    });
    // The provider adds the user to the group, which must exist first.
    this.testUser.node.addDependency(testers);

    new CfnOutput(this, 'TestUserSecretArn', {
      value: this.testUser.secretArn,
      description: 'Secrets Manager secret holding {"username", "password", "userPoolId"} of the test user',
    });
  }
}
