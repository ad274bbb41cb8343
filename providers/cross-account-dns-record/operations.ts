import type { Change, ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { CompletionContext, CreateContext, DeleteContext, HandlerResult, UpdateContext } from 'crkit';
import { CrkitError, ValidationError } from 'crkit';
import * as z from 'zod';
import { isChangeRejection } from './change-coalescer.js';
import type { DnsAccount } from './dns-account.js';
import type { CrossAccountDnsRecordValues } from './properties.js';
import type { CrossAccountDnsRecordData } from './record-data.js';
import { formatRecordId, parseRecordId, type RecordId, recordIdOf, sameRecord } from './record-id.js';
import { isWithin } from './record-name.js';
import { isAwsError } from './route53-calls.js';
import { joinSharedRecord, leaveSharedRecord, ownerOf } from './shared-record.js';

export type { CrossAccountDnsRecordData };

/** What the operations need of the definition: Route 53 in the right account, and the allowlist's verdict. */
export interface RecordProvider {
  /** Route 53 as the request's role (or the function itself) sees it. */
  account(properties: Pick<CrossAccountDnsRecordValues, 'RoleArn' | 'ExternalId'>): DnsAccount;
  /** Why the account that sent `stackId` may not change `name`, or `undefined` when it may. */
  refusal(stackId: string, name: string): string | undefined;
}

type Props = CrossAccountDnsRecordValues;
type Result = HandlerResult<CrossAccountDnsRecordData>;

/** Seconds resolvers may cache a record whose properties give no TTL. */
const DEFAULT_TTL = 300;

/** What a pending operation carries between checks: the change to wait for. */
const PendingChange = z.object({ changeId: z.string().min(1) });

function guard(provider: RecordProvider, stackId: string, name: string, path: string): void {
  const refusal = provider.refusal(stackId, name);
  if (refusal) throw new ValidationError([{ path, message: refusal }]);
}

/** The record set the properties describe, as Route 53 takes it. */
function recordSet(id: RecordId, props: Props): ResourceRecordSet {
  const base = { Name: `${id.name}.`, Type: id.type as ResourceRecordSet['Type'] };
  const alias = props.AliasTarget;
  if (alias) {
    const { DNSName, HostedZoneId, EvaluateTargetHealth } = alias;
    return { ...base, AliasTarget: { DNSName: `${DNSName}.`, HostedZoneId, EvaluateTargetHealth } };
  }
  const values = props.ResourceRecords ?? [];
  return { ...base, TTL: props.TTL ?? DEFAULT_TTL, ResourceRecords: values.map((Value) => ({ Value })) };
}

function recordChange(action: 'CREATE' | 'UPSERT', id: RecordId, props: Props): Change {
  return { Action: action, ResourceRecordSet: recordSet(id, props) };
}

const dataOf = ({ hostedZoneId, name, type }: RecordId): CrossAccountDnsRecordData => ({
  HostedZoneId: hostedZoneId,
  Name: name,
  Type: type,
});

async function hostedZoneOf(account: DnsAccount, props: Props): Promise<string> {
  if (props.HostedZoneId !== undefined) return props.HostedZoneId;
  const zone = props.HostedZoneName ?? '';
  if (!isWithin(props.Name, zone)) {
    const message = `${props.Name} is not in the hosted zone ${zone}: choose a name that ends in .${zone}`;
    throw new ValidationError([{ path: 'ResourceProperties.Name', message }]);
  }
  return account.hostedZoneId(zone);
}

/**
 * Creates the record; a CREATE, which Route 53 refuses for an existing record, unless `AllowOverwrite` (then an
 * UPSERT). Also runs for an update that replaces the record.
 */
export async function createRecord(provider: RecordProvider, context: CreateContext<Props>): Promise<Result> {
  const { properties: props, event, logger } = context;
  guard(provider, event.StackId, props.Name, 'ResourceProperties.Name');
  const account = provider.account(props);
  const id: RecordId = {
    hostedZoneId: await hostedZoneOf(account, props),
    type: props.Type,
    name: props.Name,
  };
  // A replacement that lands on the record it replaces (its zone named another way, a new role) keeps it, and
  // answering the same id spares it from the cleanup Delete CloudFormation sends for a changed id.
  if (props.Shared) {
    const owner = ownerOf(event);
    const changeId = await joinSharedRecord(account, id, recordSet(id, props), owner, context.signal);
    logger.info('shared record joined', { changeId, ...id });
    const physicalResourceId = formatRecordId(id);
    return changeId === undefined
      ? { physicalResourceId, data: dataOf(id) }
      : { physicalResourceId, pending: { changeId } };
  }
  const previous = event.RequestType === 'Update' ? parseRecordId(event.PhysicalResourceId) : undefined;
  const action = props.AllowOverwrite || (previous && sameRecord(previous, id)) ? 'UPSERT' : 'CREATE';
  try {
    const changeId = await account.change(id.hostedZoneId, recordChange(action, id, props));
    logger.info('record change submitted', { action, changeId, ...id });
    return { physicalResourceId: formatRecordId(id), pending: { changeId } };
  } catch (error) {
    if (
      action === 'CREATE' &&
      isAwsError(error, 'InvalidChangeBatch') &&
      /already exists/i.test(String(error))
    ) {
      const message =
        `the ${id.type} record ${id.name} already exists in hosted zone ${id.hostedZoneId}: set AllowOverwrite ` +
        'to "true" to take it over (this resource then owns and finally deletes it), or remove it first';
      throw new ValidationError([{ path: 'ResourceProperties.Name', message }], { cause: error });
    }
    throw error;
  }
}

/** Changes the values and TTL in place (UPSERT of the same name and type); any other change is a replacement. */
export async function updateRecord(provider: RecordProvider, context: UpdateContext<Props>): Promise<Result> {
  const { properties: props, physicalResourceId, event, logger } = context;
  const id = recordIdOf(physicalResourceId);
  if (id.name !== props.Name || id.type !== props.Type) {
    const message = `names the ${id.type} record ${id.name}, but the properties name the ${props.Type} record ${props.Name}: send the id this resource was created with`;
    throw new ValidationError([{ path: 'PhysicalResourceId', message }]);
  }
  guard(provider, event.StackId, id.name, 'ResourceProperties.Name');
  const changeId = await provider.account(props).change(id.hostedZoneId, recordChange('UPSERT', id, props));
  logger.info('record change submitted', { action: 'UPSERT', changeId, ...id });
  return { pending: { changeId } };
}

/** The role a request names, read from properties that no longer match the schema. */
function roleOfRaw(raw: Readonly<Record<string, unknown>>): Pick<Props, 'RoleArn' | 'ExternalId'> {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const RoleArn = text(raw.RoleArn);
  const ExternalId = text(raw.ExternalId);
  return { ...(RoleArn ? { RoleArn } : {}), ...(ExternalId ? { ExternalId } : {}) };
}

/**
 * Deletes exactly the record the id names, with the values Route 53 holds now (a DELETE must repeat them, and they
 * may have drifted from the properties); a record or zone already gone counts as deleted.
 */
export async function deleteRecord(
  provider: RecordProvider,
  context: DeleteContext<Props>,
): Promise<{ pending: unknown } | undefined> {
  const { properties, rawProperties, physicalResourceId, event, signal, logger } = context;
  const id = recordIdOf(physicalResourceId);
  guard(provider, event.StackId, id.name, 'PhysicalResourceId');
  // Everything else comes from the id: only the role to act as is read, from the raw values when the schema changed.
  const account = provider.account(properties ?? roleOfRaw(rawProperties));
  const left = await leaveSharedRecord(account, id, ownerOf(event), signal);
  if (left !== 'not-shared') {
    logger.info('shared record left', { changeId: left, ...id });
    return left === undefined ? undefined : { pending: { changeId: left } };
  }
  const current = await account.readRecordSet(id, signal);
  if (!current) return undefined;
  try {
    const changeId = await account.change(id.hostedZoneId, { Action: 'DELETE', ResourceRecordSet: current });
    logger.info('record change submitted', { action: 'DELETE', changeId, ...id });
    return { pending: { changeId } };
  } catch (error) {
    // Removed meanwhile: real Route 53 answers InvalidChangeBatch, the emulator moto InvalidInput; a fresh look decides.
    if (isChangeRejection(error) && !(await account.readRecordSet(id, signal))) return undefined;
    throw error;
  }
}

/** Waits for the change to be `INSYNC`, Route 53's word for "every name server answers with it". */
export async function recordInSync(
  provider: RecordProvider,
  context: CompletionContext<Props>,
): Promise<Result> {
  const state = PendingChange.safeParse(context.state);
  if (!state.success)
    throw new CrkitError('the pending state carries no change id: the operation cannot be checked');
  // Authorized like a request: a continuation of an operation on a name the sender may not change reads nothing.
  guard(provider, context.event.StackId, recordIdOf(context.physicalResourceId).name, 'PhysicalResourceId');
  const status = await provider.account(context.properties).changeStatus(state.data.changeId);
  if (status !== 'INSYNC') return { pending: state.data };
  if (context.requestType === 'Delete') return {};
  return { data: dataOf(recordIdOf(context.physicalResourceId)) };
}
