import { lambdaHandler, memoryIdempotencyStore } from 'crkit';
import { idempotencyFromEnvironment } from 'crkit/idempotency/dynamodb';
import { createCrossAccountCertificateRouter } from './cross-account-certificate.js';

/**
 * The Lambda handler serving `Custom::CrossAccountCertificate` and `Custom::CrossAccountCertificateValidation` in the
 * application account, for a function whose handler is `index.handler`. Duplicate deliveries of a request are
 * answered once: through the DynamoDB table `CRKIT_IDEMPOTENCY_TABLE` names, else within the warm function.
 *
 * @example
 * ```ts
 * export { handler } from 'crkit/providers/cross-account-certificate/lambda';
 * ```
 */
export const handler = lambdaHandler(createCrossAccountCertificateRouter(), {
  idempotency: idempotencyFromEnvironment() ?? memoryIdempotencyStore(),
});
