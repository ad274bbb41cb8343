import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { ResourceDefinition } from 'crkit';
import { defineResource } from 'crkit';
import type { OptionsShape } from 'crkit/advanced';
import * as z from 'zod';
import { anObject, checkProviderOptions } from '../options.js';
import { AzIdMappingProperties, type AzIdMappingValues } from './properties.js';
import { type AvailabilityZone, type AzIdMappingData, zoneMapData } from './zone-map.js';

/** Options of {@link createAzIdMappingDefinition}. */
export interface AzIdMappingOptions {
  /** AWS SDK clients to use. @default an EC2 client for the Lambda's region, made on first use */
  readonly clients?: { readonly ec2?: EC2Client };
}

interface Zones {
  readonly zones: AvailabilityZone[];
  readonly region: string | undefined;
}

/** The region's availability zones; Local Zones and Wavelength Zones are left out. */
async function describeZones(client: EC2Client, signal: AbortSignal): Promise<Zones> {
  const command = new DescribeAvailabilityZonesCommand({
    Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }],
  });
  const { AvailabilityZones = [] } = await client.send(command, { abortSignal: signal });
  const zones = AvailabilityZones.flatMap(({ ZoneName, ZoneId, ZoneType }) =>
    // Checked again here: an emulator or a future API version might ignore the filter.
    ZoneName && ZoneId && (ZoneType ?? 'availability-zone') === 'availability-zone'
      ? [{ ZoneName, ZoneId }]
      : [],
  );
  return { zones, region: AvailabilityZones[0]?.RegionName };
}

/**
 * Makes the `Custom::AzIdMapping` definition with your own EC2 client (for tests or another region); the ready-made
 * {@link AzIdMapping} uses the Lambda's region.
 *
 * @example
 * ```ts
 * import { EC2Client } from '@aws-sdk/client-ec2';
 * import { lambdaHandler } from 'crkit';
 * import { createAzIdMappingDefinition } from 'crkit/providers/az-id-mapping';
 *
 * const definition = createAzIdMappingDefinition({ clients: { ec2: new EC2Client({ region: 'eu-west-1' }) } });
 * export const handler = lambdaHandler(definition);
 * ```
 */
export function createAzIdMappingDefinition(
  options: AzIdMappingOptions = {},
): ResourceDefinition<typeof AzIdMappingProperties, AzIdMappingData> {
  checkProviderOptions(
    () =>
      z.strictObject({
        clients: z.strictObject({ ec2: anObject('an EC2Client').optional() }).optional(),
      } satisfies OptionsShape<AzIdMappingOptions>),
    options,
    'createAzIdMappingDefinition',
  );
  let client = options.clients?.ec2;
  const map = async ({ properties, signal }: { properties: AzIdMappingValues; signal: AbortSignal }) => {
    client ??= new EC2Client({});
    const { zones, region } = await describeZones(client, signal);
    return { data: zoneMapData(zones, properties.ZoneIds, region) };
  };
  return defineResource({
    resourceType: 'Custom::AzIdMapping',
    properties: AzIdMappingProperties,
    create: map,
    update: map,
    // Nothing was made: the mapping is only read.
    delete: () => {},
  });
}

/**
 * `Custom::AzIdMapping`: this account's mapping between availability zone names and physical zone ids.
 *
 * @example
 * ```ts
 * import { createRouter, lambdaHandler } from 'crkit';
 * import { AzIdMappingDefinition } from 'crkit/providers/az-id-mapping';
 *
 * export const handler = lambdaHandler(createRouter(AzIdMappingDefinition));
 * ```
 */
export const AzIdMappingDefinition = createAzIdMappingDefinition();
