import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PublicHostedZone } from 'aws-cdk-lib/aws-route53';
import { describe, expect, it } from 'vitest';
import { CrossAccountDnsRecord } from '../../providers/cross-account-dns-record/cdk/cross-account-dns-record.js';
import { CrossAccountDnsRecordProvider } from '../../providers/cross-account-dns-record/cdk/cross-account-dns-record-provider.js';
import { testStack } from './fixtures/stacks.js';
import { wildcardActions } from './iam.js';

const ROLE = 'arn:aws:iam::222222222222:role/dns-records';

function dnsAccount(allowlist: Record<string, string[]> = { '111111111111': ['app1.example.com'] }) {
  const stack = testStack('Dns');
  const zone = new PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
  const records = new CrossAccountDnsRecordProvider(stack, 'Records', { allowlist, hostedZones: [zone] });
  return { stack, records, template: () => Template.fromStack(stack) };
}

describe('CrossAccountDnsRecordProvider', () => {
  it('serves the SQS handler behind a topic only the allowlisted accounts may publish to', () => {
    const template = dnsAccount({
      '111111111111': ['app1.example.com'],
      '333333333333': ['app3.example.com'],
    }).template();

    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'crkit-cross-account-dns-record' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.queueHandler',
      Environment: {
        Variables: Match.objectLike({
          CRKIT_DNS_ALLOWLIST: '{"111111111111":["app1.example.com"],"333333333333":["app3.example.com"]}',
          CRKIT_IDEMPOTENCY_TABLE: Match.anyValue(),
        }),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sns:Publish',
            Principal: {
              AWS: [
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] },
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::333333333333:root']] },
              ],
            },
          }),
        ],
      },
    });
  });

  it('may change records in the given zones only, with no wildcard action', () => {
    const template = dnsAccount().template();

    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':route53:::hostedzone/',
                  { Ref: Match.stringLikeRegexp('Zone') },
                ],
              ],
            },
          },
        ]),
      },
    });
    expect(wildcardActions(template)).toEqual([]);
  });

  it('refuses an allowlist the provider could not read, naming the option', () => {
    expect(() => dnsAccount({ '1111': ['app1.example.com'] })).toThrow(
      /^allowlist: expected 12-digit account ids/,
    );
  });

  it('builds the service token application stacks use from the account, region and topic name', () => {
    const { stack } = dnsAccount();

    expect(
      stack.resolve(
        CrossAccountDnsRecordProvider.serviceTokenFor({ account: '222222222222', region: 'eu-west-1' }),
      ),
    ).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':sns:eu-west-1:222222222222:crkit-cross-account-dns-record'],
      ],
    });
  });
});

describe('CrossAccountDnsRecord', () => {
  it('asks the DNS account provider, by its topic, for the record', () => {
    const stack = testStack('App');

    new CrossAccountDnsRecord(stack, 'Record', {
      provider: { serviceToken: 'arn:aws:sns:us-east-1:222222222222:crkit-cross-account-dns-record' },
      hostedZoneName: 'example.com',
      recordName: 'app1.example.com',
      recordType: 'A',
      values: ['192.0.2.10'],
      ttl: Duration.minutes(1),
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CrossAccountDnsRecord', {
      ServiceToken: 'arn:aws:sns:us-east-1:222222222222:crkit-cross-account-dns-record',
      HostedZoneName: 'example.com',
      Name: 'app1.example.com',
      Type: 'A',
      TTL: 60,
      ResourceRecords: ['192.0.2.10'],
    });
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('assumes the DNS account role from one function in this stack when given a role', () => {
    const stack = testStack('App');

    for (const name of ['a', 'b']) {
      new CrossAccountDnsRecord(stack, name, {
        role: { roleArn: ROLE, externalId: 'app1-dns' },
        hostedZoneId: 'Z0123456789ABC',
        recordName: `${name}.app1.example.com`,
        recordType: 'TXT',
        values: ['"hello"'],
      });
    }

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('Custom::CrossAccountDnsRecord', {
      RoleArn: ROLE,
      ExternalId: 'app1-dns',
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'sts:AssumeRole', Resource: ROLE })]),
      },
    });
    expect(wildcardActions(template)).toEqual([]);
  });

  it('fails synth when neither or both of provider and role are given', () => {
    const stack = testStack('App');
    const record = {
      hostedZoneName: 'example.com',
      recordName: 'app1.example.com',
      recordType: 'A',
      values: ['192.0.2.1'],
    };

    expect(() => new CrossAccountDnsRecord(stack, 'Neither', record)).toThrow(
      /^provider: expected either provider/,
    );
  });

  it('fails synth with the provider message for a record it would refuse', () => {
    const stack = testStack('App');

    expect(
      () =>
        new CrossAccountDnsRecord(stack, 'Record', {
          provider: { serviceToken: 'arn:aws:sns:us-east-1:222222222222:t' },
          hostedZoneName: 'example.com',
          recordName: 'app1.example.com',
          recordType: 'BOGUS',
          values: ['192.0.2.1'],
        }),
    ).toThrow(
      /^App\/Record\/Default \(Custom::CrossAccountDnsRecord\): ResourceProperties\.Type: expected "A" or "AAAA" or .*, got "BOGUS"$/,
    );
  });
});
