/**
 * `crkit/idempotency/dynamodb`: the DynamoDB idempotency store and the environment lookup that returns it. A subpath
 * of its own, because both reach the optional peers `@aws-lambda-powertools/idempotency` and
 * `@aws-sdk/client-dynamodb`, which crkit's main entry must never need to compile, import or bundle.
 */
export { type DynamoDbIdempotencyStoreOptions, dynamoDbIdempotencyStore } from './dynamodb-store.js';
export { idempotencyFromEnvironment } from './from-environment.js';
