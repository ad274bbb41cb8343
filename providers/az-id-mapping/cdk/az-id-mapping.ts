import { type Duration, Fn } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkOptions, type OptionsShape } from 'crkit/advanced';
import { CrkitProvider, CrkitResource, providerStatements } from 'crkit/cdk';
import * as z from 'zod';
import { lazySchema } from '../../cdk/props.js';
import { checkedWhereUsed } from '../../options.js';
import { providerEntry } from '../../provider-entry.js';
import { policyStatements } from '../permissions.js';
import { AzIdMappingProperties } from '../properties.js';
import type { AzIdMappingData } from '../zone-map.js';

/** What {@link AzIdMapping} takes. */
export interface AzIdMappingProps {
  /**
   * Physical zone ids (`use1-az1`) wanted, in the order wanted; `zoneNames` follows it.
   * @default every availability zone of the region, ordered by name
   */
  readonly zoneIds?: readonly string[];
  /** How long CloudFormation waits for the provider. @default Duration.seconds(300) */
  readonly serviceTimeout?: Duration;
}

const PROVIDER_ID = 'crkit.az-id-mapping';

// Both go into the resource, checked there (ResourceProperties.ZoneIds by the provider's schema).
const mappingProps = lazySchema(() =>
  z.strictObject({
    zoneIds: checkedWhereUsed(),
    serviceTimeout: checkedWhereUsed(),
  } satisfies OptionsShape<AzIdMappingProps>),
);

/**
 * This account's mapping between availability zone names and physical zone ids, read at deploy time by crkit's
 * az-id-mapping provider (one function per stack): place subnets by zone id so that every account lands in the same
 * physical zones, with no SDK call at synth time.
 *
 * @example
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib';
 * import { CfnSubnet, CfnVPC } from 'aws-cdk-lib/aws-ec2';
 * import { AzIdMapping } from 'crkit/cdk';
 *
 * const stack = new Stack(new App(), 'Network', { env: { account: '111111111111', region: 'us-east-1' } });
 * const zones = new AzIdMapping(stack, 'Zones', { zoneIds: ['use1-az1', 'use1-az2'] });
 * const vpc = new CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
 * new CfnSubnet(stack, 'SubnetA', {
 *   vpcId: vpc.ref,
 *   cidrBlock: '10.0.0.0/24',
 *   availabilityZone: zones.zoneName('use1-az1'),
 * });
 * ```
 */
export class AzIdMapping extends Construct {
  readonly resource: CrkitResource<typeof AzIdMappingProperties, AzIdMappingData>;
  readonly provider: CrkitProvider;
  /**
   * The zone names of `zoneIds`, in that order (`Fn::Select` over `Fn::Split` of the `ZoneNames` attribute). Without
   * `zoneIds` the number of zones is unknown at synth time and this is a list token: pass it whole.
   */
  readonly zoneNames: string[];

  constructor(scope: Construct, id: string, props: AzIdMappingProps = {}) {
    super(scope, id);
    checkOptions(mappingProps(), props);
    this.provider = CrkitProvider.getOrCreate(this, {
      providerId: PROVIDER_ID,
      entry: providerEntry('az-id-mapping'),
      statements: providerStatements(policyStatements),
    });
    this.resource = new CrkitResource<typeof AzIdMappingProperties, AzIdMappingData>(this, 'Default', {
      definition: { resourceType: 'Custom::AzIdMapping', properties: AzIdMappingProperties },
      provider: this.provider,
      properties: props.zoneIds === undefined ? {} : { ZoneIds: [...props.zoneIds] },
      ...(props.serviceTimeout === undefined ? {} : { serviceTimeout: props.serviceTimeout }),
    });
    this.zoneNames = Fn.split(',', this.resource.getAttString('ZoneNames'), props.zoneIds?.length);
  }

  /** The name this account gives the zone `zoneId` (e.g. `use1-az1` -> `us-east-1b`), as a `Fn::GetAtt`. */
  zoneName(zoneId: string): string {
    return this.resource.getAttString(zoneId);
  }

  /** The physical id of this account's zone `zoneName` (e.g. `us-east-1b` -> `use1-az1`), as a `Fn::GetAtt`. */
  zoneId(zoneName: string): string {
    return this.resource.getAttString(zoneName);
  }
}
