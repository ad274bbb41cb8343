import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { AzIdMapping } from '../../providers/az-id-mapping/cdk/az-id-mapping.js';
import { CognitoTestUser } from '../../providers/cognito-test-user/cdk/cognito-test-user.js';
import { CrossAccountCertificate } from '../../providers/cross-account-certificate/cdk/cross-account-certificate.js';
import { CrossAccountDnsRecord } from '../../providers/cross-account-dns-record/cdk/cross-account-dns-record.js';
import { CrossAccountDnsRecordProvider } from '../../providers/cross-account-dns-record/cdk/cross-account-dns-record-provider.js';
import { SdkCallResource } from '../../providers/sdk-call/cdk/sdk-call-resource.js';
import { CrkitProvider } from '../../src/cdk/crkit-provider.js';
import { CrkitResource } from '../../src/cdk/crkit-resource.js';
import { CrkitSnsProvider } from '../../src/cdk/crkit-sns-provider.js';
import { ConfigurationError } from '../../src/errors.js';
import { checkOptions } from '../../src/validation/check-options.js';
import { refusal } from '../helpers/refusal.js';
import { testStack, WIDGET_ENTRY } from './fixtures/stacks.js';
import { Widget } from './fixtures/widget-provider.js';

const provider = { serviceToken: 'arn:aws:sns:us-east-1:222222222222:crkit' };
const userPool = { userPoolId: 'us-east-1_abc' } as IUserPool;

describe('checkOptions, what a construct of ours or of a user checks its props with', () => {
  const WidgetProps = z.strictObject({
    name: z.string().min(1),
    size: z.number().int().optional(),
    owner: z.strictObject({ team: z.string() }).optional(),
  });

  it('returns what the schema gives for good props', () => {
    expect(checkOptions(WidgetProps, { name: 'a', size: 2 })).toEqual({ name: 'a', size: 2 });
  });

  it('names a misspelt prop with the one it resembles, and its path inside an object', () => {
    expect(refusal(() => checkOptions(WidgetProps, { nme: 'a' })).message).toMatch(
      /^name: .*; nme: unknown option \(did you mean "name"\?\)$/,
    );
    expect(refusal(() => checkOptions(WidgetProps, { name: 'a', owner: { tem: 'x' } })).message).toMatch(
      /^owner\.team: .*; owner\.tem: unknown option \(did you mean "team"\?\)$/,
    );
  });

  it('starts each path at root and names the construct given as context', () => {
    const error = (() => {
      try {
        checkOptions(WidgetProps, { name: 'a', size: 1.5 }, { root: 'props', context: 'Widget' });
      } catch (thrown) {
        return thrown as ConfigurationError;
      }
      throw new Error('expected a ConfigurationError');
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.option).toBe('props.size');
  });
});

describe('construct props are checked at synth like every other options object', () => {
  it.each([
    [
      'CrkitProvider',
      () =>
        CrkitProvider.getOrCreate(testStack(), {
          providerId: 'acme.widget',
          entry: WIDGET_ENTRY,
          timout: Duration.seconds(30),
        } as never),
      'timout: unknown option (did you mean "timeout"?)',
    ],
    [
      'CrkitSnsProvider',
      () =>
        new CrkitSnsProvider(testStack(), 'P', {
          entry: WIDGET_ENTRY,
          allowedAccounts: ['111111111111'],
          batchsize: 5,
        } as never),
      'batchsize: unknown option (did you mean "batchSize"?)',
    ],
    [
      'CrkitResource',
      () =>
        new CrkitResource(testStack(), 'W', {
          definition: Widget,
          provider,
          properties: { Name: 'w', Ttl: 60 },
          serviceTimout: Duration.seconds(60),
        } as never),
      'serviceTimout: unknown option (did you mean "serviceTimeout"?)',
    ],
    [
      'CrossAccountDnsRecord',
      () =>
        new CrossAccountDnsRecord(testStack(), 'R', {
          provider,
          hostedZoneName: 'example.com',
          recordName: 'www.example.com',
          recordType: 'A',
          values: ['192.0.2.1'],
          overwrite: true,
        } as never),
      'overwrite: unknown option; the options are provider, role, hostedZoneId, hostedZoneName, recordName, recordType, values, ttl, allowOverwrite, shared, serviceTimeout',
    ],
    [
      'CrossAccountDnsRecordProvider',
      () =>
        new CrossAccountDnsRecordProvider(testStack(), 'D', {
          allowlist: { '111111111111': ['app1.example.com'] },
          hostedZones: [],
          topicname: 'dns',
        } as never),
      'topicname: unknown option (did you mean "topicName"?)',
    ],
    [
      'CrossAccountCertificate',
      () =>
        new CrossAccountCertificate(testStack(), 'C', {
          domainName: 'app1.example.com',
          dnsProvider: provider,
          hostedZone: 'example.com',
        } as never),
      'hostedZone: unknown option (did you mean "hostedZoneId"?)',
    ],
    [
      'CognitoTestUser',
      () => new CognitoTestUser(testStack(), 'U', { userPool, username: 'e2e', group: ['testers'] } as never),
      'group: unknown option (did you mean "groups"?)',
    ],
    [
      'AzIdMapping',
      () => new AzIdMapping(testStack(), 'Z', { zoneId: ['use1-az1'] } as never),
      'zoneId: unknown option (did you mean "zoneIds"?)',
    ],
    [
      'SdkCallResource',
      () => new SdkCallResource(testStack(), 'S', { oncreate: [] } as never),
      'oncreate: unknown option (did you mean "onCreate"?)',
    ],
  ])('%s refuses an unknown prop, naming it', (_construct, build, message) => {
    expect(refusal(build).message).toBe(message);
  });

  it.each([
    [
      () =>
        new CrkitSnsProvider(testStack(), 'P', {
          entry: WIDGET_ENTRY,
          allowedAccounts: ['111111111111'],
          maxReceiveCount: 0,
        }),
      'maxReceiveCount: expected an integer >= 1, got 0',
    ],
    [
      () =>
        CrkitProvider.getOrCreate(testStack(), {
          providerId: 'acme.widget',
          entry: WIDGET_ENTRY,
          logRemovalPolicy: 'keep' as RemovalPolicy,
        }),
      'logRemovalPolicy: expected a RemovalPolicy ("destroy", "retain", "snapshot", "retain-on-update-or-delete"), got "keep"',
    ],
    [
      () =>
        new CrossAccountDnsRecord(testStack(), 'R', {
          role: { roleArn: 'arn:aws:iam::222222222222:role/dns', externalID: 'x' } as never,
          hostedZoneName: 'example.com',
          recordName: 'www.example.com',
          recordType: 'A',
          values: ['192.0.2.1'],
        }),
      'role.externalID: unknown option (did you mean "externalId"?)',
    ],
    [
      () =>
        new CrkitResource(testStack(), 'W', {
          definition: Widget,
          provider: {} as never,
          properties: { Name: 'w', Ttl: 60 },
        }),
      'provider: expected a provider: CrkitProvider.getOrCreate(...), a CrkitSnsProvider or { serviceToken }, got an object',
    ],
    [
      () =>
        new CrkitResource(testStack(), 'W', {
          definition: Widget,
          provider,
          properties: { Name: 'w', Ttl: 60 },
          removalPolicy: RemovalPolicy.RETAIN,
          serviceTimeout: Duration.millis(1500),
        }),
      "serviceTimeout: expected whole seconds from 1 to 3600 (CloudFormation's limit), got 1.5 s",
    ],
    [
      () => new CognitoTestUser(testStack(), 'U', { userPool: 'us-east-1_abc' as never, username: 'e2e' }),
      'userPool: expected a user pool',
    ],
    [
      () =>
        new CrossAccountDnsRecord(testStack(), 'R', {
          provider,
          hostedZoneName: 'example.com',
          recordName: 'www.example.com',
          recordType: 'A',
          values: ['192.0.2.1'],
          ttl: 300 as never,
        }),
      'ttl: expected a Duration, such as Duration.seconds(300)',
    ],
    [
      () =>
        new CrossAccountDnsRecord(testStack(), 'R', {
          role: { roleArn: '' },
          hostedZoneName: 'example.com',
          recordName: 'www.example.com',
          recordType: 'A',
          values: ['192.0.2.1'],
        }),
      'role.roleArn: expected the ARN of a role in the DNS account',
    ],
    [
      () => new CrkitResource(testStack(), 'W', null as never),
      'options: expected an object of options, got null',
    ],
  ])('names the prop whose value is wrong (%#)', (build, message) => {
    expect(refusal(build).message).toBe(message);
  });
});
