import { Duration, Lazy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CrossAccountCertificate } from '../../providers/cross-account-certificate/cdk/cross-account-certificate.js';
import { CrossAccountDnsRecordProvider } from '../../providers/cross-account-dns-record/cdk/cross-account-dns-record-provider.js';
import { testStack } from './fixtures/stacks.js';
import { wildcardActions } from './iam.js';

const ROLE = 'arn:aws:iam::222222222222:role/dns-records';
const dnsProvider = {
  serviceToken: CrossAccountDnsRecordProvider.serviceTokenFor({
    account: '222222222222',
    region: 'us-east-1',
  }),
};

describe('CrossAccountCertificate', () => {
  it('writes one shared validation record per name through the DNS account provider, then waits for the certificate', () => {
    const stack = testStack('App');
    const certificate = new CrossAccountCertificate(stack, 'Cert', {
      domainName: 'app1.example.com',
      subjectAlternativeNames: ['*.app1.example.com', 'api.app1.example.com'],
      dnsProvider,
      hostedZoneName: 'example.com',
      tags: { team: 'web' },
    });
    const template = Template.fromStack(stack);

    template.resourceCountIs('Custom::CrossAccountCertificate', 1);
    template.hasResourceProperties('Custom::CrossAccountCertificate', {
      DomainName: 'app1.example.com',
      SubjectAlternativeNames: ['*.app1.example.com', 'api.app1.example.com'],
      Tags: [{ Key: 'team', Value: 'web' }],
      ServiceTimeout: '1800',
    });
    // app1.example.com and *.app1.example.com share one record: two names to validate.
    template.resourceCountIs('Custom::CrossAccountDnsRecord', 2);
    for (const index of [0, 1]) {
      template.hasResourceProperties('Custom::CrossAccountDnsRecord', {
        ServiceToken: Match.anyValue(),
        HostedZoneName: 'example.com',
        Name: {
          'Fn::GetAtt': [Match.stringLikeRegexp('^CertCertificate'), `ValidationRecords.${index}.Name`],
        },
        Type: 'CNAME',
        ResourceRecords: [
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^CertCertificate'), `ValidationRecords.${index}.Value`] },
        ],
        Shared: true,
      });
    }
    const [validation] = Object.values(template.findResources('Custom::CrossAccountCertificateValidation'));
    expect(validation?.Properties.CertificateArn).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^CertCertificate/), 'Arn'],
    });
    expect(validation?.DependsOn).toEqual(
      expect.arrayContaining(Object.keys(template.findResources('Custom::CrossAccountDnsRecord'))),
    );
    expect(stack.resolve(certificate.certificateArn)).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^CertValidation/), 'Arn'],
    });
  });

  it('grants the certificate function only ACM actions, none of them a wildcard', () => {
    const stack = testStack('App');
    new CrossAccountCertificate(stack, 'Cert', {
      domainName: 'app1.example.com',
      dnsProvider,
      hostedZoneName: 'example.com',
    });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['acm:RequestCertificate', 'acm:AddTagsToCertificate'], Resource: '*' }),
          Match.objectLike({ Action: Match.arrayWith(['acm:DescribeCertificate', 'acm:DeleteCertificate']) }),
        ]),
      },
    });
    expect(wildcardActions(template)).toEqual([]);
  });

  it('writes the records through a role in the DNS account from a record provider in this stack', () => {
    const stack = testStack('App');
    new CrossAccountCertificate(stack, 'Cert', {
      domainName: 'app1.example.com',
      role: { roleArn: ROLE, externalId: 'app1-dns' },
      hostedZoneId: 'Z0123456789ABC',
      serviceTimeout: Duration.minutes(45),
    });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('Custom::CrossAccountDnsRecord', {
      HostedZoneId: 'Z0123456789ABC',
      RoleArn: ROLE,
      ExternalId: 'app1-dns',
      Shared: true,
    });
    template.hasResourceProperties('Custom::CrossAccountCertificateValidation', { ServiceTimeout: '2700' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'sts:AssumeRole', Resource: ROLE })]),
      },
    });
  });

  it('fails synth when names are tokens, or when neither or both of dnsProvider and role are given', () => {
    const stack = testStack('App');
    const token = Lazy.string({ produce: () => 'app1.example.com' });

    expect(() => new CrossAccountCertificate(stack, 'A', { domainName: token, dnsProvider })).toThrow(
      'domainName: expected names known at synth time',
    );
    expect(() => new CrossAccountCertificate(stack, 'B', { domainName: 'app1.example.com' })).toThrow(
      'dnsProvider: expected either dnsProvider',
    );
    expect(
      () =>
        new CrossAccountCertificate(stack, 'C', {
          domainName: 'app1.example.com',
          dnsProvider,
          role: { roleArn: ROLE },
        }),
    ).toThrow('dnsProvider: expected either dnsProvider');
    expect(
      () =>
        new CrossAccountCertificate(stack, 'D', {
          domainName: 'not a name',
          dnsProvider,
          hostedZoneName: 'example.com',
        }),
    ).toThrow('ResourceProperties.DomainName');
  });
});
