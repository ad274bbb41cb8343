// `crkit/providers/cross-account-dns-record`: what a user of the provider writes with (its definition and factory,
// the allowlist, the IAM it needs, its properties and Data). The ready-made handlers are on its `/lambda` subpath.
// test/unit/public-surface.test.ts lists them.
export type { DnsAllowlist } from './allowlist.js';
export type { AssumeRoleTarget, CredentialsProvider } from './assumed-role.js';
export {
  type CrossAccountDnsRecordClients,
  CrossAccountDnsRecordDefinition,
  type CrossAccountDnsRecordOptions,
  createCrossAccountDnsRecordDefinition,
} from './cross-account-dns-record.js';
export type { CrossAccountDnsRecordData } from './operations.js';
export { assumeRoleActions, policyStatements, requiredActions } from './permissions.js';
export {
  CrossAccountDnsRecordProperties,
  type CrossAccountDnsRecordValues,
  RECORD_TYPES,
} from './properties.js';
export type { ThrottleRetryOptions } from './throttle-retry.js';
