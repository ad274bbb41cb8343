import { cfn } from 'crkit';
import * as z from 'zod';
import { DomainName } from '../cross-account-dns-record/properties.js';

/** A name on the certificate, normalised (lower case, no trailing dot) and checked; `*.` makes a wildcard. */
const CertificateName = DomainName;

/** Key algorithms ACM issues with DNS validation (ACM API Reference, RequestCertificate, KeyAlgorithm). */
/**
 * The resource types of the provider.
 *
 * @example
 * ```ts
 * import { CERTIFICATE_RESOURCE_TYPES } from 'crkit/providers/cross-account-certificate';
 * CERTIFICATE_RESOURCE_TYPES.certificate; // 'Custom::CrossAccountCertificate'
 * ```
 */
export const CERTIFICATE_RESOURCE_TYPES = {
  certificate: 'Custom::CrossAccountCertificate',
  validation: 'Custom::CrossAccountCertificateValidation',
} as const;

export const KEY_ALGORITHMS = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] as const;

/**
 * The properties of `Custom::CrossAccountCertificate`: an ACM certificate validated by DNS in a hosted zone of
 * another account. A change of `DomainName`, `SubjectAlternativeNames`, `Region` or `KeyAlgorithm` replaces it;
 * `Tags` and `CertificateTransparencyLoggingPreference` update in place.
 *
 * @example
 * ```ts
 * import { CrossAccountCertificateProperties } from 'crkit/providers/cross-account-certificate';
 * CrossAccountCertificateProperties.parse({ DomainName: 'App1.Example.com', SubjectAlternativeNames: ['*.app1.example.com'] });
 * // { DomainName: 'app1.example.com', SubjectAlternativeNames: ['*.app1.example.com'], Tags: [] }
 * ```
 */
export const CrossAccountCertificateProperties = z.object({
  /** The certificate's main name, e.g. `app1.example.com` or `*.app1.example.com`. */
  DomainName: CertificateName,
  /** More names on the certificate. @default none */
  SubjectAlternativeNames: cfn.list(CertificateName).default([]),
  /** The region to request the certificate in (`us-east-1` for CloudFront). @default the provider's region */
  Region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected a region name such as "us-east-1"')
    .optional(),
  /** The key algorithm. @default ACM's, RSA_2048 */
  KeyAlgorithm: z.enum(KEY_ALGORITHMS).optional(),
  /** `ENABLED` or `DISABLED`: whether the certificate is logged in public transparency logs. @default ACM's, ENABLED */
  CertificateTransparencyLoggingPreference: z.enum(['ENABLED', 'DISABLED']).optional(),
  /** Tags of the certificate, as CloudFormation lists them. @default none */
  Tags: z.array(z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) })).default([]),
});

/** The validated properties of a `Custom::CrossAccountCertificate`. */
export type CrossAccountCertificateValues = z.output<typeof CrossAccountCertificateProperties>;

/** The properties of `Custom::CrossAccountCertificateValidation`, which waits until the certificate is issued. */
export const CertificateValidationProperties = z.object({
  /** The certificate to wait for, as `Custom::CrossAccountCertificate` answers it (`Fn::GetAtt Certificate.Arn`). */
  CertificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:/, 'expected an ACM certificate ARN'),
});

/** One DNS record ACM asks for, to validate the names of a certificate. */
export interface ValidationRecord {
  /** e.g. `_1234abcd.app1.example.com`, lower case without the trailing dot. */
  readonly Name: string;
  readonly Type: string;
  /** e.g. `_5678efgh.acm-validations.aws.` */
  readonly Value: string;
}

/** `Fn::GetAtt` attributes of a `Custom::CrossAccountCertificate`. */
export interface CrossAccountCertificateData extends Record<string, unknown> {
  /** The certificate's ARN; the certificate may still wait for validation. */
  readonly Arn: string;
  /** The validation records, one per name of {@link validationDomains}, in its order (`ValidationRecords.0.Name`). */
  readonly ValidationRecords: readonly ValidationRecord[];
}

/** `Fn::GetAtt` attributes of a `Custom::CrossAccountCertificateValidation`. */
export interface CertificateValidationData extends Record<string, unknown> {
  /** The certificate's ARN, once ACM reports it ISSUED. */
  readonly Arn: string;
}
