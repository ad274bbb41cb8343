export { type AllowAccountsOptions, accountOfStack, allowAccounts } from './access/allow-accounts.js';
export { describeAccountOrganization, organizationIdFromAccountArn } from './access/organization-of.js';
export { cfn } from './cfn.js';
export { CFN_LIMITS, CREATE_FAILED_MARKER, ENV, HANDLER_EXPORTS, PROVIDER_ENV } from './constants.js';
export { fitResponse, type ResponseBody, type ResponseTarget } from './core/fit-response.js';
export { flattenData } from './core/flatten-data.js';
export type { HandlerOptions } from './core/options.js';
export type { Outcome } from './core/outcome.js';
export { defaultPhysicalResourceId, isCreateFailedMarker } from './core/physical-id.js';
export type { RecordResult } from './core/record-result.js';
export type { BatchOptions } from './entry/batch.js';
export type { LambdaHandlerOptions } from './entry/lambda.js';
export { type CustomResourceLambdaHandler, type LambdaContext, lambdaHandler } from './entry/lambda.js';
export type { BatchHandlerOptions } from './entry/process-records.js';
export { type SnsLambdaHandler, snsHandler } from './entry/sns.js';
export { type SqsBatchResponse, type SqsLambdaHandler, sqsHandler } from './entry/sqs.js';
export {
  ConfigurationError,
  CrkitError,
  DeadlineError,
  EnvironmentError,
  type PropertyIssue,
  ValidationError,
} from './errors.js';
export * from './event/schema.js';
export { type MemoryIdempotencyStoreOptions, memoryIdempotencyStore } from './idempotency/memory-store.js';
export type {
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyStore,
  StoredResponse,
} from './idempotency/store.js';
export {
  createJsonLogger,
  type JsonLoggerOptions,
  type LogAttributes,
  type Logger,
  type LogLevel,
} from './logger.js';
export { type Continuation, type HandOver, isContinuation } from './long-running/continuation.js';
export { requeue } from './long-running/requeue.js';
export { selfInvoke } from './long-running/self-invoke.js';
export { describeUrl, redact } from './redact.js';
export { defineResource } from './resource/define-resource.js';
export type { ProviderPolicyStatement } from './resource/policy-statement.js';
export { createRouter, type Router } from './resource/router.js';
export type * from './resource/types.js';
export { checkResponseUrl } from './response/response-url.js';
export type { Delivery, RetryOptions } from './response/send-response.js';
export type { PutRequest, ResponseTransport } from './response/transport.js';
export { formatIssues } from './validation/format-issues.js';
