import { CFN_LIMITS, CREATE_FAILED_MARKER } from '../constants.js';
import { sha256 } from './lazy-builtins.js';

interface RequestIdentity {
  readonly StackId: string;
  readonly LogicalResourceId: string;
  readonly RequestId: string;
}

/** The stack name inside a stack ARN (`arn:aws:cloudformation:region:account:stack/NAME/guid`). */
function stackName(stackId: string): string {
  return /:stack\/([^/]+)\//.exec(stackId)?.[1] ?? 'stack';
}

/**
 * crkit's default physical id for a Create (or a replacing Update): `<stack>-<LogicalResourceId>-<hash>`, where the
 * hash covers StackId, LogicalResourceId and RequestId. A retried or duplicated request gets the same id; it stays
 * readable and is far below CloudFormation's 1 KB limit (stack names are at most 128 characters, logical ids 255).
 *
 * @example
 * ```ts
 * import { defaultPhysicalResourceId } from 'crkit/advanced';
 * defaultPhysicalResourceId({
 *   StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/5b9a8f10',
 *   LogicalResourceId: 'TestUser',
 *   RequestId: 'r-1',
 * }); // 'app-TestUser-' followed by 16 hex digits
 * ```
 */
export function defaultPhysicalResourceId(request: RequestIdentity): string {
  const hash = sha256(`${request.StackId}\n${request.LogicalResourceId}\n${request.RequestId}`).slice(0, 16);
  return `${stackName(request.StackId)}-${request.LogicalResourceId}-${hash}`;
}

/** A RequestId as CloudFormation sends it (a UUID): anything else, or anything long, is hashed into the marker. */
const PLAIN_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id answered for a Create that failed; the rollback Delete carrying it is answered without a user delete. It
 * is at most 1,024 bytes whatever the RequestId holds: an unusual RequestId is replaced by its SHA-256.
 */
export function createFailedMarker(requestId: string): string {
  const suffix = PLAIN_REQUEST_ID.test(requestId) ? requestId : sha256(requestId);
  return `${CREATE_FAILED_MARKER}${suffix}`;
}

/**
 * The id a failure answers for `request` (a raw event): its current id when it has a valid one, else (a Create, or
 * an event too broken to carry one) the create-failed marker.
 */
export function failureId(request: unknown): string {
  const record = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  const current = record.PhysicalResourceId;
  if (physicalIdProblem(current) === undefined) return current as string;
  const requestId =
    typeof record.RequestId === 'string' && record.RequestId !== '' ? record.RequestId : 'unknown';
  return createFailedMarker(requestId);
}

/** Whether `physicalResourceId` is the marker of a failed Create. */
export function isCreateFailedMarker(physicalResourceId: string): boolean {
  return physicalResourceId.startsWith(CREATE_FAILED_MARKER);
}

/**
 * Why a handler may not return `id` as its physical id, or `undefined` when it may: the answer's rules, and not the
 * create-failed marker's prefix, which crkit alone issues (a Delete carrying it is answered without calling delete,
 * so a real resource under such an id would never be deleted).
 */
export function handlerIdProblem(id: unknown): string | undefined {
  const problem = physicalIdProblem(id);
  if (problem !== undefined) return problem;
  return isCreateFailedMarker(id as string)
    ? `expected an id not starting with "${CREATE_FAILED_MARKER}" (crkit's own)`
    : undefined;
}

/** A value as a Reason may quote it; never throws (a Proxy, a throwing toJSON, a symbol). */
function shownValue(value: unknown): string {
  try {
    if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return `a ${typeof value} that could not be read`;
  }
}

/** Why `id` cannot be a physical id, or `undefined` when it can. */
export function physicalIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || id.length === 0) {
    return `expected a non-empty string, got ${shownValue(id)}`;
  }
  const bytes = Buffer.byteLength(id, 'utf8');
  if (bytes > CFN_LIMITS.maxPhysicalResourceIdBytes) {
    return `expected at most ${CFN_LIMITS.maxPhysicalResourceIdBytes} bytes, got ${bytes}`;
  }
  return undefined;
}
