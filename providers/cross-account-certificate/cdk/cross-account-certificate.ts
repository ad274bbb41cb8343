import { Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ConfigurationError } from 'crkit';
import { checkOptions, type OptionsShape } from 'crkit/advanced';
import type { ICrkitProvider } from 'crkit/cdk';
import { CrkitProvider, CrkitResource, providerStatements } from 'crkit/cdk';
import * as z from 'zod';
import { lazySchema, nonEmptyString } from '../../cdk/props.js';
import {
  assumedRole,
  CrossAccountDnsRecord,
} from '../../cross-account-dns-record/cdk/cross-account-dns-record.js';
import { checkedWhereUsed } from '../../options.js';
import { providerEntry } from '../../provider-entry.js';
import { policyStatements } from '../permissions.js';
import {
  CERTIFICATE_RESOURCE_TYPES,
  type CertificateValidationData,
  CertificateValidationProperties,
  type CrossAccountCertificateData,
  CrossAccountCertificateProperties,
  type KEY_ALGORITHMS,
} from '../properties.js';
import { validationDomains } from '../validation-domains.js';

/** What {@link CrossAccountCertificate} takes: the names, the zone, and how the DNS account is reached. */
export interface CrossAccountCertificateProps {
  /** The certificate's main name, e.g. `app1.example.com`; a change replaces the certificate. */
  readonly domainName: string;
  /** More names; a change replaces the certificate. @default none */
  readonly subjectAlternativeNames?: readonly string[];
  /** The region of the certificate (`us-east-1` for CloudFront). @default this stack's region */
  readonly region?: string;
  /**
   * The DNS account's SNS-backed record provider, e.g.
   * `{ serviceToken: CrossAccountDnsRecordProvider.serviceTokenFor({ account, region }) }`; its allowlist must grant
   * this account the certificate's names.
   * @default none: give `role` instead
   */
  readonly dnsProvider?: ICrkitProvider;
  /** A role in the DNS account that a record provider in this stack assumes. @default none: give `dnsProvider` */
  readonly role?: { readonly roleArn: string; readonly externalId?: string };
  /** The hosted zone's id in the DNS account; give this or `hostedZoneName`. @default none */
  readonly hostedZoneId?: string;
  /** The hosted zone's name in the DNS account; give this or `hostedZoneId`. @default none */
  readonly hostedZoneName?: string;
  /** The key algorithm; a change replaces the certificate. @default RSA_2048 */
  readonly keyAlgorithm?: (typeof KEY_ALGORITHMS)[number];
  /** Whether the certificate is logged in certificate transparency logs; updates in place. @default true */
  readonly transparencyLogging?: boolean;
  /** Tags of the certificate; they update in place. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** How long CloudFormation waits for the certificate to be issued. @default Duration.minutes(30) */
  readonly serviceTimeout?: Duration;
}

const PROVIDER_ID = 'crkit.cross-account-certificate';

// The certificate's own values go into ResourceProperties, checked there by the provider's schema.
const certificateProps = lazySchema(() =>
  z.strictObject({
    domainName: nonEmptyString('a domain name'),
    subjectAlternativeNames: checkedWhereUsed(),
    region: checkedWhereUsed(),
    dnsProvider: checkedWhereUsed(),
    role: assumedRole().optional(),
    hostedZoneId: checkedWhereUsed(),
    hostedZoneName: checkedWhereUsed(),
    keyAlgorithm: checkedWhereUsed(),
    transparencyLogging: checkedWhereUsed(),
    tags: checkedWhereUsed(),
    serviceTimeout: checkedWhereUsed(),
  } satisfies OptionsShape<CrossAccountCertificateProps>),
);

/**
 * An ACM certificate in this account, validated by DNS in a hosted zone of another account: the certificate resource
 * requests it and answers its validation records, one `CrossAccountDnsRecord` per name writes each record into the
 * DNS account's zone (through its SNS-backed provider or an assumed role), shared with any other certificate for the
 * same name, and a validation resource waits until ACM reports it ISSUED. `certificateArn` is the issued certificate.
 *
 * @example
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib';
 * import { CrossAccountCertificate, CrossAccountDnsRecordProvider } from 'crkit/cdk';
 *
 * const stack = new Stack(new App(), 'App1', { env: { account: '111111111111', region: 'us-east-1' } });
 * const certificate = new CrossAccountCertificate(stack, 'Certificate', {
 *   domainName: 'app1.example.com',
 *   subjectAlternativeNames: ['*.app1.example.com'],
 *   dnsProvider: {
 *     serviceToken: CrossAccountDnsRecordProvider.serviceTokenFor({ account: '222222222222', region: 'us-east-1' }),
 *   },
 *   hostedZoneName: 'example.com',
 * });
 * certificate.certificateArn; // for a load balancer listener or a CloudFront distribution
 * ```
 */
export class CrossAccountCertificate extends Construct {
  /** The ARN of the certificate, once issued. */
  readonly certificateArn: string;
  readonly certificate: CrkitResource<typeof CrossAccountCertificateProperties, CrossAccountCertificateData>;
  readonly validation: CrkitResource<typeof CertificateValidationProperties, CertificateValidationData>;
  /** One record per name to validate (wildcards share their base name's). */
  readonly validationRecords: readonly CrossAccountDnsRecord[];

  constructor(scope: Construct, id: string, props: CrossAccountCertificateProps) {
    super(scope, id);
    checkOptions(certificateProps(), props);
    const names = [props.domainName, ...(props.subjectAlternativeNames ?? [])];
    if (names.some((name) => Token.isUnresolved(name))) {
      throw new ConfigurationError(
        'domainName',
        'expected names known at synth time: one validation record is made per name, so tokens cannot be counted',
      );
    }
    if ((props.dnsProvider === undefined) === (props.role === undefined)) {
      throw new ConfigurationError(
        'dnsProvider',
        "expected either dnsProvider (the DNS account's SNS-backed provider) or role (assumed by a record provider in this stack), not both or neither",
      );
    }
    const provider = CrkitProvider.getOrCreate(this, {
      providerId: PROVIDER_ID,
      entry: providerEntry('cross-account-certificate', 'lambda'),
      statements: providerStatements(policyStatements),
    });
    const timeout = { serviceTimeout: props.serviceTimeout ?? Duration.minutes(30) };
    this.certificate = new CrkitResource(this, 'Certificate', {
      definition: {
        resourceType: CERTIFICATE_RESOURCE_TYPES.certificate,
        properties: CrossAccountCertificateProperties,
      },
      provider,
      properties: {
        DomainName: props.domainName,
        ...(props.subjectAlternativeNames
          ? { SubjectAlternativeNames: [...props.subjectAlternativeNames] }
          : {}),
        ...(props.region === undefined ? {} : { Region: props.region }),
        ...(props.keyAlgorithm === undefined ? {} : { KeyAlgorithm: props.keyAlgorithm }),
        ...(props.transparencyLogging === undefined
          ? {}
          : { CertificateTransparencyLoggingPreference: props.transparencyLogging ? 'ENABLED' : 'DISABLED' }),
        ...(props.tags ? { Tags: Object.entries(props.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
      },
      ...timeout,
    });
    this.validationRecords = validationDomains(props.domainName, props.subjectAlternativeNames).map(
      (_, index) =>
        new CrossAccountDnsRecord(this, `ValidationRecord${index}`, {
          ...(props.dnsProvider === undefined ? {} : { provider: props.dnsProvider }),
          ...(props.role === undefined ? {} : { role: props.role }),
          ...(props.hostedZoneId === undefined ? {} : { hostedZoneId: props.hostedZoneId }),
          ...(props.hostedZoneName === undefined ? {} : { hostedZoneName: props.hostedZoneName }),
          recordName: this.certificate.getAttString(`ValidationRecords.${index}.Name`),
          recordType: 'CNAME',
          values: [this.certificate.getAttString(`ValidationRecords.${index}.Value`)],
          shared: true,
        }),
    );
    this.validation = new CrkitResource(this, 'Validation', {
      definition: {
        resourceType: CERTIFICATE_RESOURCE_TYPES.validation,
        properties: CertificateValidationProperties,
      },
      provider,
      properties: { CertificateArn: this.certificate.getAttString('Arn') },
      ...timeout,
    });
    for (const record of this.validationRecords) this.validation.node.addDependency(record);
    this.certificateArn = this.validation.getAttString('Arn');
  }
}
