import type { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ConfigurationError } from 'crkit';
import { checkOptions, type OptionsShape } from 'crkit/advanced';
import type { ICrkitProvider } from 'crkit/cdk';
import { CrkitProvider, CrkitResource } from 'crkit/cdk';
import * as z from 'zod';
import { aDuration, lazySchema, nonEmptyString } from '../../cdk/props.js';
import { checkedWhereUsed } from '../../options.js';
import { providerEntry } from '../../provider-entry.js';
import { assumeRoleActions } from '../permissions.js';
import { CrossAccountDnsRecordProperties } from '../properties.js';
import type { CrossAccountDnsRecordData } from '../record-data.js';

/** What {@link CrossAccountDnsRecord} takes: the record, and either `provider` or `role`. */
export interface CrossAccountDnsRecordProps {
  /**
   * The DNS account's SNS-backed provider, e.g.
   * `{ serviceToken: CrossAccountDnsRecordProvider.serviceTokenFor({ account, region }) }`.
   * @default none: give `role` instead
   */
  readonly provider?: ICrkitProvider;
  /**
   * A role in the DNS account that a provider function in this stack assumes (the Lambda-backed shape).
   * @default none: give `provider` instead
   */
  readonly role?: { readonly roleArn: string; readonly externalId?: string };
  /** The hosted zone's id; give this or `hostedZoneName`. @default none */
  readonly hostedZoneId?: string;
  /** The hosted zone's name; give this or `hostedZoneId`. @default none */
  readonly hostedZoneName?: string;
  /** The record's name, e.g. `app1.example.com`. */
  readonly recordName: string;
  /** The record type, e.g. `A`, `CNAME`, `TXT`. */
  readonly recordType: string;
  /** The values, as Route 53 takes them (TXT values in double quotes). */
  readonly values: readonly string[];
  /** How long resolvers may cache the record. @default Duration.seconds(300) */
  readonly ttl?: Duration;
  /** Take over a record that already exists instead of failing. @default false */
  readonly allowOverwrite?: boolean;
  /** A record other resources may own too, with the same values; the last owner's delete removes it. @default false */
  readonly shared?: boolean;
  /** How long CloudFormation waits for the provider. @default Duration.seconds(300) */
  readonly serviceTimeout?: Duration;
}

const PROVIDER_ID = 'crkit.cross-account-dns-record';

/** The rules of a `role` to assume in the DNS account, shared with `CrossAccountCertificate`. */
export const assumedRole = () =>
  z.strictObject({
    roleArn: nonEmptyString('the ARN of a role in the DNS account'),
    externalId: z.string({ error: 'expected a string' }).optional(),
  } satisfies OptionsShape<NonNullable<CrossAccountDnsRecordProps['role']>>);

// The record's own values go into ResourceProperties, checked there by the provider's schema (as at deploy time).
const recordProps = lazySchema(() =>
  z.strictObject({
    provider: checkedWhereUsed(),
    role: assumedRole().optional(),
    hostedZoneId: checkedWhereUsed(),
    hostedZoneName: checkedWhereUsed(),
    recordName: checkedWhereUsed(),
    recordType: checkedWhereUsed(),
    values: checkedWhereUsed(),
    ttl: aDuration().optional(),
    allowOverwrite: checkedWhereUsed(),
    shared: checkedWhereUsed(),
    serviceTimeout: checkedWhereUsed(),
  } satisfies OptionsShape<CrossAccountDnsRecordProps>),
);

/** The provider: the one given, or this stack's function assuming `role` in the DNS account. */
function providerFor(scope: Construct, { provider, role }: CrossAccountDnsRecordProps): ICrkitProvider {
  if (provider !== undefined && role === undefined) return provider;
  if (provider === undefined && role !== undefined) {
    return CrkitProvider.getOrCreate(scope, {
      providerId: PROVIDER_ID,
      entry: providerEntry('cross-account-dns-record', 'lambda'),
      statements: [new PolicyStatement({ actions: [...assumeRoleActions], resources: [role.roleArn] })],
    });
  }
  throw new ConfigurationError(
    'provider',
    'expected either provider (the DNS account SNS-backed provider) or role (assumed by a function in this stack), not both or neither',
  );
}

/**
 * A Route 53 record in a hosted zone of another account, made through crkit's cross-account-dns-record provider:
 * the DNS account's SNS-backed provider (`provider`), or a function in this stack assuming a role there (`role`).
 *
 * @example
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib';
 * import { CrossAccountDnsRecord, CrossAccountDnsRecordProvider } from 'crkit/cdk';
 *
 * const stack = new Stack(new App(), 'App1', { env: { account: '111111111111', region: 'us-east-1' } });
 * new CrossAccountDnsRecord(stack, 'Www', {
 *   provider: {
 *     serviceToken: CrossAccountDnsRecordProvider.serviceTokenFor({ account: '222222222222', region: 'us-east-1' }),
 *   },
 *   hostedZoneName: 'example.com',
 *   recordName: 'www.app1.example.com',
 *   recordType: 'A',
 *   values: ['192.0.2.10'],
 * });
 * ```
 */
export class CrossAccountDnsRecord extends Construct {
  readonly resource: CrkitResource<typeof CrossAccountDnsRecordProperties, CrossAccountDnsRecordData>;
  /** The hosted zone holding the record, as the provider answered it. */
  readonly hostedZoneId: string;
  /** The record's name, lower case without the trailing dot. */
  readonly recordName: string;

  constructor(scope: Construct, id: string, props: CrossAccountDnsRecordProps) {
    super(scope, id);
    checkOptions(recordProps(), props);
    const { role } = props;
    this.resource = new CrkitResource<typeof CrossAccountDnsRecordProperties, CrossAccountDnsRecordData>(
      this,
      'Default',
      {
        // ExternalId is secret to the definition too: never echoed in a synth error.
        definition: {
          resourceType: 'Custom::CrossAccountDnsRecord',
          properties: CrossAccountDnsRecordProperties,
          sensitiveProperties: ['ExternalId'],
        },
        provider: providerFor(this, props),
        properties: {
          ...(props.hostedZoneId === undefined ? {} : { HostedZoneId: props.hostedZoneId }),
          ...(props.hostedZoneName === undefined ? {} : { HostedZoneName: props.hostedZoneName }),
          Name: props.recordName,
          Type: props.recordType,
          ...(props.ttl === undefined ? {} : { TTL: props.ttl.toSeconds() }),
          ResourceRecords: [...props.values],
          ...(props.allowOverwrite === undefined ? {} : { AllowOverwrite: props.allowOverwrite }),
          ...(props.shared === undefined ? {} : { Shared: props.shared }),
          ...(role === undefined ? {} : { RoleArn: role.roleArn }),
          ...(role?.externalId === undefined ? {} : { ExternalId: role.externalId }),
        },
        ...(props.serviceTimeout === undefined ? {} : { serviceTimeout: props.serviceTimeout }),
      },
    );
    this.hostedZoneId = this.resource.getAttString('HostedZoneId');
    this.recordName = this.resource.getAttString('Name');
  }
}
