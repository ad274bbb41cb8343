import type { ProviderPolicyStatement } from 'crkit/advanced';

export type { ProviderPolicyStatement };

import { DEFAULT_SECRET_NAME_PREFIX } from './test-user-id.js';

/**
 * The least-privilege IAM statements of the cognito-test-user provider. The secrets statement covers the default
 * `SecretNamePrefix` (`crkit/cognito-test-user/`); grant the same actions on your own prefix if you set one.
 *
 * @example
 * ```ts
 * import { policyStatements } from 'crkit/providers/cognito-test-user';
 * const actions = policyStatements.flatMap((statement) => statement.actions);
 * ```
 */
export const policyStatements = [
  {
    actions: [
      'cognito-idp:DescribeUserPool',
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminSetUserPassword',
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:AdminDeleteUserAttributes',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminRemoveUserFromGroup',
      'cognito-idp:AdminDeleteUser',
    ],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub placeholders, substituted by CloudFormation.
    resources: ['arn:${AWS::Partition}:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/*'],
  },
  {
    actions: ['secretsmanager:CreateSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:DeleteSecret'],
    resources: [
      `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${DEFAULT_SECRET_NAME_PREFIX}*`,
    ],
  },
] as const satisfies readonly ProviderPolicyStatement[];

/**
 * Every IAM action the cognito-test-user provider calls.
 *
 * @example
 * ```ts
 * import { requiredActions } from 'crkit/providers/cognito-test-user';
 * requiredActions.includes('cognito-idp:AdminCreateUser'); // true
 * ```
 */
export const requiredActions: readonly string[] = policyStatements.flatMap((statement) => statement.actions);
