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
  type CrossAccountCertificateProps,
  KEY_ALGORITHMS,
  type ValidationRecord,
} from './properties.js';
export { validationDomains } from './validation-domains.js';
