/**
 * One IAM policy statement a provider's role needs: its actions and resources. Providers list theirs so that crkit's
 * CDK constructs grant exactly those, and nothing more.
 *
 * @example
 * ```ts
 * import type { ProviderPolicyStatement } from 'crkit/advanced';
 * const statement: ProviderPolicyStatement = { actions: ['ec2:DescribeAvailabilityZones'], resources: ['*'] };
 * ```
 */
export interface ProviderPolicyStatement {
  readonly actions: readonly string[];
  /** ARNs with `${AWS::Partition}`, `${AWS::Region}` and `${AWS::AccountId}` to substitute, or `*`. */
  readonly resources: readonly string[];
}
