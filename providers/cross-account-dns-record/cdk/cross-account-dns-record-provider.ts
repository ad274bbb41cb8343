import { Aws, Duration } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IHostedZone } from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { ConfigurationError } from 'crkit';
import { checkOptions, type OptionsShape } from 'crkit/advanced';
import type { ICrkitProvider } from 'crkit/cdk';
import { CrkitSnsProvider, providerStatements } from 'crkit/cdk';
import * as z from 'zod';
import { lazySchema } from '../../cdk/props.js';
import { anObject, checkedWhereUsed } from '../../options.js';
import { providerEntry } from '../../provider-entry.js';
import { checkDnsAllowlist, type DnsAllowlist } from '../allowlist.js';
import { CROSS_ACCOUNT_DNS_ENV } from '../environment.js';
import { policyStatements } from '../permissions.js';

/** What {@link CrossAccountDnsRecordProvider} takes. */
export interface CrossAccountDnsRecordProviderProps {
  /**
   * Which record names each account may change: account id to name suffixes, e.g.
   * `{ '111111111111': ['app1.example.com'] }`. Only these accounts may publish to the topic.
   */
  readonly allowlist: DnsAllowlist;
  /** The hosted zones whose records may be changed; the function's role reaches no other zone. */
  readonly hostedZones: readonly IHostedZone[];
  /**
   * The topic's name, from which application stacks build the `ServiceToken`
   * ({@link CrossAccountDnsRecordProvider.serviceTokenFor}).
   * @default 'crkit-cross-account-dns-record'
   */
  readonly topicName?: string;
  /** Keep idempotency records in a DynamoDB table, so a request SNS delivers twice changes DNS once. @default true */
  readonly idempotencyTable?: boolean;
  /** How long one invocation may run. @default Duration.minutes(5) */
  readonly timeout?: Duration;
}

const DEFAULT_TOPIC_NAME = 'crkit-cross-account-dns-record';

const providerProps = lazySchema(() =>
  z.strictObject({
    // Read by checkDnsAllowlist, as the provider reads it from its environment.
    allowlist: checkedWhereUsed(),
    hostedZones: z.array(anObject('a hosted zone'), { error: 'expected a list of hosted zones' }),
    // Passed on to CrkitSnsProvider, which checks them under the same names.
    topicName: checkedWhereUsed(),
    idempotencyTable: checkedWhereUsed(),
    timeout: checkedWhereUsed(),
  } satisfies OptionsShape<CrossAccountDnsRecordProviderProps>),
);

/**
 * The DNS account's side of crkit's cross-account-dns-record provider: an SNS-backed provider (topic, queue,
 * dead-letter queue, function) that changes records in the given hosted zones for the accounts of the allowlist, each
 * only under the names granted to it.
 *
 * @example
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib';
 * import { PublicHostedZone } from 'aws-cdk-lib/aws-route53';
 * import { CrossAccountDnsRecordProvider } from 'crkit/cdk';
 *
 * const stack = new Stack(new App(), 'Dns', { env: { account: '222222222222', region: 'us-east-1' } });
 * const zone = new PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
 * new CrossAccountDnsRecordProvider(stack, 'Records', {
 *   allowlist: { '111111111111': ['app1.example.com'] },
 *   hostedZones: [zone],
 * });
 * ```
 */
export class CrossAccountDnsRecordProvider extends Construct implements ICrkitProvider {
  /**
   * The `ServiceToken` an application stack uses for a provider deployed in another account: the topic's ARN,
   * built from the account, region and topic name (another account's stack cannot be referenced).
   */
  static serviceTokenFor(where: {
    readonly account: string;
    readonly region: string;
    readonly topicName?: string;
  }) {
    return `arn:${Aws.PARTITION}:sns:${where.region}:${where.account}:${where.topicName ?? DEFAULT_TOPIC_NAME}`;
  }

  readonly provider: CrkitSnsProvider;
  /** The topic's ARN. */
  readonly serviceToken: string;
  readonly function: LambdaFunction;
  readonly role: IRole;

  constructor(scope: Construct, id: string, props: CrossAccountDnsRecordProviderProps) {
    super(scope, id);
    checkOptions(providerProps(), props);
    const allowlist = checkDnsAllowlist(props.allowlist, 'allowlist');
    if (props.hostedZones.length === 0) {
      throw new ConfigurationError(
        'hostedZones',
        'expected at least one hosted zone whose records may be changed',
      );
    }
    const zoneArns = props.hostedZones.map((zone) => zone.hostedZoneArn);
    // The provider grants every zone (`hostedzone/*`); narrow that to the zones given.
    const statements = policyStatements.map((statement) => ({
      actions: statement.actions,
      resources: statement.resources.flatMap((resource) =>
        resource.endsWith(':hostedzone/*') ? zoneArns : [resource],
      ),
    }));
    this.provider = new CrkitSnsProvider(this, 'Provider', {
      entry: providerEntry('cross-account-dns-record', 'lambda'),
      topicName: props.topicName ?? DEFAULT_TOPIC_NAME,
      allowedAccounts: Object.keys(allowlist),
      idempotencyTable: props.idempotencyTable ?? true,
      timeout: props.timeout ?? Duration.minutes(5),
      statements: providerStatements(statements),
      environment: { [CROSS_ACCOUNT_DNS_ENV.allowlist]: JSON.stringify(allowlist) },
    });
    this.serviceToken = this.provider.serviceToken;
    this.function = this.provider.function;
    this.role = this.provider.role;
  }
}
