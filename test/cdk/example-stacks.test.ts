import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AzVpcStack } from '../../examples/az-vpc-stack.js';
import { CognitoTestUserStack } from '../../examples/cognito-test-user-stack.js';
import { ApplicationDnsStack, DnsAccountStack } from '../../examples/dns-stacks.js';
import { ENVIRONMENTS } from '../../examples/environments.js';
import { wildcardActions } from './iam.js';

/** The example stacks' wiring; bundling is skipped here and covered by the example app's synth test. */
const app = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

describe('the Cognito test user example', () => {
  const stack = new CognitoTestUserStack(app(), 'Cognito', { env: ENVIRONMENTS.application });
  const template = Template.fromStack(stack);

  it('outputs the ARN of the secret holding the test user credentials', () => {
    template.hasOutput('TestUserSecretArn', { Value: { 'Fn::GetAtt': ['TestUser', 'SecretArn'] } });
  });

  it('creates the user in the pool after its group, and deletes it before the provider', () => {
    const ids = (type: string) => Object.keys(template.findResources(type));
    const user = template.findResources('Custom::CognitoTestUser').TestUser;

    expect(user?.Properties).toMatchObject({
      UserPoolId: { Ref: ids('AWS::Cognito::UserPool')[0] },
      Groups: ['testers'],
    });
    expect(user?.DependsOn).toEqual(
      expect.arrayContaining([
        ...ids('AWS::Cognito::UserPoolGroup'),
        ...ids('AWS::Lambda::Function'),
        ...ids('AWS::IAM::Role'),
        ...ids('AWS::IAM::Policy'),
      ]),
    );
    expect(wildcardActions(template)).toEqual([]);
  });
});

describe('the VPC placed by zone id', () => {
  const stack = new AzVpcStack(app(), 'Vpc', {
    env: ENVIRONMENTS.application,
    zoneIds: ['use1-az1', 'use1-az2'],
  });
  const template = Template.fromStack(stack);

  it('places each subnet in the zone the mapping names for its zone id, at deploy time', () => {
    template.hasResourceProperties('Custom::AzIdMapping', { ZoneIds: ['use1-az1', 'use1-az2'] });
    for (const index of [0, 1]) {
      template.hasResourceProperties('AWS::EC2::Subnet', {
        AvailabilityZone: {
          'Fn::Select': [index, { 'Fn::Split': [',', { 'Fn::GetAtt': ['Zones', 'ZoneNames'] }] }],
        },
        VpcId: { Ref: 'Vpc' },
      });
    }
    template.resourceCountIs('AWS::EC2::Subnet', 2);
  });

  it('knows no zone name at synth time', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/us-east-1[a-f]\b|Fn::GetAZs/);
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x' });
    template.hasResource('Custom::AzIdMapping', {
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('Function')]),
    });
  });
});

describe('the DNS account and an application account', () => {
  const allowlist = { [ENVIRONMENTS.application.account]: ['app1.example.com'] };
  const dns = Template.fromStack(
    new DnsAccountStack(app(), 'Dns', { env: ENVIRONMENTS.dns, zoneName: 'example.com', allowlist }),
  );
  const application = Template.fromStack(
    new ApplicationDnsStack(app(), 'App', {
      env: ENVIRONMENTS.application,
      dnsAccount: ENVIRONMENTS.dns,
      zoneName: 'example.com',
    }),
  );

  it('lets only the application account publish to the DNS account topic', () => {
    dns.resourceCountIs('AWS::Route53::HostedZone', 1);
    dns.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sns:Publish',
            Principal: {
              AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] },
            },
          }),
        ],
      },
    });
    expect(wildcardActions(dns)).toEqual([]);
  });

  it('sends the record request to the topic named in the DNS account, with no function of its own', () => {
    application.hasResourceProperties('Custom::CrossAccountDnsRecord', {
      ServiceToken: {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':sns:us-east-1:222222222222:crkit-cross-account-dns-record'],
        ],
      },
      Name: 'app1.example.com',
      HostedZoneName: 'example.com',
    });
    dns.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'crkit-cross-account-dns-record' });
    application.resourceCountIs('AWS::Lambda::Function', 0);
  });
});
