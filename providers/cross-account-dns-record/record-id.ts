import { ValidationError } from 'crkit';
import { normalizeRecordName, recordNameProblem } from './record-name.js';

/** What a `Custom::CrossAccountDnsRecord` physical id holds: everything Delete needs, whatever the properties say. */
export interface RecordId {
  /** The hosted zone's id, without `/hostedzone/`. */
  readonly hostedZoneId: string;
  /** The record type, e.g. `A`. */
  readonly type: string;
  /** The record's name, normalised: lower case, without the trailing dot. */
  readonly name: string;
}

// Neither a zone id nor a record type can hold a `|`; the name, which comes last, never does either here.
const SEPARATOR = '|';
const ZONE_ID = /^[A-Z0-9]{1,32}$/;
const TYPE = /^[A-Z0-9]{1,10}$/;

/**
 * The physical id of a record: `<HostedZoneId>|<Type>|<name>`.
 *
 * @example
 * ```ts
 * import { formatRecordId } from './record-id.js';
 * formatRecordId({ hostedZoneId: 'Z0123456789ABC', type: 'A', name: 'app1.example.com' });
 * // 'Z0123456789ABC|A|app1.example.com'
 * ```
 */
export function formatRecordId(id: RecordId): string {
  return [id.hostedZoneId, id.type, id.name].join(SEPARATOR);
}

/**
 * The parts of a physical id made by {@link formatRecordId}, or `undefined` when it is not one.
 *
 * @example
 * ```ts
 * import { parseRecordId } from './record-id.js';
 * parseRecordId('Z0123456789ABC|A|app1.example.com'); // { hostedZoneId: 'Z0123456789ABC', type: 'A', name: ... }
 * ```
 */
export function parseRecordId(physicalResourceId: string): RecordId | undefined {
  const [hostedZoneId = '', type = '', name = '', ...rest] = physicalResourceId.split(SEPARATOR);
  if (rest.length > 0 || !ZONE_ID.test(hostedZoneId) || !TYPE.test(type)) return undefined;
  const normalized = normalizeRecordName(name);
  if (normalized !== name || recordNameProblem(name) !== undefined) return undefined;
  return { hostedZoneId, type, name };
}

/** The parts of a physical id, or a ValidationError saying what was expected. */
export function recordIdOf(physicalResourceId: string): RecordId {
  const id = parseRecordId(physicalResourceId);
  if (id) return id;
  const message = `expected "<HostedZoneId>|<Type>|<record name>", got ${JSON.stringify(physicalResourceId)}`;
  throw new ValidationError([{ path: 'PhysicalResourceId', message }]);
}

/** Whether two ids name the same record set. */
export function sameRecord(a: RecordId, b: RecordId): boolean {
  return a.hostedZoneId === b.hostedZoneId && a.type === b.type && a.name === b.name;
}
