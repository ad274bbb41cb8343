import { ValidationError } from 'crkit';

/** One availability zone: its account-specific name and its physical id. */
export interface AvailabilityZone {
  /** e.g. `us-east-1a`; which physical zone a name means differs between accounts. */
  readonly ZoneName: string;
  /** e.g. `use1-az1`; the same physical zone in every account. */
  readonly ZoneId: string;
}

/**
 * `Fn::GetAtt` attributes of a `Custom::AzIdMapping`: every zone id as a key whose value is its name
 * (`use1-az1` -> `us-east-1b`) and every name as a key whose value is its id, plus the requested zones as ordered
 * comma-separated lists for `Fn::Split`.
 */
export type AzIdMappingData = Readonly<Record<string, string>> & {
  /** The requested zones' names, comma-separated, in the requested order (all zones by name when none). */
  readonly ZoneNames: string;
  /** The requested zones' ids, comma-separated, in the same order as `ZoneNames`. */
  readonly ZoneIds: string;
};

/**
 * The attributes for `zones`, `wanted` selecting and ordering `ZoneNames` and `ZoneIds`.
 *
 * @throws {ValidationError} when a wanted id is not a zone of the region; the message lists the ids there are.
 * @example
 * ```ts
 * import { zoneMapData } from './zone-map.js';
 * const zones = [
 *   { ZoneName: 'us-east-1a', ZoneId: 'use1-az6' },
 *   { ZoneName: 'us-east-1b', ZoneId: 'use1-az1' },
 * ];
 * zoneMapData(zones, ['use1-az1']);
 * // { 'use1-az6': 'us-east-1a', 'us-east-1a': 'use1-az6', 'use1-az1': 'us-east-1b', 'us-east-1b': 'use1-az1',
 * //   ZoneNames: 'us-east-1b', ZoneIds: 'use1-az1' }
 * ```
 */
export function zoneMapData(
  zones: readonly AvailabilityZone[],
  wanted?: readonly string[],
  region = 'this region',
): AzIdMappingData {
  const byName = [...zones].sort((a, b) => a.ZoneName.localeCompare(b.ZoneName));
  const byId = new Map(byName.map((zone) => [zone.ZoneId, zone]));
  const unknown = (wanted ?? []).filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    const known = [...byId.keys()].sort().join(', ') || 'none';
    const message = `unknown zone ${unknown.length === 1 ? 'id' : 'ids'} ${unknown.join(', ')} in ${region}; its availability zones are ${known}`;
    throw new ValidationError([{ path: 'ResourceProperties.ZoneIds', message }]);
  }
  const selected = wanted ? wanted.map((id) => byId.get(id) as AvailabilityZone) : byName;
  const pairs = byName.flatMap((zone) => [
    [zone.ZoneId, zone.ZoneName],
    [zone.ZoneName, zone.ZoneId],
  ]);
  return {
    ...Object.fromEntries(pairs),
    ZoneNames: selected.map((zone) => zone.ZoneName).join(','),
    ZoneIds: selected.map((zone) => zone.ZoneId).join(','),
  };
}
