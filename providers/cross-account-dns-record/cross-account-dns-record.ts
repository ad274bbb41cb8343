import { Route53Client } from '@aws-sdk/client-route-53';
import { STSClient } from '@aws-sdk/client-sts';
import type { ResourceDefinition } from 'crkit';
import { ConfigurationError, defineResource, ValidationError } from 'crkit';
import { type CompletionOptions, type OptionsShape, testSeamsOf } from 'crkit/advanced';
import * as z from 'zod';
import { aFunction, anObject, checkedWhereUsed, checkProviderOptions } from '../options.js';
import { allowlistRefusal, checkDnsAllowlist, type DnsAllowlist, readDnsAllowlist } from './allowlist.js';
import { type AssumeRoleTarget, assumedRoleCredentials, type CredentialsProvider } from './assumed-role.js';
import { createDnsAccount, type DnsAccount } from './dns-account.js';
import {
  type CrossAccountDnsRecordData,
  createRecord,
  deleteRecord,
  type RecordProvider,
  recordInSync,
  updateRecord,
} from './operations.js';
import { CrossAccountDnsRecordProperties, type CrossAccountDnsRecordValues, ROLE_ARN } from './properties.js';
import { parseRecordId } from './record-id.js';
import { type ThrottleRetryOptions, throttleRetry } from './throttle-retry.js';

/** AWS SDK clients the provider uses; pass your own to point it elsewhere (an emulator, another partition). */
export interface CrossAccountDnsRecordClients {
  /** Assumes the DNS account's role. @default an STS client for the Lambda's region, made on first use */
  readonly sts?: STSClient;
  /**
   * Makes the Route 53 client for one set of credentials: an assumed role's, or `undefined` for the function's own.
   * @default `new Route53Client({ credentials })`, one per role, kept while the Lambda is warm
   */
  readonly route53?: (credentials: CredentialsProvider | undefined) => Route53Client;
}

/** Options of {@link createCrossAccountDnsRecordDefinition}. */
export interface CrossAccountDnsRecordOptions {
  /** AWS SDK clients. @default clients made on first use, from the Lambda's environment */
  readonly clients?: CrossAccountDnsRecordClients;
  /**
   * The role to assume in the DNS account for requests that name none (no `RoleArn` property).
   * @default none: such requests act with the function's own credentials (the SNS-backed shape, in the DNS account)
   */
  readonly assumeRole?: AssumeRoleTarget;
  /**
   * Whether a request may name the role itself (`RoleArn`, `ExternalId`). Turn it off where the requester is not
   * the function's owner (the SNS-backed shape), or a request could make the function assume any role that trusts it.
   * @default true
   */
  readonly roleFromProperties?: boolean;
  /**
   * Which record names each requesting account (the account in the StackId) may change; a function is asked on
   * every request (`undefined`: no restriction). Anything else is answered FAILED and nothing is changed.
   * @default no restriction: the DNS account's role alone decides
   */
  readonly allowlist?: DnsAllowlist | (() => DnsAllowlist | undefined);
  /** How long changes to one zone are collected into one change batch. @default 25 */
  readonly coalesceWindowMs?: number;
  /** How throttled Route 53 calls are retried. @default 8 tries, 200 ms first backoff doubling to 5 s, full jitter */
  readonly retry?: ThrottleRetryOptions;
  /**
   * How often a change is checked until it is INSYNC. Every GetChange counts against Route 53's five requests per
   * second per account (Route 53 Developer Guide, "Quotas"), hence checks at most every 5 s.
   * @default { initialDelayMs: 1000, maxDelayMs: 5000 }
   */
  readonly completion?: CompletionOptions;
}

const recordOptions = () =>
  z.strictObject({
    clients: z
      .strictObject({
        sts: anObject('an STSClient').optional(),
        route53: aFunction('a function (credentials) => Route53Client').optional(),
      } satisfies OptionsShape<CrossAccountDnsRecordClients>)
      .optional(),
    assumeRole: z
      .strictObject({
        roleArn: z.string({ error: 'expected an IAM role ARN' }),
        externalId: z.string({ error: 'expected a string' }).optional(),
      } satisfies OptionsShape<AssumeRoleTarget>)
      .optional(),
    roleFromProperties: z.boolean({ error: 'expected true or false' }).optional(),
    allowlist: checkedWhereUsed(),
    coalesceWindowMs: checkedWhereUsed(),
    retry: z
      .strictObject({
        attempts: z
          .number({ error: 'expected a number of tries' })
          .int({ error: 'expected a whole number of tries' })
          .min(1, { error: 'expected at least 1 try' })
          .optional(),
        baseDelayMs: z
          .number({ error: 'expected a number of milliseconds' })
          .min(0, { error: 'expected a number of milliseconds >= 0' })
          .optional(),
        maxDelayMs: z
          .number({ error: 'expected a number of milliseconds' })
          .min(0, { error: 'expected a number of milliseconds >= 0' })
          .optional(),
      } satisfies OptionsShape<ThrottleRetryOptions>)
      .optional(),
    completion: checkedWhereUsed(),
  } satisfies OptionsShape<CrossAccountDnsRecordOptions>);

function checkRecordOptions(
  options: CrossAccountDnsRecordOptions,
): (() => DnsAllowlist | undefined) | undefined {
  const role = options.assumeRole;
  if (role !== undefined && !ROLE_ARN.test(role.roleArn)) {
    const got = JSON.stringify(role.roleArn);
    throw new ConfigurationError('assumeRole.roleArn', `expected an IAM role ARN, got ${got}`);
  }
  const windowMs = options.coalesceWindowMs ?? 0;
  if (!(Number.isFinite(windowMs) && windowMs >= 0)) {
    throw new ConfigurationError(
      'coalesceWindowMs',
      `expected a number of milliseconds >= 0, got ${windowMs}`,
    );
  }
  const { allowlist } = options;
  if (allowlist === undefined) return undefined;
  if (typeof allowlist === 'function') {
    return () => {
      const current = allowlist();
      return current === undefined ? undefined : checkDnsAllowlist(current);
    };
  }
  const checked = checkDnsAllowlist(allowlist);
  return () => checked;
}

function recordProvider(options: CrossAccountDnsRecordOptions): RecordProvider {
  const allowlist = checkRecordOptions(options);
  // Test seams (`testSeams` from crkit/testing): the clock, and the waits and jitter of throttle retries.
  const seams = testSeamsOf(options);
  const now = seams.now ?? Date.now;
  const retry = throttleRetry(options.retry, seams);
  const windowMs = options.coalesceWindowMs ?? 25;
  const roleFromProperties = options.roleFromProperties ?? true;
  const makeRoute53 =
    options.clients?.route53 ??
    ((credentials) => new Route53Client(credentials === undefined ? {} : { credentials }));
  let sts = options.clients?.sts;
  const accounts = new Map<string, DnsAccount>();

  const roleOf = (
    props: Pick<CrossAccountDnsRecordValues, 'RoleArn' | 'ExternalId'>,
  ): AssumeRoleTarget | undefined => {
    if (props.RoleArn === undefined) return options.assumeRole;
    if (!roleFromProperties) {
      const message =
        'this provider acts in the DNS account with its own role and takes no role from a request: remove RoleArn and ExternalId';
      throw new ValidationError([{ path: 'ResourceProperties.RoleArn', message }]);
    }
    return {
      roleArn: props.RoleArn,
      ...(props.ExternalId === undefined ? {} : { externalId: props.ExternalId }),
    };
  };

  return {
    account: (props) => {
      const role = roleOf(props);
      const key = role === undefined ? '' : `${role.roleArn}\n${role.externalId ?? ''}`;
      let account = accounts.get(key);
      if (!account) {
        const credentials =
          role === undefined
            ? undefined
            : assumedRoleCredentials(() => (sts ??= new STSClient({})), role, now);
        account = createDnsAccount(makeRoute53(credentials), { retry, windowMs, now }, credentials);
        accounts.set(key, account);
      }
      return account;
    },
    refusal: (stackId, name) => {
      const current = allowlist?.();
      return current === undefined ? undefined : allowlistRefusal(current, stackId, name);
    },
  };
}

/**
 * Makes the `Custom::CrossAccountDnsRecord` definition: a Route 53 record in a hosted zone of another account,
 * reached by assuming a role there (Lambda-backed) or served from that account for many others (SNS-backed).
 *
 * @example
 * ```ts
 * import { lambdaHandler } from 'crkit';
 * import { createCrossAccountDnsRecordDefinition } from 'crkit/providers/cross-account-dns-record';
 *
 * const definition = createCrossAccountDnsRecordDefinition({
 *   assumeRole: { roleArn: 'arn:aws:iam::222222222222:role/dns-records', externalId: 'app1-dns' },
 *   allowlist: { '111111111111': ['app1.example.com'] },
 * });
 * export const handler = lambdaHandler(definition);
 * ```
 */
export function createCrossAccountDnsRecordDefinition(
  options: CrossAccountDnsRecordOptions = {},
): ResourceDefinition<typeof CrossAccountDnsRecordProperties, CrossAccountDnsRecordData> {
  checkProviderOptions(recordOptions, options, 'createCrossAccountDnsRecordDefinition');
  const provider = recordProvider(options);
  return defineResource({
    resourceType: 'Custom::CrossAccountDnsRecord',
    properties: CrossAccountDnsRecordProperties,
    // Create runs before the old record's Delete: a new name, type, zone or account can live beside the old record.
    replaceOn: ['HostedZoneId', 'HostedZoneName', 'Name', 'Type', 'RoleArn'],
    sensitiveProperties: ['ExternalId'],
    // A Delete of any other id (CloudFormation makes one up when a stack fails while a Create is in flight) is
    // answered SUCCESS without a call: no record of this provider's has it.
    physicalResourceId: z.string().refine((id) => parseRecordId(id) !== undefined, {
      message: 'expected "<HostedZoneId>|<Type>|<record name>"',
    }),
    completion: options.completion ?? { initialDelayMs: 1000, maxDelayMs: 5000 },
    create: (context) => createRecord(provider, context),
    update: (context) => updateRecord(provider, context),
    delete: (context) => deleteRecord(provider, context),
    isComplete: (context) => recordInSync(provider, context),
  });
}

/**
 * `Custom::CrossAccountDnsRecord` for a Lambda in the application account: each request names the DNS account's
 * role (`RoleArn`, `ExternalId`); the `CRKIT_DNS_ALLOWLIST` environment variable, when set, limits the names.
 *
 * @example
 * ```ts
 * import { createRouter, lambdaHandler } from 'crkit';
 * import { CrossAccountDnsRecordDefinition } from 'crkit/providers/cross-account-dns-record';
 *
 * export const handler = lambdaHandler(createRouter(CrossAccountDnsRecordDefinition));
 * ```
 */
export const CrossAccountDnsRecordDefinition = createCrossAccountDnsRecordDefinition({
  allowlist: () => readDnsAllowlist(),
});
