// `crkit/cdk`: the framework's constructs (src/cdk) and each ready-made provider's construct, kept in its
// provider's folder so that src/ never imports providers/.
export { AzIdMapping, type AzIdMappingProps } from '../providers/az-id-mapping/cdk/az-id-mapping.js';
export {
  CognitoTestUser,
  type CognitoTestUserProps,
} from '../providers/cognito-test-user/cdk/cognito-test-user.js';
export {
  CrossAccountCertificate,
  type CrossAccountCertificateProps,
} from '../providers/cross-account-certificate/cdk/cross-account-certificate.js';
export {
  CrossAccountDnsRecord,
  type CrossAccountDnsRecordProps,
} from '../providers/cross-account-dns-record/cdk/cross-account-dns-record.js';
export {
  CrossAccountDnsRecordProvider,
  type CrossAccountDnsRecordProviderProps,
} from '../providers/cross-account-dns-record/cdk/cross-account-dns-record-provider.js';
export {
  type CommandInput,
  type SdkCallDescription,
  type SdkCallOptions,
  type SdkClientClass,
  type SdkCommandClass,
  sdkCall,
} from '../providers/sdk-call/cdk/sdk-call.js';
export {
  SdkCallResource,
  type SdkCallResourceProps,
  type SdkCallStep,
} from '../providers/sdk-call/cdk/sdk-call-resource.js';
export { SdkCallValue } from '../providers/sdk-call/cdk/sdk-call-value.js';
export {
  type AttributeName,
  type CrkitFunctionOptions,
  CrkitProvider,
  type CrkitProviderProps,
  CrkitResource,
  type CrkitResourceDefinition,
  type CrkitResourceProps,
  CrkitSnsProvider,
  type CrkitSnsProviderProps,
  checkLeastPrivilege,
  type ICrkitProvider,
  type Publishers,
  providerStatements,
} from '../src/cdk/index.js';
