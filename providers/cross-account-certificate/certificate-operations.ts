import { createHash } from 'node:crypto';
import {
  type ACMClient,
  AddTagsToCertificateCommand,
  RemoveTagsFromCertificateCommand,
  RequestCertificateCommand,
  UpdateCertificateOptionsCommand,
} from '@aws-sdk/client-acm';
import type { CompletionContext, CreateContext, DeleteContext, HandlerResult, UpdateContext } from 'crkit';
import { CrkitError } from 'crkit';
import * as z from 'zod';
import {
  certificateFailure,
  deleteCertificate,
  describeCertificate,
  regionOfCertificate,
  validationRecordsOf,
} from './acm-certificate.js';
import type { CrossAccountCertificateData, CrossAccountCertificateValues } from './properties.js';

/** ACM in one region (`undefined`: the provider's own). */
export type AcmFor = (region: string | undefined) => ACMClient;

type Props = CrossAccountCertificateValues;
type Result = HandlerResult<CrossAccountCertificateData>;

const PendingCertificate = z.object({ arn: z.string().min(1) });

/**
 * RequestCertificate's IdempotencyToken (up to 32 word characters): the same for every delivery of one request, so a
 * duplicated Create within the hour ACM remembers it gets the same certificate, not a second one.
 */
function idempotencyToken(event: { StackId: string; LogicalResourceId: string; RequestId: string }): string {
  const text = `${event.StackId}\n${event.LogicalResourceId}\n${event.RequestId}`;
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Requests the certificate with DNS validation; it is ready once ACM publishes its validation records. */
export async function createCertificate(acmFor: AcmFor, context: CreateContext<Props>): Promise<Result> {
  const { properties: props, event, logger } = context;
  const preference = props.CertificateTransparencyLoggingPreference;
  const { CertificateArn } = await acmFor(props.Region).send(
    new RequestCertificateCommand({
      DomainName: props.DomainName,
      ValidationMethod: 'DNS',
      IdempotencyToken: idempotencyToken(event),
      ...(props.SubjectAlternativeNames.length > 0
        ? { SubjectAlternativeNames: props.SubjectAlternativeNames }
        : {}),
      ...(props.KeyAlgorithm === undefined ? {} : { KeyAlgorithm: props.KeyAlgorithm }),
      ...(preference === undefined
        ? {}
        : { Options: { CertificateTransparencyLoggingPreference: preference } }),
      ...(props.Tags.length > 0 ? { Tags: props.Tags } : {}),
    }),
  );
  if (!CertificateArn) throw new CrkitError(`RequestCertificate answered no ARN for ${props.DomainName}`);
  logger.info('certificate requested', { CertificateArn });
  return { physicalResourceId: CertificateArn, pending: { arn: CertificateArn } };
}

/** Tags and the transparency-logging option change in place; every other change is a replacement. */
export async function updateCertificate(acmFor: AcmFor, context: UpdateContext<Props>): Promise<Result> {
  const { properties: props, oldProperties: old, physicalResourceId: arn } = context;
  const acm = acmFor(regionOfCertificate(arn));
  const wanted = new Map(props.Tags.map((tag) => [tag.Key, tag.Value]));
  const removed = old.Tags.filter((tag) => !wanted.has(tag.Key));
  const changed = props.Tags.filter(
    (tag) => !old.Tags.some((o) => o.Key === tag.Key && o.Value === tag.Value),
  );
  if (removed.length > 0) {
    await acm.send(new RemoveTagsFromCertificateCommand({ CertificateArn: arn, Tags: removed }));
  }
  if (changed.length > 0)
    await acm.send(new AddTagsToCertificateCommand({ CertificateArn: arn, Tags: changed }));
  const preference = props.CertificateTransparencyLoggingPreference ?? 'ENABLED';
  if (preference !== (old.CertificateTransparencyLoggingPreference ?? 'ENABLED')) {
    await acm.send(
      new UpdateCertificateOptionsCommand({
        CertificateArn: arn,
        Options: { CertificateTransparencyLoggingPreference: preference },
      }),
    );
  }
  return { pending: { arn } };
}

/** Deletes the certificate its id names (nothing else is needed), waiting while it is in use. */
export async function deleteCertificateOf(
  acmFor: AcmFor,
  context: Pick<DeleteContext<Props>, 'physicalResourceId' | 'logger'>,
): Promise<{ pending: unknown } | undefined> {
  const arn = context.physicalResourceId;
  const region = regionOfCertificate(arn);
  if (region === undefined) return undefined;
  const inUse = await deleteCertificate(acmFor(region), arn);
  if (inUse) context.logger.info('certificate still in use, waiting', { CertificateArn: arn });
  return inUse ? { pending: { arn } } : undefined;
}

/**
 * Create and Update: ready once ACM has published the validation records (their names and values are the Data the
 * record resources are made from). Delete: tries the delete again, until the certificate is no longer in use.
 */
export async function certificateProgress(
  acmFor: AcmFor,
  context: CompletionContext<Props>,
): Promise<Result> {
  if (context.requestType === 'Delete') return (await deleteCertificateOf(acmFor, context)) ?? {};
  const state = PendingCertificate.parse(context.state);
  const detail = await describeCertificate(acmFor(regionOfCertificate(state.arn)), state.arn, context.signal);
  const failure = certificateFailure(detail);
  if (failure) throw failure;
  const records = validationRecordsOf(detail);
  return records ? { data: { Arn: state.arn, ValidationRecords: records } } : { pending: state };
}
