// `crkit/cdk`: the framework's constructs (src/cdk) and each ready-made provider's construct, kept in its
// provider's folder so that src/ never imports providers/.
export { AzIdMapping, type AzIdMappingProps } from '../providers/az-id-mapping/cdk/az-id-mapping.js';
export {
  CognitoTestUser,
  type CognitoTestUserProps,
} from '../providers/cognito-test-user/cdk/cognito-test-user.js';
export {
  CrossAccountDnsRecord,
  type CrossAccountDnsRecordProps,
} from '../providers/cross-account-dns-record/cdk/cross-account-dns-record.js';
export {
  CrossAccountDnsRecordProvider,
  type CrossAccountDnsRecordProviderProps,
} from '../providers/cross-account-dns-record/cdk/cross-account-dns-record-provider.js';
export * from '../src/cdk/index.js';
