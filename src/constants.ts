/**
 * Names and limits shared by crkit's runtime and its CDK constructs. This module imports nothing, so either side can
 * load it without pulling in the other.
 */

/** Limits CloudFormation sets on a custom-resource response (CloudFormation User Guide, "crpg-ref-responses"). */
export const CFN_LIMITS = {
  /** The whole response body, in bytes. */
  maxResponseBytes: 4096,
  /** `PhysicalResourceId`, in bytes ("can be up to 1 Kb in size"). */
  maxPhysicalResourceIdBytes: 1024,
  /** `ServiceTimeout`, in seconds: an integer from 1 to 3600; 3600 when absent. */
  maxServiceTimeoutSeconds: 3600,
} as const;

/** Environment variables crkit reads at invocation time. */
export const ENV = {
  /** `debug`, `info`, `warn` (the default) or `error`: how much the built-in JSON logger writes. */
  logLevel: 'CRKIT_LOG_LEVEL',
  /**
   * Comma-separated origins (e.g. `http://127.0.0.1:4566`) that may receive responses besides CloudFormation's S3
   * response buckets. Meant for local runs against an emulator; never needed in AWS.
   */
  allowResponseOrigins: 'CRKIT_ALLOW_RESPONSE_ORIGINS',
} as const;

/** Keys CloudFormation itself puts into `ResourceProperties`; crkit removes them before the user's schema runs. */
export const RESERVED_PROPERTY_NAMES = ['ServiceToken', 'ServiceTimeout'] as const;

/**
 * The start of the physical id crkit answers for a Create that failed. The rollback Delete that carries it is
 * answered SUCCESS without calling the user's delete: there is nothing to delete.
 */
export const CREATE_FAILED_MARKER = 'crkit:create-failed:';

/** The exports of a provider's entry module that crkit's CDK constructs point Lambda at. */
export const HANDLER_EXPORTS = {
  /** The `lambdaHandler(...)` export, invoked by CloudFormation itself (a Lambda-backed provider). */
  lambda: 'handler',
  /**
   * The `sqsHandler(...)` export, invoked by an SQS event source (an SNS-backed provider): `queueHandler`, a name
   * other than the factory's, so that `export const queueHandler = sqsHandler(MyResource)` needs no alias.
   */
  sqs: 'queueHandler',
} as const;

/** Environment variables crkit's CDK constructs set on a provider's function, for its entry module to read. */
export const PROVIDER_ENV = {
  /**
   * The DynamoDB table an SNS-backed provider keeps its idempotency records in (partition key `id`, time to live on
   * `expiration`): pass it to `dynamoDbIdempotencyStore({ tableName })`. Set only when the construct made a table.
   */
  idempotencyTable: 'CRKIT_IDEMPOTENCY_TABLE',
  /** Comma-separated account ids allowed to publish to an SNS-backed provider's topic (for `allowAccounts`). */
  allowedAccounts: 'CRKIT_ALLOWED_ACCOUNTS',
  /** Comma-separated AWS Organizations ids allowed to publish to an SNS-backed provider's topic. */
  allowedOrganizations: 'CRKIT_ALLOWED_ORGANIZATIONS',
} as const;
