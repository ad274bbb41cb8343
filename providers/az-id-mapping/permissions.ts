import type { ProviderPolicyStatement } from 'crkit/advanced';

export type { ProviderPolicyStatement };
/**
 * The least-privilege IAM statements of the az-id-mapping provider. An EC2 action without resource-level permissions,
 * as DescribeAvailabilityZones is, takes `*` as its resource (Amazon EC2 User Guide, "Supported Resource-Level
 * Permissions for Amazon EC2 API Actions").
 *
 * @example
 * ```ts
 * import { policyStatements } from 'crkit/providers/az-id-mapping';
 * policyStatements[0].actions; // ['ec2:DescribeAvailabilityZones']
 * ```
 */
export const policyStatements = [
  { actions: ['ec2:DescribeAvailabilityZones'], resources: ['*'] },
] as const satisfies readonly ProviderPolicyStatement[];

/**
 * Every IAM action the az-id-mapping provider calls.
 *
 * @example
 * ```ts
 * import { requiredActions } from 'crkit/providers/az-id-mapping';
 * requiredActions; // ['ec2:DescribeAvailabilityZones']
 * ```
 */
export const requiredActions: readonly string[] = policyStatements.flatMap((statement) => statement.actions);
