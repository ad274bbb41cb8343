export {
  CrossAccountCertificate,
  type CrossAccountCertificateProps,
} from '../../providers/cross-account-certificate/cdk/cross-account-certificate.js';
export type { AttributeName } from './attribute-name.js';
export { AzIdMapping, type AzIdMappingProps } from './az-id-mapping.js';
export { CognitoTestUser, type CognitoTestUserProps } from './cognito-test-user.js';
export { CrkitProvider, type CrkitProviderProps } from './crkit-provider.js';
export { CrkitResource, type CrkitResourceDefinition, type CrkitResourceProps } from './crkit-resource.js';
export { CrkitSnsProvider, type CrkitSnsProviderProps } from './crkit-sns-provider.js';
export { CrossAccountDnsRecord, type CrossAccountDnsRecordProps } from './cross-account-dns-record.js';
export {
  CrossAccountDnsRecordProvider,
  type CrossAccountDnsRecordProviderProps,
} from './cross-account-dns-record-provider.js';
export type { CrkitFunctionOptions } from './function-options.js';
export type { ICrkitProvider } from './provider-ref.js';
export type { Publishers } from './publishers.js';
