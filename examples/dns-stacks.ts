import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PublicHostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { CrossAccountDnsRecord, CrossAccountDnsRecordProvider } from '../cdk/index.js';

/** What {@link DnsAccountStack} takes besides the stack's own props. */
export interface DnsAccountStackProps extends StackProps {
  /** The zone every application's records go into. */
  readonly zoneName: string;
  /** Which names each application account may change. */
  readonly allowlist: Readonly<Record<string, readonly string[]>>;
}

/**
 * The DNS account: the company's public zone and the SNS-backed provider that changes records in it for the
 * application accounts of the allowlist, each under its own names only.
 */
export class DnsAccountStack extends Stack {
  readonly records: CrossAccountDnsRecordProvider;

  constructor(scope: Construct, id: string, props: DnsAccountStackProps) {
    super(scope, id, props);
    const zone = new PublicHostedZone(this, 'Zone', { zoneName: props.zoneName });
    this.records = new CrossAccountDnsRecordProvider(this, 'Records', {
      allowlist: props.allowlist,
      hostedZones: [zone],
    });
    new CfnOutput(this, 'ServiceToken', {
      value: this.records.serviceToken,
      description: 'The ServiceToken of Custom::CrossAccountDnsRecord for the application accounts',
    });
  }
}

/** What {@link ApplicationDnsStack} takes besides the stack's own props. */
export interface ApplicationDnsStackProps extends StackProps {
  /** Where the DNS account's provider runs. */
  readonly dnsAccount: { readonly account: string; readonly region: string };
  readonly zoneName: string;
}

/** An application account's stack: its records are made in the DNS account's zone, through that account's topic. */
export class ApplicationDnsStack extends Stack {
  readonly record: CrossAccountDnsRecord;

  constructor(scope: Construct, id: string, props: ApplicationDnsStackProps) {
    super(scope, id, props);
    this.record = new CrossAccountDnsRecord(this, 'AppRecord', {
      provider: { serviceToken: CrossAccountDnsRecordProvider.serviceTokenFor(props.dnsAccount) },
      hostedZoneName: props.zoneName,
      recordName: `app1.${props.zoneName}`,
      recordType: 'A',
      values: ['192.0.2.10'],
      ttl: Duration.minutes(5),
    });
    new CfnOutput(this, 'RecordName', { value: this.record.recordName });
  }
}
