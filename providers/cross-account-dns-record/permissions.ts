import type { ProviderPolicyStatement } from 'crkit/advanced';

export type { ProviderPolicyStatement };
/**
 * The least-privilege IAM statements for whoever changes the records in the DNS account: the role the
 * application account's function assumes there (Lambda-backed), or the SNS-backed function's own role. Narrow
 * `hostedzone/*` to your zones, and limit the names with the condition key
 * `route53:ChangeResourceRecordSetsNormalizedRecordNames` (Route 53 Developer Guide, "Using IAM policy conditions for
 * fine-grained access control"). ListHostedZonesByName supports no resource-level permissions, hence `*`; it is
 * only called for `HostedZoneName`.
 *
 * @example
 * ```ts
 * import { policyStatements } from 'crkit/providers/cross-account-dns-record';
 * const actions = policyStatements.flatMap((statement) => statement.actions);
 * ```
 */
export const policyStatements = [
  {
    actions: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub placeholders, substituted by CloudFormation.
    resources: ['arn:${AWS::Partition}:route53:::hostedzone/*'],
  },
  {
    actions: ['route53:GetChange'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub placeholders, substituted by CloudFormation.
    resources: ['arn:${AWS::Partition}:route53:::change/*'],
  },
  { actions: ['route53:ListHostedZonesByName'], resources: ['*'] },
] as const satisfies readonly ProviderPolicyStatement[];

/**
 * What the application account's function needs besides (Lambda-backed shape): to assume the DNS account's role,
 * granted on that role's ARN. The role's trust policy must name the function's role, and should require
 * `sts:ExternalId`.
 *
 * @example
 * ```ts
 * import { assumeRoleActions } from 'crkit/providers/cross-account-dns-record';
 * assumeRoleActions; // ['sts:AssumeRole']
 * ```
 */
export const assumeRoleActions = ['sts:AssumeRole'] as const;

/**
 * Every IAM action the cross-account-dns-record provider calls, in either account.
 *
 * @example
 * ```ts
 * import { requiredActions } from 'crkit/providers/cross-account-dns-record';
 * requiredActions.includes('route53:GetChange'); // true
 * ```
 */
export const requiredActions: readonly string[] = [
  ...policyStatements.flatMap((statement) => statement.actions),
  ...assumeRoleActions,
];
