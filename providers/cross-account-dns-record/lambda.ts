/**
 * `crkit/providers/cross-account-dns-record/lambda`: the provider's ready-made Lambda entries. A subpath of its own
 * because they answer duplicates once through the DynamoDB table crkit's constructs make, which reaches the optional
 * peer `@aws-lambda-powertools/idempotency`: importing the definition from the main subpath never needs it.
 */
export { handler } from './handler.js';
export { queueHandler } from './sqs-handler.js';
