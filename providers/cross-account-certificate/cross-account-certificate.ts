import { ACMClient } from '@aws-sdk/client-acm';
import type { HandlerResult, ResourceDefinition } from 'crkit';
import { createRouter, defineResource } from 'crkit';
import type { CompletionOptions, OptionsShape, Router } from 'crkit/advanced';
import * as z from 'zod';
import { aFunction, checkedWhereUsed, checkProviderOptions } from '../options.js';
import {
  type AcmFor,
  certificateProgress,
  createCertificate,
  deleteCertificateOf,
  updateCertificate,
} from './certificate-operations.js';
import {
  CERTIFICATE_RESOURCE_TYPES,
  type CertificateValidationData,
  CertificateValidationProperties,
  type CrossAccountCertificateData,
  CrossAccountCertificateProperties,
} from './properties.js';
import { startValidation, validationProgress } from './validation-operations.js';

/** An ACM certificate ARN, in any partition. */
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

/** Options of {@link createCrossAccountCertificateRouter}. */
export interface CrossAccountCertificateOptions {
  /**
   * Makes the ACM client for a region (`undefined`: the function's own).
   * @default `new ACMClient({ region })`, one per region, kept while the Lambda is warm
   */
  readonly acm?: AcmFor;
  /**
   * How often the certificate is checked. ACM publishes validation records within seconds and issues a certificate
   * within minutes of finding them. @default { initialDelayMs: 2000, maxDelayMs: 10000 }
   */
  readonly completion?: CompletionOptions;
}

function acmClients(options: CrossAccountCertificateOptions): AcmFor {
  if (options.acm) return options.acm;
  const clients = new Map<string, ACMClient>();
  return (region) => {
    const key = region ?? '';
    let client = clients.get(key);
    if (!client) {
      client = new ACMClient(region === undefined ? {} : { region });
      clients.set(key, client);
    }
    return client;
  };
}

/**
 * Makes the router serving the two resources a certificate validated in another account's zone needs:
 * `Custom::CrossAccountCertificate` requests the certificate and answers its ARN and validation records (Data
 * `ValidationRecords.<i>.Name` and `.Value`), and `Custom::CrossAccountCertificateValidation` waits until ACM reports
 * it ISSUED. The records in between are `Custom::CrossAccountDnsRecord` resources of either deployment shape, which
 * the `CrossAccountCertificate` construct creates.
 *
 * @example
 * ```ts
 * import { lambdaHandler } from 'crkit';
 * import { createCrossAccountCertificateRouter } from 'crkit/providers/cross-account-certificate';
 *
 * export const handler = lambdaHandler(createCrossAccountCertificateRouter({ completion: { maxDelayMs: 5000 } }));
 * ```
 */
export function createCrossAccountCertificateRouter(options: CrossAccountCertificateOptions = {}): Router {
  checkProviderOptions(
    () =>
      z.strictObject({
        acm: aFunction('a function (region) => ACMClient').optional(),
        completion: checkedWhereUsed(),
      } satisfies OptionsShape<CrossAccountCertificateOptions>),
    options,
    'createCrossAccountCertificateRouter',
  );
  const acmFor = acmClients(options);
  const completion = options.completion ?? { initialDelayMs: 2000, maxDelayMs: 10_000 };
  const certificate = defineResource({
    resourceType: CERTIFICATE_RESOURCE_TYPES.certificate,
    properties: CrossAccountCertificateProperties,
    replaceOn: ['DomainName', 'SubjectAlternativeNames', 'Region', 'KeyAlgorithm'],
    // Its id is the certificate's ARN; a Delete of any other id (made up by CloudFormation) has nothing to do.
    physicalResourceId: z.string().regex(CERTIFICATE_ARN),
    completion,
    create: (context) => createCertificate(acmFor, context),
    update: (context) => updateCertificate(acmFor, context),
    delete: (context) => deleteCertificateOf(acmFor, context),
    isComplete: (context) => certificateProgress(acmFor, context),
  });
  // Waiting ends one check before crkit's own timeout would, so the Reason names the domain and its status.
  const validation: ResourceDefinition<typeof CertificateValidationProperties, CertificateValidationData> =
    defineResource({
      resourceType: CERTIFICATE_RESOURCE_TYPES.validation,
      properties: CertificateValidationProperties,
      replaceOn: ['CertificateArn'],
      physicalResourceId: z.string().regex(new RegExp(`${CERTIFICATE_ARN.source.slice(0, -1)}/issued$`)),
      completion,
      create: startValidation,
      delete: () => {},
      isComplete(context): Promise<HandlerResult<CertificateValidationData>> {
        // One check before crkit's own timeout: the validation's Reason then names the domain and its status.
        const total = context.timeoutMs - Math.max(250, 2 * (completion.maxDelayMs ?? 1000));
        return validationProgress(acmFor, context, total);
      },
    });
  return createRouter(certificate, validation);
}

export type { CertificateValidationData, CrossAccountCertificateData };

export { CERTIFICATE_RESOURCE_TYPES };
