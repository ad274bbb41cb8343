import {
  type ACMClient,
  type CertificateDetail,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
} from '@aws-sdk/client-acm';
import { CrkitError } from 'crkit';
import type { ValidationRecord } from './properties.js';
import { validationDomains } from './validation-domains.js';

/** `arn:aws:acm:<region>:<account>:certificate/<id>`, the physical id of a certificate: all its Delete needs. */
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/;

/** The region of an ACM certificate ARN, or `undefined` when `id` is no such ARN. */
export function regionOfCertificate(id: string): string | undefined {
  return CERTIFICATE_ARN.exec(id)?.[1];
}

/**
 * Statuses after which ACM never issues the certificate (ACM API Reference, CertificateDetail.Status): waiting on
 * is pointless, and the request fails naming the domain and status.
 */
const FINAL_STATUSES = new Set(['FAILED', 'VALIDATION_TIMED_OUT', 'REVOKED', 'EXPIRED', 'INACTIVE']);

/** Whether `error` is an AWS SDK error with one of these names. */
export const isAwsError = (error: unknown, ...names: readonly string[]) =>
  error instanceof Error && names.includes(error.name);

/** The certificate as ACM describes it now. */
export async function describeCertificate(acm: ACMClient, arn: string, signal?: AbortSignal) {
  const { Certificate } = await acm.send(
    new DescribeCertificateCommand({ CertificateArn: arn }),
    signal ? { abortSignal: signal } : {},
  );
  if (!Certificate) throw new CrkitError(`DescribeCertificate answered nothing for ${arn}`);
  return Certificate;
}

/** The error for a certificate ACM will not issue, or `undefined` while it still may. */
export function certificateFailure(detail: CertificateDetail): CrkitError | undefined {
  const status = detail.Status ?? 'UNKNOWN';
  if (!FINAL_STATUSES.has(status)) return undefined;
  const reason = detail.FailureReason ? ` (${detail.FailureReason})` : '';
  return new CrkitError(
    `the certificate for ${detail.DomainName} is ${status}${reason}: check that the validation records are in the ` +
      'hosted zone and that CAA records allow amazon.com, then deploy again',
  );
}

const normalized = (name: string) => name.toLowerCase().replace(/\.$/, '');

/**
 * The validation records of the certificate, one per name of {@link validationDomains} in its order, or `undefined`
 * while ACM has not yet published all of them (it takes a few seconds after the request).
 */
export function validationRecordsOf(detail: CertificateDetail): ValidationRecord[] | undefined {
  const options = detail.DomainValidationOptions ?? [];
  const domains = validationDomains(detail.DomainName ?? '', detail.SubjectAlternativeNames ?? []);
  const records: ValidationRecord[] = [];
  for (const domain of domains) {
    const option = options.find(
      (each) => each.ResourceRecord && validationDomains(each.DomainName ?? '')[0] === domain,
    );
    const record = option?.ResourceRecord;
    if (!record?.Name || !record.Value) return undefined;
    records.push({ Name: normalized(record.Name), Type: record.Type ?? 'CNAME', Value: record.Value });
  }
  return records;
}

/**
 * Deletes the certificate; answers `'in-use'` while a distribution or load balancer still uses it (ACM refuses with
 * ResourceInUseException), and nothing once it is gone, already gone included.
 */
export async function deleteCertificate(acm: ACMClient, arn: string): Promise<'in-use' | undefined> {
  try {
    await acm.send(new DeleteCertificateCommand({ CertificateArn: arn }));
  } catch (error) {
    if (isAwsError(error, 'ResourceNotFoundException')) return undefined;
    if (isAwsError(error, 'ResourceInUseException')) return 'in-use';
    throw error;
  }
  return undefined;
}
