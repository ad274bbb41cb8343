export type { AttributeName } from './attribute-name.js';
export { CrkitProvider, type CrkitProviderProps } from './crkit-provider.js';
export { CrkitResource, type CrkitResourceDefinition, type CrkitResourceProps } from './crkit-resource.js';
export { CrkitSnsProvider, type CrkitSnsProviderProps } from './crkit-sns-provider.js';
export type { CrkitFunctionOptions } from './function-options.js';
export { checkLeastPrivilege } from './least-privilege.js';
export type { ICrkitProvider } from './provider-ref.js';
export { providerStatements } from './provider-statements.js';
export type { Publishers } from './publishers.js';
