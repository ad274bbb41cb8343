import type { Template } from 'aws-cdk-lib/assertions';

interface Statement {
  readonly Action?: string | readonly string[];
  readonly NotAction?: unknown;
}

function statementsOf(properties: Record<string, unknown>): Statement[] {
  const documents = [
    properties.PolicyDocument,
    ...((properties.Policies as { PolicyDocument: unknown }[] | undefined) ?? []).map(
      (p) => p.PolicyDocument,
    ),
  ];
  return documents.flatMap((document) => (document as { Statement?: Statement[] })?.Statement ?? []);
}

/** Every identity-policy action with a `*` (or a NotAction) in the template: least privilege means none. */
export function wildcardActions(template: Template): string[] {
  const found: string[] = [];
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::Role']) {
    for (const resource of Object.values(template.findResources(type))) {
      for (const statement of statementsOf(
        (resource as { Properties: Record<string, unknown> }).Properties,
      )) {
        if (statement.NotAction !== undefined) found.push('NotAction');
        const actions = typeof statement.Action === 'string' ? [statement.Action] : (statement.Action ?? []);
        found.push(...actions.filter((action) => action.includes('*')));
      }
    }
  }
  return found;
}
