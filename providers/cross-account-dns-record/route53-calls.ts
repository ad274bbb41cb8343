import {
  type Change,
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  type HostedZone,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { CrkitError, ValidationError } from 'crkit';
import type { RecordId } from './record-id.js';
import { normalizeRecordName } from './record-name.js';
import type { ThrottleRetry } from './throttle-retry.js';

/** A Route 53 client in one account, and how throttled calls to it are retried. */
export interface Route53Caller {
  readonly client: Route53Client;
  readonly retry: ThrottleRetry;
}

const zoneIdOf = (id: string | undefined) => (id ?? '').replace(/^\/hostedzone\//, '');

/** Whether `error` is an AWS SDK error with one of these names (the service's exception type). */
export function isAwsError(error: unknown, ...names: readonly string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}

/**
 * The id of the only hosted zone named `name` (normalised). ListHostedZonesByName lists zones in name order from
 * `DNSName` on, so every zone of that name comes first. Several zones may share a name (a public one and private
 * ones for different VPCs); then the caller must say which by id.
 */
export async function findHostedZoneId(caller: Route53Caller, name: string): Promise<string> {
  const matches: HostedZone[] = [];
  let from: { DNSName?: string; HostedZoneId?: string } = { DNSName: `${name}.` };
  for (;;) {
    const page = await caller.retry(() =>
      caller.client.send(new ListHostedZonesByNameCommand({ ...from, MaxItems: 100 })),
    );
    const zones = page.HostedZones ?? [];
    const named = zones.filter((zone) => normalizeRecordName(zone.Name ?? '') === name);
    matches.push(...named);
    if (!page.IsTruncated || named.length < zones.length) break;
    from = {
      ...(page.NextDNSName === undefined ? {} : { DNSName: page.NextDNSName }),
      ...(page.NextHostedZoneId === undefined ? {} : { HostedZoneId: page.NextHostedZoneId }),
    };
  }
  const [only, ...others] = matches;
  if (only === undefined) {
    const message = `no hosted zone named ${name} in the DNS account: check the name, or give HostedZoneId instead`;
    throw new ValidationError([{ path: 'ResourceProperties.HostedZoneName', message }]);
  }
  if (others.length > 0) {
    const listed = matches
      .map((zone) => `${zoneIdOf(zone.Id)} (${zone.Config?.PrivateZone ? 'private' : 'public'})`)
      .join(', ');
    const message = `${matches.length} hosted zones are named ${name}: ${listed}; give HostedZoneId to say which one`;
    throw new ValidationError([{ path: 'ResourceProperties.HostedZoneName', message }]);
  }
  return zoneIdOf(only.Id);
}

/**
 * The record set `id` names as Route 53 holds it now (values, TTL, any alias), or `undefined` when there is none,
 * the zone included. Sets with a routing policy (a `SetIdentifier`) are never this provider's, so they are skipped.
 */
export async function readRecordSet(
  caller: Route53Caller,
  id: RecordId,
  signal: AbortSignal,
): Promise<ResourceRecordSet | undefined> {
  const command = new ListResourceRecordSetsCommand({
    HostedZoneId: id.hostedZoneId,
    StartRecordName: `${id.name}.`,
    StartRecordType: id.type as ResourceRecordSet['Type'],
    MaxItems: 10,
  });
  try {
    const page = await caller.retry(() => caller.client.send(command, { abortSignal: signal }), signal);
    return (page.ResourceRecordSets ?? []).find(
      (set) => set.Type === id.type && !set.SetIdentifier && normalizeRecordName(set.Name ?? '') === id.name,
    );
  } catch (error) {
    if (isAwsError(error, 'NoSuchHostedZone')) return undefined;
    throw error;
  }
}

/** Sends one change batch (throttling retried) and answers its change id. */
export async function sendChanges(
  caller: Route53Caller,
  hostedZoneId: string,
  changes: readonly Change[],
): Promise<string> {
  const command = new ChangeResourceRecordSetsCommand({
    HostedZoneId: hostedZoneId,
    ChangeBatch: { Comment: 'crkit cross-account-dns-record', Changes: [...changes] },
  });
  const { ChangeInfo } = await caller.retry(() => caller.client.send(command));
  if (!ChangeInfo?.Id)
    throw new CrkitError(`ChangeResourceRecordSets answered no change id for ${hostedZoneId}`);
  return ChangeInfo.Id;
}

/** The status of a change: `PENDING` until every Route 53 name server has it, then `INSYNC`. */
export async function getChangeStatus(caller: Route53Caller, changeId: string): Promise<string> {
  const { ChangeInfo } = await caller.retry(() => caller.client.send(new GetChangeCommand({ Id: changeId })));
  return ChangeInfo?.Status ?? 'PENDING';
}
