import { lambdaHandler } from 'crkit';
import { CognitoTestUserDefinition } from './cognito-test-user.js';

/**
 * The Lambda handler serving `Custom::CognitoTestUser`, for a function whose handler is `index.handler`.
 *
 * @example
 * ```ts
 * export { handler } from 'crkit/providers/cognito-test-user';
 * ```
 */
export const handler = lambdaHandler(CognitoTestUserDefinition);
