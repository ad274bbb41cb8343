// `crkit/providers/cognito-test-user`: what a user of the provider writes with (its definition and factory, the
// ready-made handler, the IAM it needs, its properties and Data, the secret it writes).
// test/unit/public-surface.test.ts lists them.
export type { CognitoTestUserClients } from './clients.js';
export {
  CognitoTestUserDefinition,
  type CognitoTestUserOptions,
  createCognitoTestUserDefinition,
} from './cognito-test-user.js';
export { handler } from './handler.js';
export { policyStatements, requiredActions } from './permissions.js';
export {
  type CognitoTestUserData,
  CognitoTestUserProperties,
  type CognitoTestUserValues,
} from './properties.js';
export { TestUserCredentials } from './secret-store.js';
