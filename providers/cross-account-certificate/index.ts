// `crkit/providers/cross-account-certificate`: what a user of the provider writes with (its router, the IAM it
// needs, its properties and Data). test/unit/public-surface.test.ts lists them.
export type { AcmFor } from './certificate-operations.js';
export {
  CERTIFICATE_RESOURCE_TYPES,
  type CrossAccountCertificateOptions,
  createCrossAccountCertificateRouter,
} from './cross-account-certificate.js';
export { policyStatements, requiredActions } from './permissions.js';
export {
  type CertificateValidationData,
  CertificateValidationProperties,
  type CrossAccountCertificateData,
  CrossAccountCertificateProperties,
  type CrossAccountCertificateValues,
  KEY_ALGORITHMS,
  type ValidationRecord,
} from './properties.js';
