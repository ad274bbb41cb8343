import type { ProviderPolicyStatement } from 'crkit/advanced';

/**
 * The least-privilege IAM statements of the certificate provider's function, in the application account. ACM's
 * RequestCertificate supports no resource-level permission (the certificate does not exist yet), hence `*`; the
 * other actions are granted on the account's certificates in any region. The validation records are written by the
 * cross-account-dns-record provider, with its own permissions.
 *
 * @example
 * ```ts
 * import { policyStatements } from 'crkit/providers/cross-account-certificate';
 * const actions = policyStatements.flatMap((statement) => statement.actions);
 * ```
 */
export const policyStatements = [
  { actions: ['acm:RequestCertificate', 'acm:AddTagsToCertificate'], resources: ['*'] },
  {
    actions: [
      'acm:DescribeCertificate',
      'acm:DeleteCertificate',
      'acm:AddTagsToCertificate',
      'acm:RemoveTagsFromCertificate',
      'acm:UpdateCertificateOptions',
    ],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub placeholders, substituted by CloudFormation.
    resources: ['arn:${AWS::Partition}:acm:*:${AWS::AccountId}:certificate/*'],
  },
] as const satisfies readonly ProviderPolicyStatement[];

/**
 * Every IAM action the certificate provider calls.
 *
 * @example
 * ```ts
 * import { requiredActions } from 'crkit/providers/cross-account-certificate';
 * requiredActions.includes('acm:DeleteCertificate'); // true
 * ```
 */
export const requiredActions: readonly string[] = [
  ...new Set(policyStatements.flatMap((statement) => statement.actions)),
];
