import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { describe, expect, it } from 'vitest';
import { CognitoTestUser } from '../../providers/cognito-test-user/cdk/cognito-test-user.js';
import { testStack } from './fixtures/stacks.js';
import { wildcardActions } from './iam.js';

function poolStack() {
  const stack = testStack();
  return { stack, userPool: new UserPool(stack, 'Users') };
}

describe('CognitoTestUser', () => {
  it('creates the user through the shared provider, passing the properties the provider reads', () => {
    const { stack, userPool } = poolStack();

    new CognitoTestUser(stack, 'Tester', {
      userPool,
      username: 'e2e-tester',
      attributes: { email: 'e2e@example.com' },
      groups: ['testers'],
    });

    Template.fromStack(stack).hasResourceProperties('Custom::CognitoTestUser', {
      UserPoolId: { Ref: Match.stringLikeRegexp('Users') },
      Username: 'e2e-tester',
      Attributes: { email: 'e2e@example.com' },
      Groups: ['testers'],
      ServiceTimeout: '300',
    });
  });

  it('runs one provider function for every test user of the stack', () => {
    const { stack, userPool } = poolStack();

    for (const name of ['a', 'b', 'c']) new CognitoTestUser(stack, name, { userPool, username: name });

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::CognitoTestUser', 3);
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  it("grants the provider's own actions, none of them a wildcard", () => {
    const { stack, userPool } = poolStack();

    new CognitoTestUser(stack, 'Tester', { userPool, username: 'e2e-tester' });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser']),
          }),
          Match.objectLike({ Action: Match.arrayWith(['secretsmanager:CreateSecret']) }),
        ]),
      },
    });
    expect(wildcardActions(template)).toEqual([]);
  });

  it('grants the secrets actions on a chosen secret name prefix too', () => {
    const { stack, userPool } = poolStack();

    new CognitoTestUser(stack, 'Tester', { userPool, username: 'e2e-tester', secretNamePrefix: 'team/e2e/' });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret']),
            Resource: {
              'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':secret:team/e2e/\\*$')])],
            },
          }),
        ]),
      },
    });
  });

  it('exposes the secret ARN as a Fn::GetAtt of the resource', () => {
    const { stack, userPool } = poolStack();

    const tester = new CognitoTestUser(stack, 'Tester', { userPool, username: 'e2e-tester' });

    expect(stack.resolve(tester.secretArn)).toEqual({ 'Fn::GetAtt': ['Tester', 'SecretArn'] });
  });

  it('fails synth on a username Cognito would refuse', () => {
    const { stack, userPool } = poolStack();

    expect(() => new CognitoTestUser(stack, 'Tester', { userPool, username: 'has space' })).toThrow(
      /^Test\/Tester\/Default \(Custom::CognitoTestUser\): ResourceProperties\.Username: expected text matching .*, got "has space"$/,
    );
  });
});
