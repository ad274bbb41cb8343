export type { CognitoTestUserClients } from './clients.js';
export {
  CognitoTestUser,
  type CognitoTestUserOptions,
  createCognitoTestUserDefinition,
} from './cognito-test-user.js';
export { handler } from './handler.js';
export {
  DEFAULT_PASSWORD_LENGTH,
  generatePassword,
  PASSWORD_SYMBOLS,
  type PasswordPolicy,
  type RandomIndex,
} from './password.js';
export { type ProviderPolicyStatement, policyStatements, requiredActions } from './permissions.js';
export {
  type CognitoTestUserData,
  CognitoTestUserProperties,
  type CognitoTestUserProps,
} from './properties.js';
export { TestUserCredentials } from './secret-store.js';
export {
  DEFAULT_SECRET_NAME_PREFIX,
  formatTestUserId,
  parseTestUserId,
  type TestUserId,
} from './test-user-id.js';
