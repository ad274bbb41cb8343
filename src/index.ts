// `crkit`: what a provider author writes with. Advanced pieces are on `crkit/advanced`, test seams on
// `crkit/testing`. Names are listed one by one (no `export *`): test/unit/public-surface.test.ts lists them too.
export { allowAccounts } from './access/allow-accounts.js';
export { cfn } from './cfn.js';
export { type LambdaHandlerOptions, lambdaHandler } from './entry/lambda.js';
export type { BatchHandlerOptions } from './entry/process-records.js';
export { snsHandler } from './entry/sns.js';
export { sqsHandler } from './entry/sqs.js';
export { ConfigurationError, CrkitError, DeadlineError, ValidationError } from './errors.js';
export type { CustomResourceEvent } from './event/schema.js';
export { memoryIdempotencyStore } from './idempotency/memory-store.js';
export { defineResource } from './resource/define-resource.js';
export { createRouter } from './resource/router.js';
export type {
  CompletionContext,
  CreateContext,
  DeleteContext,
  HandlerResult,
  ResourceDefinition,
  UpdateContext,
} from './resource/types.js';
