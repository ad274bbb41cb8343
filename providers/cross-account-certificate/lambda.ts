/**
 * `crkit/providers/cross-account-certificate/lambda`: the provider's ready-made Lambda entry. A subpath of its own
 * because it answers duplicates once through the DynamoDB table crkit's constructs make, which reaches the optional
 * peer `@aws-lambda-powertools/idempotency`: importing the definitions from the main subpath never needs it.
 */
export { handler } from './handler.js';
