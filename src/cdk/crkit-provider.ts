import { Stack } from 'aws-cdk-lib';
import type { IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HANDLER_EXPORTS } from '../constants.js';
import { ConfigurationError } from '../errors.js';
import { matching } from '../validation/option-rules.js';
import { lazy, option, optionsObject, parseOptions, type RulesShape } from '../validation/option-schemas.js';
import { type CrkitFunctionOptions, functionOptionsShape } from './function-options.js';
import { checkLeastPrivilege } from './least-privilege.js';
import { createProviderFunction } from './provider-function.js';
import type { ICrkitProvider } from './provider-ref.js';

/** What {@link CrkitProvider.getOrCreate} takes. */
export interface CrkitProviderProps extends CrkitFunctionOptions {
  /**
   * Who the provider is, e.g. `acme.widget`: one function per stack serves every resource of this id. The first
   * call's options make the function; later calls may only add `statements`.
   */
  readonly providerId: string;
}

const providerProps = lazy(() =>
  optionsObject({
    ...functionOptionsShape(),
    providerId: option(
      matching(/^[A-Za-z0-9._-]{1,64}$/, '1 to 64 letters, digits or ._- (e.g. "acme.widget")'),
    ),
  } satisfies RulesShape<CrkitProviderProps>),
);

/**
 * A Lambda-backed custom-resource provider: one function per stack and provider id, bundled from an entry module with
 * a local esbuild, with its own least-privilege role and a log group with retention.
 *
 * @example
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib';
 * import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
 * import { CrkitProvider } from 'crkit/cdk';
 *
 * const stack = new Stack(new App(), 'Widgets');
 * const provider = CrkitProvider.getOrCreate(stack, {
 *   providerId: 'acme.widget',
 *   entry: 'src/widget-provider.ts',
 *   statements: [new PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['*'] })],
 * });
 * provider.serviceToken; // the function's ARN
 * ```
 */
export class CrkitProvider extends Construct implements ICrkitProvider {
  /**
   * The stack's provider of `props.providerId`, made on first use. Asking again with another `entry` is an error;
   * `statements` of every call are added to the role.
   */
  static getOrCreate(scope: Construct, props: CrkitProviderProps): CrkitProvider {
    parseOptions(providerProps(), props);
    const stack = Stack.of(scope);
    const id = `CrkitProvider-${props.providerId}`;
    const existing = stack.node.tryFindChild(id);
    if (existing === undefined) return new CrkitProvider(stack, id, props);
    if (!(existing instanceof CrkitProvider) || existing.entry !== props.entry) {
      throw new ConfigurationError(
        'providerId',
        `${props.providerId} already serves ${existing instanceof CrkitProvider ? existing.entry : 'another construct'} in this stack; give each provider its own id`,
      );
    }
    for (const statement of props.statements ?? []) existing.addToRolePolicy(statement);
    return existing;
  }

  /** The function's ARN: the `ServiceToken` of every resource it serves. */
  readonly serviceToken: string;
  readonly function: LambdaFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;
  /** The module bundled into the function. */
  readonly entry: string;

  /** Use {@link CrkitProvider.getOrCreate}, which keeps one function per stack and provider id. */
  protected constructor(scope: Construct, id: string, props: CrkitProviderProps) {
    super(scope, id);
    const parts = createProviderFunction(this, props, HANDLER_EXPORTS.lambda);
    this.function = parts.function;
    this.role = parts.role;
    this.logGroup = parts.logGroup;
    this.serviceToken = parts.function.functionArn;
    this.entry = props.entry;
  }

  /** Lets the provider do more, e.g. act on one more resource; wildcard actions are refused. */
  addToRolePolicy(statement: PolicyStatement): void {
    checkLeastPrivilege([statement], 'statement');
    this.role.addToPrincipalPolicy(statement);
  }
}
