import { createHash, randomBytes } from 'node:crypto';
import type { Change, ResourceRecordSet } from '@aws-sdk/client-route-53';
import { ValidationError } from 'crkit';
import { isChangeRejection } from './change-coalescer.js';
import type { DnsAccount } from './dns-account.js';
import type { RecordId } from './record-id.js';

/**
 * A shared record's owners are listed in a TXT record beside it, one value per owner. Route 53 carries no mark of
 * who made a record, and a change batch is applied all or nothing, with a DELETE that must repeat the current values
 * exactly (API Reference, ChangeResourceRecordSets): so replacing the owners' values in the same batch as the
 * record's change fails when another owner changed them meanwhile, and the change is read again and retried.
 */
const OWNERS_PREFIX = '_crkit-owners.';
const OWNERS_TTL = 300;
/** Listed for a record that existed before any owner joined it: it is never deleted. */
const PRE_EXISTING = 'pre-existing';
const ATTEMPTS = 4;
/**
 * Each version of the owners' list carries a fresh revision value, so no CREATE ever repeats an earlier one: the
 * emulator moto refuses a CREATE equal to one in its change journal while the name exists, even when the same batch
 * deletes it first (moto/route53/models.py, change_resource_record_sets); Route 53 takes it either way.
 */
const REVISION = 'rev:';

/** Who owns a share: one resource of one stack, as every request about it names it. */
export function ownerOf(event: { readonly StackId: string; readonly LogicalResourceId: string }): string {
  return createHash('sha256')
    .update(`${event.StackId}\n${event.LogicalResourceId}`)
    .digest('hex')
    .slice(0, 24);
}

const ownersIdOf = (id: RecordId): RecordId => ({ ...id, type: 'TXT', name: `${OWNERS_PREFIX}${id.name}` });

const ownersOf = (set: ResourceRecordSet | undefined) =>
  (set?.ResourceRecords ?? [])
    .map((record) => (record.Value ?? '').replace(/^"|"$/g, ''))
    .filter((value) => !value.startsWith(REVISION));

function ownersSet(id: RecordId, owners: readonly string[]): ResourceRecordSet {
  return {
    Name: `${ownersIdOf(id).name}.`,
    Type: 'TXT',
    TTL: OWNERS_TTL,
    ResourceRecords: [`${REVISION}${randomBytes(6).toString('hex')}`, ...owners].map((value) => ({
      Value: `"${value}"`,
    })),
  };
}

/** The owners' record going from `before` to `after` (either may be missing). */
function ownersChanges(
  id: RecordId,
  before: ResourceRecordSet | undefined,
  after: readonly string[],
): Change[] {
  const remove: Change[] = before ? [{ Action: 'DELETE', ResourceRecordSet: before }] : [];
  const add: Change[] =
    after.length > 0 ? [{ Action: 'CREATE', ResourceRecordSet: ownersSet(id, after) }] : [];
  return [...remove, ...add];
}

const comparable = (set: ResourceRecordSet) =>
  (set.ResourceRecords ?? [])
    .map((record) => (record.Value ?? '').toLowerCase().replace(/\.$/, ''))
    .sort()
    .join('\n');

/** Runs `attempt` again while Route 53 rejects its batch because a concurrent owner changed the record first. */
async function retried(attempt: () => Promise<string | undefined>): Promise<string | undefined> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isChangeRejection(error) || tries >= ATTEMPTS) throw error;
    }
  }
}

/**
 * Makes `owner` an owner of the shared record `wanted` names, creating the record when it is missing; a record that
 * exists with other values is refused. Answers the change id, or `undefined` when `owner` already owned it.
 */
export function joinSharedRecord(
  account: DnsAccount,
  id: RecordId,
  wanted: ResourceRecordSet,
  owner: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  return retried(async () => {
    const current = await account.readRecordSet(id, signal);
    const owners = await account.readRecordSet(ownersIdOf(id), signal);
    const listed = ownersOf(owners);
    if (current && comparable(current) !== comparable(wanted)) {
      const message =
        `the ${id.type} record ${id.name} already exists with other values (${comparable(current).replaceAll('\n', ', ')}), ` +
        'and only a record with the same values can be shared: remove it, or give the values it has';
      throw new ValidationError([{ path: 'ResourceProperties.ResourceRecords', message }]);
    }
    if (current && listed.includes(owner)) return undefined;
    const before = current && !owners ? [PRE_EXISTING] : listed;
    const record: Change[] = current ? [] : [{ Action: 'CREATE', ResourceRecordSet: wanted }];
    return account.changeBatch(id.hostedZoneId, [
      ...record,
      ...ownersChanges(id, owners, [...before, owner]),
    ]);
  });
}

/**
 * Removes `owner` from the shared record `id`, and with the last owner its owners' list and the record (a record that
 * existed before anyone joined it stays). Answers
 * the change id, `undefined` when there was nothing to change, or `'not-shared'` when `id` has no owners' list.
 */
export function leaveSharedRecord(
  account: DnsAccount,
  id: RecordId,
  owner: string,
  signal: AbortSignal,
): Promise<string | undefined | 'not-shared'> {
  let shared = true;
  const left = retried(async () => {
    const owners = await account.readRecordSet(ownersIdOf(id), signal);
    if (!owners) {
      shared = false;
      return undefined;
    }
    const listed = ownersOf(owners);
    if (!listed.includes(owner)) return undefined;
    const remaining = listed.filter((each) => each !== owner);
    // The last resource to leave removes the list; the record too, unless it existed before anyone joined it.
    const last = remaining.every((each) => each === PRE_EXISTING);
    const current = last && remaining.length === 0 ? await account.readRecordSet(id, signal) : undefined;
    const record: Change[] = current ? [{ Action: 'DELETE', ResourceRecordSet: current }] : [];
    return account.changeBatch(id.hostedZoneId, [
      ...record,
      ...ownersChanges(id, owners, last ? [] : remaining),
    ]);
  });
  return left.then((changeId) => (shared ? changeId : 'not-shared'));
}
