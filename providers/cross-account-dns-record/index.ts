export {
  accountOfStack,
  allowlistRefusal,
  checkDnsAllowlist,
  type DnsAllowlist,
  readDnsAllowlist,
} from './allowlist.js';
export {
  type AssumeRoleTarget,
  assumedRoleCredentials,
  type CredentialsProvider,
  ROLE_SESSION_NAME,
} from './assumed-role.js';
export {
  type ChangeCoalescer,
  type ChangeCoalescerOptions,
  createChangeCoalescer,
  isChangeRejection,
} from './change-coalescer.js';
export {
  CrossAccountDnsRecord,
  type CrossAccountDnsRecordClients,
  type CrossAccountDnsRecordOptions,
  createCrossAccountDnsRecordDefinition,
} from './cross-account-dns-record.js';
export type { CrossAccountDnsRecordData } from './operations.js';
export {
  assumeRoleActions,
  type ProviderPolicyStatement,
  policyStatements,
  requiredActions,
} from './permissions.js';
export {
  CrossAccountDnsRecordProperties,
  type CrossAccountDnsRecordProps,
  RECORD_TYPES,
} from './properties.js';
export { formatRecordId, parseRecordId, type RecordId } from './record-id.js';
export { isWithin, normalizeRecordName, recordNameProblem } from './record-name.js';
export { type RecordValueIssue, readRecordValues } from './record-values.js';
export {
  isThrottling,
  type ThrottleRetry,
  type ThrottleRetryOptions,
  throttleRetry,
} from './throttle-retry.js';
export { formatTxtValue } from './txt-value.js';
export { recordValueProblem } from './value-problem.js';
