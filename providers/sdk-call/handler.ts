import { lambdaHandler } from '../../src/entry/lambda.js';
import { SdkCall } from './sdk-call.js';

/**
 * The Lambda handler serving `Custom::SdkCall`, for a function whose handler is `index.handler`.
 *
 * @example
 * ```ts
 * export { handler } from 'crkit/providers/sdk-call';
 * ```
 */
export const handler = lambdaHandler(SdkCall);
