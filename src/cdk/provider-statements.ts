import { Fn, Token } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';

/** A statement as crkit's providers export it: actions, and resources as `Fn::Sub` templates (or `*`). */
export interface ProviderStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** A provider's own template goes through Fn::Sub; a CDK token, though encoded as `${Token[...]}`, does not. */
const resourceOf = (resource: string): string =>
  !Token.isUnresolved(resource) && resource.includes('${') ? Fn.sub(resource) : resource;

/** IAM statements from a provider's exported ones, `${AWS::Region}` and the like substituted at deploy time. */
export function providerStatements(statements: readonly ProviderStatement[]): PolicyStatement[] {
  return statements.map(
    (statement) =>
      new PolicyStatement({
        actions: [...statement.actions],
        resources: statement.resources.map(resourceOf),
      }),
  );
}
