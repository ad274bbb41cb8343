import { ConfigurationError, sqsHandler } from 'crkit';
import { idempotencyFromEnvironment } from 'crkit/idempotency/dynamodb';
import { type DnsAllowlist, readDnsAllowlist } from './allowlist.js';
import { createCrossAccountDnsRecordDefinition } from './cross-account-dns-record.js';
import { CROSS_ACCOUNT_DNS_ENV } from './environment.js';

/** Serving many accounts, the SNS-backed shape refuses everything until it is told who may change what. */
function requiredAllowlist(): DnsAllowlist {
  const allowlist = readDnsAllowlist();
  if (allowlist) return allowlist;
  throw new ConfigurationError(
    CROSS_ACCOUNT_DNS_ENV.allowlist,
    'is not set, so no account may change records: set it to JSON like {"111111111111":["app1.example.com"]}',
  );
}

/**
 * The DynamoDB idempotency store when crkit's CDK construct made a table, loaded on first use so that the
 * Powertools packages it needs are only required then.
 */
const idempotency = idempotencyFromEnvironment();

/**
 * The SQS handler serving `Custom::CrossAccountDnsRecord` in the DNS account (the SNS-backed shape), for a function
 * whose handler is `index.queueHandler` behind crkit's SNS topic and queue. It acts with its own role, refuses
 * `RoleArn` in requests, and lets each account change only the names `CRKIT_DNS_ALLOWLIST` grants it (unset, it
 * refuses everything). With `CRKIT_IDEMPOTENCY_TABLE` set it keeps idempotency records in that DynamoDB table.
 *
 * @example
 * ```ts
 * export { queueHandler } from 'crkit/providers/cross-account-dns-record/lambda';
 * ```
 */
export const queueHandler = sqsHandler(
  createCrossAccountDnsRecordDefinition({ allowlist: requiredAllowlist, roleFromProperties: false }),
  idempotency ? { idempotency } : {},
);
