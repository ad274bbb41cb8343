// `crkit/advanced`: pieces for providers that go beyond the common path: hand-over strategies of long-running
// operations, the event schemas, physical-id helpers, account lookups, logging, custom idempotency stores, and the
// types of every option. Names are listed one by one (no `export *`): test/unit/public-surface.test.ts lists them.
export { type AllowAccountsOptions, accountOfStack } from './access/allow-accounts.js';
export { describeAccountOrganization, organizationIdFromAccountArn } from './access/organization-of.js';
export { CFN_LIMITS } from './constants.js';
export type { HandlerOptions } from './core/options.js';
export { defaultPhysicalResourceId, isCreateFailedMarker } from './core/physical-id.js';
export type { BatchOptions } from './entry/batch.js';
export type { CustomResourceLambdaHandler, LambdaContext } from './entry/lambda.js';
export type { SnsLambdaHandler } from './entry/sns.js';
export type { SqsBatchResponse, SqsLambdaHandler } from './entry/sqs.js';
export type { PropertyIssue } from './errors.js';
export {
  type CreateEvent,
  CustomResourceEventSchema,
  type DeleteEvent,
  type RequestType,
  type UpdateEvent,
} from './event/schema.js';
export type { MemoryIdempotencyStoreOptions } from './idempotency/memory-store.js';
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
export type { Continuation, HandOver } from './long-running/continuation.js';
export { requeue } from './long-running/requeue.js';
export { selfInvoke } from './long-running/self-invoke.js';
export type { ProviderPolicyStatement } from './resource/policy-statement.js';
export type { Router } from './resource/router.js';
export type {
  CompletionOptions,
  PropertiesSchema,
  ResourceData,
  ResourceDefinitionInput,
} from './resource/types.js';
export type { RetryOptions } from './response/send-response.js';
export { testSeamsOf } from './test-seams.js';
export { type CheckOptionsContext, checkOptions, type OptionsShape } from './validation/check-options.js';
