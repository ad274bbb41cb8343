import { lambdaHandler, memoryIdempotencyStore } from 'crkit';
import { idempotencyFromEnvironment } from 'crkit/idempotency/dynamodb';
import { CrossAccountDnsRecordDefinition } from './cross-account-dns-record.js';

/**
 * The Lambda handler serving `Custom::CrossAccountDnsRecord` from the application account (the Lambda-backed
 * shape), for a function whose handler is `index.handler`. Duplicate deliveries of a request are answered once:
 * through the DynamoDB table `CRKIT_IDEMPOTENCY_TABLE` names, else within the warm function.
 *
 * @example
 * ```ts
 * export { handler } from 'crkit/providers/cross-account-dns-record/lambda';
 * ```
 */
export const handler = lambdaHandler(CrossAccountDnsRecordDefinition, {
  idempotency: idempotencyFromEnvironment() ?? memoryIdempotencyStore(),
});
