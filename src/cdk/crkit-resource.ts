import { type CfnResource, CustomResource, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';
import type * as z from 'zod';
import { CFN_LIMITS } from '../constants.js';
import type { PropertiesSchema, ResourceData, ResourceDefinition } from '../resource/types.js';
import { checkedElsewhere, isZodSchema } from '../validation/option-rules.js';
import { lazy, option, optionsObject, parseOptions, type RulesShape } from '../validation/option-schemas.js';
import type { AttributeName } from './attribute-name.js';
import { duration, removalPolicy } from './prop-rules.js';
import type { ICrkitProvider } from './provider-ref.js';
import { validateProperties } from './validate-properties.js';

/**
 * What {@link CrkitResource} needs of a resource definition: a definition made by `defineResource`, or just its type
 * and schema (so that a CDK app need not load the provider's runtime code), with `D` then given explicitly.
 */
export type CrkitResourceDefinition<S extends PropertiesSchema, D extends ResourceData> = Pick<
  ResourceDefinition<S, D>,
  'resourceType' | 'properties' | 'sensitiveProperties'
> &
  Partial<Pick<ResourceDefinition<S, D>, 'create' | 'update'>>;

/** What {@link CrkitResource} takes. */
export interface CrkitResourceProps<S extends PropertiesSchema, D extends ResourceData> {
  /** The resource type and its properties schema. */
  readonly definition: CrkitResourceDefinition<S, D>;
  /** Who serves the requests. */
  readonly provider: ICrkitProvider;
  /** The properties, typed and validated by the definition's schema; keys are passed as written. */
  readonly properties: NoInfer<z.input<S>>;
  /**
   * How long CloudFormation waits for an answer before failing the operation: whole seconds from 1 to 3600.
   * @default Duration.seconds(300), not CloudFormation's hour
   */
  readonly serviceTimeout?: Duration;
  /** What a stack delete does to the resource. @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

const GENERIC_TYPE = 'AWS::CloudFormation::CustomResource';

const resourceProps = lazy(() =>
  optionsObject({
    definition: option({
      expected: 'a definition made by defineResource, or its resourceType and properties schema',
      test: (value) =>
        typeof (value as { resourceType?: unknown } | null)?.resourceType === 'string' &&
        isZodSchema((value as { properties?: unknown }).properties),
    }),
    provider: option({
      expected: 'a provider: CrkitProvider.getOrCreate(...), a CrkitSnsProvider or { serviceToken }',
      test: (value) => typeof (value as { serviceToken?: unknown } | null)?.serviceToken === 'string',
    }),
    // Checked against the definition's schema, with the message the provider would give.
    properties: checkedElsewhere(),
    serviceTimeout: option(
      duration(
        `whole seconds from 1 to ${CFN_LIMITS.maxServiceTimeoutSeconds} (CloudFormation's limit)`,
        (seconds) =>
          Number.isInteger(seconds) && seconds >= 1 && seconds <= CFN_LIMITS.maxServiceTimeoutSeconds,
      ),
    ).optional(),
    removalPolicy: option(removalPolicy).optional(),
  } satisfies RulesShape<CrkitResourceProps<PropertiesSchema, ResourceData>>),
);

/**
 * A custom resource whose properties are typed and validated by its crkit definition: a bad property fails
 * `cdk synth` with the message the provider would answer, e.g. `ResourceProperties.Ttl: expected an integer, got
 * "abc"`. Deploy-time values (CDK tokens) are checked only for their type: CloudFormation sends them as strings (a
 * list token as a list of strings), so a schema that rejects a string there fails synth, while their content
 * (format, range, enum) is checked by the provider at deploy time. The resource DependsOn the provider's function
 * and role, so a stack delete keeps them until its Delete is answered.
 *
 * @example
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib';
 * import * as z from 'zod';
 * import { cfn, defineResource } from 'crkit';
 * import { CrkitProvider, CrkitResource } from 'crkit/cdk';
 *
 * const Widget = defineResource({
 *   resourceType: 'Custom::Widget',
 *   properties: z.object({ Name: z.string(), Size: cfn.integer() }),
 *   create: ({ properties }) => ({ data: { Area: properties.Size ** 2 } }),
 *   delete: () => {},
 * });
 * const stack = new Stack(new App(), 'Widgets');
 * const provider = CrkitProvider.getOrCreate(stack, { providerId: 'acme.widget', entry: 'src/widget-provider.ts' });
 * const widget = new CrkitResource(stack, 'Widget', {
 *   definition: Widget,
 *   provider,
 *   properties: { Name: 'w-1', Size: 3 },
 * });
 * widget.getAttString('Area');
 * ```
 */
export class CrkitResource<
  S extends PropertiesSchema = PropertiesSchema,
  D extends ResourceData = ResourceData,
> extends Construct {
  /** The underlying CloudFormation custom resource. */
  readonly resource: CustomResource;
  /** The resource type, e.g. `Custom::Widget`. */
  readonly resourceType: string;

  constructor(scope: Construct, id: string, props: CrkitResourceProps<S, D>) {
    super(scope, id);
    parseOptions(resourceProps(), props);
    const { definition, provider } = props;
    const serviceTimeout = props.serviceTimeout ?? Duration.seconds(300);
    validateProperties(definition, props.properties, this.node.path);
    this.resourceType = definition.resourceType;
    this.resource = new CustomResource(this, 'Default', {
      serviceToken: provider.serviceToken,
      // CDK writes AWS::CloudFormation::CustomResource itself when no type is given, and refuses it when given.
      ...(definition.resourceType === GENERIC_TYPE ? {} : { resourceType: definition.resourceType }),
      properties: props.properties as Record<string, unknown>,
      serviceTimeout,
      ...(props.removalPolicy === undefined ? {} : { removalPolicy: props.removalPolicy }),
    });
    if (definition.resourceType === GENERIC_TYPE) {
      // CDK writes ServiceTimeout as a string, which its own check of AWS::CloudFormation::CustomResource (an
      // integer there) warns about on every synth; Custom:: types are not checked.
      const resource = this.resource.node.defaultChild as CfnResource;
      resource.addPropertyOverride('ServiceTimeout', serviceTimeout.toSeconds());
    }
    // DependsOn the provider (its function, role and the role's default policy), so a stack delete removes none of
    // them before this resource's Delete is answered.
    const targets = new Set<IConstruct>();
    for (const target of [provider, provider.function, provider.role]) {
      if (target !== undefined && Construct.isConstruct(target)) targets.add(target);
    }
    this.resource.node.addDependency(...targets);
  }

  /** The physical id the provider answered (`Ref`). */
  get ref(): string {
    return this.resource.ref;
  }

  /** A `Fn::GetAtt` of one of the attributes the definition's handlers return in `Data`, as a string token. */
  getAttString(name: AttributeName<D>): string {
    return this.resource.getAttString(name);
  }
}
