import { AccountPrincipal, AnyPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { ConfigurationError } from '../errors.js';
import { accountId, organizationId } from '../validation/option-rules.js';
import { listOf, type RulesShape } from '../validation/option-schemas.js';
import { orToken } from './prop-rules.js';

/**
 * Who may publish requests to an SNS-backed provider's topic: listed accounts, member accounts of listed
 * organizations, or both.
 *
 * @example
 * ```ts
 * import type { Publishers } from 'crkit/cdk';
 *
 * const publishers: Publishers = { allowedAccounts: ['111111111111'], allowedOrganizations: ['o-exampleorgid'] };
 * ```
 */
export interface Publishers {
  /** Account ids (12 digits) whose stacks may use the provider. @default [] */
  readonly allowedAccounts?: readonly string[];
  /** AWS Organizations ids (`o-...`) whose member accounts may use the provider. @default [] */
  readonly allowedOrganizations?: readonly string[];
}

/** The rules of {@link Publishers}: the ids `allowAccounts` takes, or deploy-time values. */
export const publishersShape = (): RulesShape<Publishers> => ({
  allowedAccounts: listOf(orToken(accountId), 'a list of account ids').optional(),
  allowedOrganizations: listOf(orToken(organizationId), 'a list of organization ids').optional(),
});

/**
 * The topic policy statements that let only the given accounts, or principals of the given organizations (the
 * `aws:PrincipalOrgID` condition), publish; the ids were checked with the construct's props ({@link publishersShape}). CloudFormation publishes a stack's requests with the credentials of
 * the stack's operation (its caller or service role), which belong to the stack's account.
 */
export function publishStatements(topic: ITopic, publishers: Publishers): PolicyStatement[] {
  const accounts = publishers.allowedAccounts ?? [];
  const organizations = publishers.allowedOrganizations ?? [];
  if (accounts.length === 0 && organizations.length === 0) {
    throw new ConfigurationError(
      'allowedAccounts',
      'expected at least one account id (or an id in allowedOrganizations) that may publish requests',
    );
  }
  const statements: PolicyStatement[] = [];
  if (accounts.length > 0) {
    statements.push(
      new PolicyStatement({
        sid: 'CrkitAllowedAccountsPublish',
        actions: ['sns:Publish'],
        principals: accounts.map((account) => new AccountPrincipal(account)),
        resources: [topic.topicArn],
      }),
    );
  }
  if (organizations.length > 0) {
    statements.push(
      new PolicyStatement({
        sid: 'CrkitAllowedOrganizationsPublish',
        actions: ['sns:Publish'],
        principals: [new AnyPrincipal()],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': [...organizations] } },
      }),
    );
  }
  return statements;
}
