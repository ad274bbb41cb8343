import { createRequire } from 'node:module';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SdkCallStack } from '../../examples/sdk-call-stack.js';
import { sdkCall } from '../../providers/sdk-call/cdk/sdk-call.js';
import { SdkCallResource } from '../../providers/sdk-call/cdk/sdk-call-resource.js';
import { iamActionOf } from '../../providers/sdk-call/iam-action.js';
import { SdkCallProperties } from '../../providers/sdk-call/properties.js';
import { testStack } from './fixtures/stacks.js';
import { wildcardActions } from './iam.js';

/** The example app's SdkCall stack (a CONFIRMED Cognito user from plain SDK calls), bundling skipped. */
const exampleStack = () =>
  new SdkCallStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'SdkCall', {
    env: { account: '111111111111', region: 'us-east-1' },
  });

/** The policies of the template with their actions, by logical id. */
function policyActions(template: Template): Record<string, string[]> {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.fromEntries(
    Object.entries(policies).map(([id, policy]) => [
      id,
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap(
        (s) => s.Action,
      ),
    ]),
  );
}

/** A step property rendered as CloudFormation would, every Ref and GetAtt replaced by a sample string. */
function renderStep(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return join[1].map((part) => (typeof part === 'string' ? part : 'us-east-1_Sample')).join(join[0]);
}

describe('SdkCallResource', () => {
  it('grants exactly the actions of its calls, and reading its secret, in a policy of its own', () => {
    const template = Template.fromStack(exampleStack());
    const own = Object.entries(policyActions(template)).filter(([id]) => id.startsWith('TesterPolicy'));

    expect(own).toHaveLength(1);
    expect(new Set(own[0]?.[1])).toEqual(
      new Set([
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminSetUserPassword',
        'cognito-idp:AdminDeleteUser',
        'secretsmanager:GetSecretValue',
      ]),
    );
    expect(wildcardActions(template)).toEqual([]);
  });

  it('depends on its policy, so a stack update or delete removes the policy only after the Delete is answered', () => {
    const template = Template.fromStack(exampleStack());
    const [policyId] = Object.keys(template.findResources('AWS::IAM::Policy')).filter((id) =>
      id.startsWith('TesterPolicy'),
    );
    const [resource] = Object.values(template.findResources('Custom::SdkCall'));

    expect(resource?.DependsOn).toContain(policyId);
  });

  it('writes each step as JSON text, so Permanent: true stays a boolean and only a reference to the password is in the template', () => {
    const template = Template.fromStack(exampleStack());
    const [resource] = Object.values(template.findResources('Custom::SdkCall'));
    const onCreate = SdkCallProperties.parse({
      OnCreate: renderStep(resource?.Properties.OnCreate),
    }).OnCreate;

    expect(onCreate?.[1]?.Input).toMatchObject({ Permanent: true, Username: 'smoke-tester' });
    expect(onCreate?.[1]?.Sensitive).toBe(true);
    expect(String(onCreate?.[1]?.Input.Password)).toMatch(/^\{\{crkit:secretsmanager:.+#password\}\}$/);
  });

  it('returns as Data exactly the fields the stack reads, asked for after construction too', () => {
    const stack = testStack();
    const zones = new SdkCallResource(stack, 'Zones', {
      onCreate: sdkCall(EC2Client, DescribeAvailabilityZonesCommand, { AllAvailabilityZones: false }),
      outputPaths: ['AvailabilityZones.0.ZoneName'],
    });

    const first = zones.getResponseField('AvailabilityZones.0.ZoneId');

    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::SdkCall', {
      OutputPaths: ['AvailabilityZones.0.ZoneName', 'AvailabilityZones.0.ZoneId'],
    });
    expect(stack.resolve(first)).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Zones/), 'AvailabilityZones.0.ZoneId'],
    });
  });

  it('serves every SdkCallResource of a stack from one provider function', () => {
    const stack = testStack();
    for (const name of ['A', 'B', 'C']) {
      new SdkCallResource(stack, name, {
        onCreate: sdkCall(SSMClient, PutParameterCommand, {
          Name: `/app/${name}`,
          Value: 'on',
          Type: 'String',
        }),
        onDelete: sdkCall(
          SSMClient,
          DeleteParameterCommand,
          { Name: `/app/${name}` },
          { ignoreErrors: ['ParameterNotFound'] },
        ),
      });
    }

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::SdkCall', 3);
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  it('grants only sts:AssumeRole on the role when a call runs as a role in another account', () => {
    const stack = testStack();
    const roleArn = 'arn:aws:iam::222222222222:role/parameters';
    new SdkCallResource(stack, 'Remote', {
      onCreate: sdkCall(
        SSMClient,
        PutParameterCommand,
        { Name: '/x', Value: 'y' },
        { roleArn, externalId: 'ext-1' },
      ),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Resource: roleArn }] },
    });
  });

  it('narrows a call to the resources given', () => {
    const stack = testStack();
    const arn = 'arn:aws:ssm:us-east-1:111111111111:parameter/app/mode';
    new SdkCallResource(stack, 'Mode', {
      onCreate: sdkCall(
        SSMClient,
        PutParameterCommand,
        { Name: '/app/mode', Value: 'on' },
        { resources: [arn] },
      ),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'ssm:PutParameter', Effect: 'Allow', Resource: arn }] },
    });
  });
});

describe('sdkCall', () => {
  it('finds the client package and IAM prefix of each client, and the package exists', () => {
    const require = createRequire(import.meta.url);
    const clients = [
      [CognitoIdentityProviderClient, 'cognito-identity-provider', 'cognito-idp'],
      [SecretsManagerClient, 'secrets-manager', 'secretsmanager'],
      [SSMClient, 'ssm', 'ssm'],
      [EC2Client, 'ec2', 'ec2'],
      [Route53Client, 'route-53', 'route53'],
      [DynamoDBClient, 'dynamodb', 'dynamodb'],
      [LambdaClient, 'lambda', 'lambda'],
      [S3Client, 's3', 's3'],
      [SNSClient, 'sns', 'sns'],
      [SQSClient, 'sqs', 'sqs'],
      [STSClient, 'sts', 'sts'],
    ] as const;

    for (const [Client, service, prefix] of clients) {
      const described = sdkCall(Client, DescribeAvailabilityZonesCommand, {});
      expect(described.spec.Service).toBe(service);
      expect(described.actions).toEqual([`${prefix}:DescribeAvailabilityZones`]);
      expect(() => require.resolve(`@aws-sdk/client-${service}`)).not.toThrow();
    }
  });

  it('uses the IAM prefix where it differs from the signing name (CloudWatch signs as monitoring)', () => {
    expect(iamActionOf('monitoring', 'PutMetricAlarm')).toBe('cloudwatch:PutMetricAlarm');
  });

  it.each([
    ['lambda', 'Invoke', 'lambda:InvokeFunction'],
    ['s3', 'ListObjectsV2', 's3:ListBucket'],
    ['s3', 'HeadObject', 's3:GetObject'],
    ['s3', 'HeadBucket', 's3:ListBucket'],
    ['sqs', 'SendMessageBatch', 'sqs:SendMessage'],
    ['sns', 'PublishBatch', 'sns:Publish'],
  ])('grants %s %s as the IAM action that authorizes it, %s', (service, action, iam) => {
    expect(iamActionOf(service, action)).toBe(iam);
  });
});
