import { Fn, Token } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ProviderPolicyStatement } from '../resource/policy-statement.js';

/** A provider's own template goes through Fn::Sub; a CDK token, though encoded as `${Token[...]}`, does not. */
const resourceOf = (resource: string): string =>
  !Token.isUnresolved(resource) && resource.includes('${') ? Fn.sub(resource) : resource;

/**
 * IAM statements from a provider's declared ones, `${AWS::Region}` and the like substituted at deploy time.
 *
 * @example
 * ```ts
 * import { providerStatements } from 'crkit/cdk';
 * const statements = providerStatements([
 *   { actions: ['route53:ChangeResourceRecordSets'], resources: ['arn:${AWS::Partition}:route53:::hostedzone/*'] },
 * ]);
 * ```
 */
export function providerStatements(statements: readonly ProviderPolicyStatement[]): PolicyStatement[] {
  return statements.map(
    (statement) =>
      new PolicyStatement({
        actions: [...statement.actions],
        resources: statement.resources.map(resourceOf),
      }),
  );
}
