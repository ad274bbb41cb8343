import type { Change, ResourceRecordSet, Route53Client } from '@aws-sdk/client-route-53';
import type { CredentialsProvider } from './assumed-role.js';
import { createChangeCoalescer } from './change-coalescer.js';
import type { RecordId } from './record-id.js';
import {
  findHostedZoneId,
  getChangeStatus,
  type Route53Caller,
  readRecordSet,
  sendChanges,
} from './route53-calls.js';
import type { ThrottleRetry } from './throttle-retry.js';

/** Route 53 in one account (one set of credentials), shared by every request a warm Lambda serves with them. */
export interface DnsAccount {
  /** The id of the only hosted zone with this (normalised) name; remembered for a while. */
  hostedZoneId(name: string): Promise<string>;
  /** The record set as Route 53 holds it now, or `undefined`. */
  readRecordSet(id: RecordId, signal: AbortSignal): Promise<ResourceRecordSet | undefined>;
  /** Submits one change, combined with others for the same zone; resolves to the change id that carried it. */
  change(hostedZoneId: string, change: Change): Promise<string>;
  /** Submits changes as one batch of their own, applied all or nothing; resolves to its change id. */
  changeBatch(hostedZoneId: string, changes: readonly Change[]): Promise<string>;
  /** `PENDING` or `INSYNC`; concurrent and recent asks for one change share one GetChange call. */
  changeStatus(changeId: string): Promise<string>;
}

/** How a {@link DnsAccount} talks to Route 53. */
export interface DnsAccountSettings {
  readonly retry: ThrottleRetry;
  /** How long the change coalescer collects changes for one zone. */
  readonly windowMs: number;
  readonly now: () => number;
}

/** Zones are rarely renamed or recreated: a name is looked up again after this long. */
const ZONE_TTL_MS = 5 * 60 * 1000;
/**
 * Changes submitted together share their id, and their checks, started together, keep the same cadence: checks of
 * one change within this long share one answer.
 */
const STATUS_TTL_MS = 250;
/** Finished changes remembered, at most; past it, the memory starts over. */
const MAX_REMEMBERED = 1000;

interface Remembered<T> {
  readonly value: Promise<T>;
  expiresAt: number;
}

/** A cache of promises: concurrent callers share one call, only answers are kept (for `ttl(answer)`), never errors. */
function memo<T>(now: () => number, ttl: (value: T) => number) {
  const entries = new Map<string, Remembered<T>>();
  return (key: string, load: () => Promise<T>): Promise<T> => {
    const found = entries.get(key);
    if (found && found.expiresAt > now()) return found.value;
    if (entries.size >= MAX_REMEMBERED) entries.clear();
    const entry: Remembered<T> = { value: load(), expiresAt: Number.POSITIVE_INFINITY };
    entries.set(key, entry);
    entry.value.then(
      (value) => {
        entry.expiresAt = now() + ttl(value);
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry.value;
  };
}

/**
 * Route 53 in one account: hosted-zone lookups remembered, changes to one zone coalesced into one change batch,
 * status checks of a shared change shared too. Together they keep a burst of requests (a StackSet rolling out to
 * hundreds of accounts) within Route 53's five requests per second per account.
 */
export function createDnsAccount(
  client: Route53Client,
  settings: DnsAccountSettings,
  credentials?: CredentialsProvider,
): DnsAccount {
  // Resolved before every call (they are cached): a role that cannot be assumed fails with its own message, not
  // with whatever the SDK makes of a failing credentials provider.
  const retry: ThrottleRetry = async (call, signal) => {
    await credentials?.();
    return settings.retry(call, signal);
  };
  const caller: Route53Caller = { client, retry };
  const coalescer = createChangeCoalescer({
    send: (hostedZoneId, changes) => sendChanges(caller, hostedZoneId, changes),
    windowMs: settings.windowMs,
  });
  const zones = memo<string>(settings.now, () => ZONE_TTL_MS);
  const statuses = memo<string>(settings.now, (status) =>
    status === 'INSYNC' ? Number.POSITIVE_INFINITY : STATUS_TTL_MS,
  );
  return {
    // The first caller's signal would abort a lookup others share, so shared calls run to their end.
    hostedZoneId: (name) => zones(name, () => findHostedZoneId(caller, name)),
    readRecordSet: (id, signal) => readRecordSet(caller, id, signal),
    change: (hostedZoneId, change) => coalescer.submit(hostedZoneId, change),
    changeBatch: (hostedZoneId, changes) => sendChanges(caller, hostedZoneId, changes),
    changeStatus: (changeId) => statuses(changeId, () => getChangeStatus(caller, changeId)),
  };
}
