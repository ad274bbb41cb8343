import { lambdaHandler } from '../../src/entry/lambda.js';
import { CrossAccountDnsRecord } from './cross-account-dns-record.js';

/**
 * The Lambda handler serving `Custom::CrossAccountDnsRecord` from the application account (the Lambda-backed
 * shape), for a function whose handler is `index.handler`.
 *
 * @example
 * ```ts
 * export { handler } from 'crkit/providers/cross-account-dns-record';
 * ```
 */
export const handler = lambdaHandler(CrossAccountDnsRecord);
