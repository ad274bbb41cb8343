import { lambdaHandler } from 'crkit';
import { SdkCallDefinition } from './sdk-call.js';

/**
 * The Lambda handler serving `Custom::SdkCall`, for a function whose handler is `index.handler`.
 *
 * @example
 * ```ts
 * export { handler } from 'crkit/providers/sdk-call';
 * ```
 */
export const handler = lambdaHandler(SdkCallDefinition);
