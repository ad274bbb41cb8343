import type { CompletionContext, CreateContext, HandlerResult } from 'crkit';
import { CrkitError } from 'crkit';
import * as z from 'zod';
import { certificateFailure, describeCertificate, regionOfCertificate } from './acm-certificate.js';
import type { AcmFor } from './certificate-operations.js';
import type { CertificateValidationData, CertificateValidationProperties } from './properties.js';

type Props = z.output<typeof CertificateValidationProperties>;
type Result = HandlerResult<CertificateValidationData>;

const PendingValidation = z.object({ arn: z.string().min(1) });

/** Starts waiting for the certificate to be issued; the id names the certificate it waits for. */
export function startValidation(context: CreateContext<Props>): Result {
  const arn = context.properties.CertificateArn;
  return { physicalResourceId: `${arn}/issued`, pending: { arn } };
}

/**
 * Done when ACM reports the certificate ISSUED; a status ACM never leaves fails at once, and so does a certificate
 * still pending validation when `deadlineMs` (the time the operation may take, less one check) has passed, so the
 * Reason names the domain and status instead of a bare timeout.
 */
export async function validationProgress(
  acmFor: AcmFor,
  context: CompletionContext<Props>,
  deadlineMs: number,
): Promise<Result> {
  const { arn } = PendingValidation.parse(context.state);
  const detail = await describeCertificate(acmFor(regionOfCertificate(arn)), arn, context.signal);
  if (detail.Status === 'ISSUED') return { data: { Arn: arn } };
  const failure = certificateFailure(detail);
  if (failure) throw failure;
  if (context.elapsedMs >= deadlineMs) {
    throw new CrkitError(
      `the certificate for ${detail.DomainName} is still ${detail.Status} after ${Math.round(context.elapsedMs / 1000)} s: ` +
        'check that its validation records are in the hosted zone the DNS account serves, or raise the ServiceTimeout',
    );
  }
  return { pending: { arn } };
}
