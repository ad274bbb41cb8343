import { cfn } from 'crkit';
import * as z from 'zod';

/**
 * The properties of `Custom::AzIdMapping`: optionally the zone ids wanted, in the order wanted.
 *
 * @example
 * ```ts
 * import { AzIdMappingProperties } from 'crkit/providers/az-id-mapping';
 * AzIdMappingProperties.parse({ ZoneIds: 'use1-az1, use1-az4' }); // { ZoneIds: ['use1-az1', 'use1-az4'] }
 * ```
 */
export const AzIdMappingProperties = z.object({
  /**
   * Physical zone ids (`use1-az1`), as a list or comma-separated text; `ZoneNames` and `ZoneIds` follow this order.
   * @default every availability zone of the region, ordered by name
   */
  ZoneIds: cfn.list(z.string().trim().min(1).max(64)).optional(),
});

/** The validated properties of a `Custom::AzIdMapping`. */
export type AzIdMappingValues = z.output<typeof AzIdMappingProperties>;
