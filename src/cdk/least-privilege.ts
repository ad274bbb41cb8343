import { Token } from 'aws-cdk-lib';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ConfigurationError } from '../errors.js';

/**
 * Checks that each statement names its actions one by one: no `*` in an action (`s3:*`, `route53:Change*`) and no
 * `NotAction`, which grants everything else. Resources may still be `*` where an action has no resource-level
 * permissions (for example `ec2:DescribeAvailabilityZones`). `option` names the option in the error.
 *
 * @throws {ConfigurationError} naming `option` and the wildcard or NotAction found.
 * @example
 * ```ts
 * import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
 * import { checkLeastPrivilege } from 'crkit/cdk';
 * checkLeastPrivilege([new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })], 'statements');
 * ```
 */
export function checkLeastPrivilege(statements: readonly PolicyStatement[], option: string): void {
  for (const statement of statements) {
    if (statement.notActions.length > 0) {
      throw new ConfigurationError(
        option,
        `NotAction ${JSON.stringify(statement.notActions)} grants every other action; list the actions needed instead`,
      );
    }
    if (statement.actions.length === 0) {
      throw new ConfigurationError(option, 'a statement has no actions; list the actions the provider needs');
    }
    const wildcard = statement.actions.find((action) => !Token.isUnresolved(action) && action.includes('*'));
    if (wildcard !== undefined) {
      throw new ConfigurationError(
        option,
        `action ${JSON.stringify(wildcard)} is a wildcard; list each action the provider needs instead`,
      );
    }
  }
}
