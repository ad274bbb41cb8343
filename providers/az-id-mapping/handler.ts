import { lambdaHandler } from 'crkit';
import { AzIdMappingDefinition } from './az-id-mapping.js';

/**
 * The Lambda handler serving `Custom::AzIdMapping`, for a function whose handler is `index.handler`.
 *
 * @example
 * ```ts
 * export { handler } from 'crkit/providers/az-id-mapping';
 * ```
 */
export const handler = lambdaHandler(AzIdMappingDefinition);
