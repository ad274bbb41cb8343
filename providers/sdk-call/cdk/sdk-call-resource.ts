import { type Duration, Lazy, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkOptions, type OptionsShape } from 'crkit/advanced';
import { CrkitProvider, CrkitResource, checkLeastPrivilege } from 'crkit/cdk';
import * as z from 'zod';
import { lazySchema } from '../../cdk/props.js';
import { checkedWhereUsed } from '../../options.js';
import { providerEntry } from '../../provider-entry.js';
import { runtimeValuesIn } from '../markers.js';
import { SDK_CALL_RESOURCE_TYPE, SDK_CALL_SENSITIVE_PROPERTIES, SdkCallProperties } from '../properties.js';
import type { SdkCallDescription } from './sdk-call.js';
import { readStatementOf } from './sdk-call-value.js';

/** One call, or calls made in order. */
export type SdkCallStep = SdkCallDescription | readonly SdkCallDescription[];

/** What {@link SdkCallResource} takes. */
export interface SdkCallResourceProps {
  /** The calls made on Create. @default none */
  readonly onCreate?: SdkCallStep;
  /** The calls made on an in-place Update. @default none: an update is a replacement (onCreate, then onDelete on the old) */
  readonly onUpdate?: SdkCallStep;
  /** The calls made on Delete; declare the not-found error in `ignoreErrors` so a second Delete succeeds. @default none */
  readonly onDelete?: SdkCallStep;
  /**
   * The physical id: a literal (`{ id }`) or a field of the step's output (`{ responseField }`).
   * @default crkit's deterministic id on Create; an update keeps the current one
   */
  readonly physicalResourceId?: { readonly id: string } | { readonly responseField: string };
  /** Output fields to return besides those read with `getResponseField`. @default none */
  readonly outputPaths?: readonly string[];
  /** How long CloudFormation waits for the provider. @default Duration.seconds(300) */
  readonly serviceTimeout?: Duration;
  /** What a stack delete does to the resource. @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

const PROVIDER_ID = 'crkit.sdk-call';

// Each goes into the resource, checked there (ResourceProperties by the provider's schema, the rest by CrkitResource).
const sdkCallProps = lazySchema(() =>
  z.strictObject({
    onCreate: checkedWhereUsed(),
    onUpdate: checkedWhereUsed(),
    onDelete: checkedWhereUsed(),
    physicalResourceId: checkedWhereUsed(),
    outputPaths: checkedWhereUsed(),
    serviceTimeout: checkedWhereUsed(),
    removalPolicy: checkedWhereUsed(),
  } satisfies OptionsShape<SdkCallResourceProps>),
);
const STEPS = ['onCreate', 'onUpdate', 'onDelete'] as const;

const callsOf = (step: SdkCallStep | undefined): readonly SdkCallDescription[] =>
  step === undefined ? [] : 'spec' in step ? [step] : step;

/**
 * Plain AWS SDK v3 calls as a custom resource (`Custom::SdkCall`), typed by the SDK's own client and command classes:
 * several calls per step, errors to ignore by name, values read at run time from Secrets Manager or SSM, Data holding
 * only the fields the stack reads, and least-privilege IAM statements derived from the calls, in a policy of this
 * resource's own that outlives its Delete. One provider function per stack serves every `SdkCallResource`.
 *
 * @example
 * ```ts
 * import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
 * import { App, Stack } from 'aws-cdk-lib';
 * import { SdkCallResource, sdkCall } from 'crkit/cdk';
 *
 * const stack = new Stack(new App(), 'Config');
 * const mode = new SdkCallResource(stack, 'Mode', {
 *   onCreate: sdkCall(SSMClient, PutParameterCommand, { Name: '/app/mode', Value: 'on', Type: 'String', Overwrite: true }),
 *   onDelete: sdkCall(SSMClient, DeleteParameterCommand, { Name: '/app/mode' }, { ignoreErrors: ['ParameterNotFound'] }),
 *   physicalResourceId: { id: '/app/mode' },
 * });
 * mode.getResponseField('Version'); // a Fn::GetAtt of the parameter's version
 * ```
 */
export class SdkCallResource extends Construct {
  readonly resource: CrkitResource<typeof SdkCallProperties, Record<string, string>>;
  readonly provider: CrkitProvider;
  /** This resource's own IAM policy on the provider's role; the resource DependsOn it, so it outlives the Delete. */
  readonly policy: Policy | undefined;
  private readonly outputPaths: Set<string>;

  constructor(scope: Construct, id: string, props: SdkCallResourceProps) {
    super(scope, id);
    checkOptions(sdkCallProps(), props);
    this.outputPaths = new Set(props.outputPaths);
    this.provider = CrkitProvider.getOrCreate(this, {
      providerId: PROVIDER_ID,
      entry: providerEntry('sdk-call'),
    });
    const statements = this.statementsFor(props);
    checkLeastPrivilege(statements, 'onCreate/onUpdate/onDelete');
    const stack = Stack.of(this);
    // Each step is one JSON text, so that numbers, booleans and nested values reach the SDK as written.
    const step = (calls: SdkCallStep): string => stack.toJsonString(callsOf(calls).map((call) => call.spec));
    const physicalId = props.physicalResourceId;
    this.resource = new CrkitResource<typeof SdkCallProperties, Record<string, string>>(this, 'Default', {
      definition: {
        resourceType: SDK_CALL_RESOURCE_TYPE,
        properties: SdkCallProperties,
        sensitiveProperties: SDK_CALL_SENSITIVE_PROPERTIES,
      },
      provider: this.provider,
      properties: {
        ...(props.onCreate === undefined ? {} : { OnCreate: step(props.onCreate) }),
        ...(props.onUpdate === undefined ? {} : { OnUpdate: step(props.onUpdate) }),
        ...(props.onDelete === undefined ? {} : { OnDelete: step(props.onDelete) }),
        ...(physicalId === undefined
          ? {}
          : {
              PhysicalResourceId:
                'id' in physicalId ? { Id: physicalId.id } : { ResponseField: physicalId.responseField },
            }),
        // Read at synthesis end: every getResponseField made after construction is included.
        OutputPaths: Lazy.list({ produce: () => [...this.outputPaths] }, { omitEmpty: true }),
      },
      ...(props.serviceTimeout === undefined ? {} : { serviceTimeout: props.serviceTimeout }),
      ...(props.removalPolicy === undefined ? {} : { removalPolicy: props.removalPolicy }),
    });
    this.policy =
      statements.length === 0
        ? undefined
        : new Policy(this, 'Policy', { statements, roles: [this.provider.role] });
    if (this.policy) this.resource.resource.node.addDependency(this.policy);
  }

  /** The physical id (`Ref`). */
  get ref(): string {
    return this.resource.ref;
  }

  /**
   * A field of the step's output (`User.Username`, `AvailabilityZones.0.ZoneId`) as a `Fn::GetAtt`; the provider
   * returns exactly the fields asked for, so the answer stays under CloudFormation's 4,096 bytes.
   */
  getResponseField(path: string): string {
    this.outputPaths.add(path);
    return this.resource.getAttString(path);
  }

  /** One statement per call and per runtime value read, merged by resources; never a wildcard action. */
  private statementsFor(props: SdkCallResourceProps): PolicyStatement[] {
    const byResources = new Map<string, { actions: Set<string>; resources: readonly string[] }>();
    const add = (actions: readonly string[], resources: readonly string[]) => {
      const key = JSON.stringify(resources);
      const entry = byResources.get(key) ?? { actions: new Set<string>(), resources };
      for (const action of actions) entry.actions.add(action);
      byResources.set(key, entry);
    };
    for (const step of STEPS) {
      for (const call of callsOf(props[step])) {
        add(call.actions, call.resources);
        for (const value of runtimeValuesIn(call.spec.Input)) {
          const read = readStatementOf(this, value);
          add(read.actions, read.resources);
        }
      }
    }
    return [...byResources.values()].map(
      ({ actions, resources }) =>
        new PolicyStatement({ actions: [...actions].sort(), resources: [...resources] }),
    );
  }
}
