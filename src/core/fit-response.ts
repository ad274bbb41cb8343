import { CFN_LIMITS } from '../constants.js';
import { redact } from '../redact.js';
import { flattenData } from './flatten-data.js';
import type { Outcome } from './outcome.js';
import { createFailedMarker, physicalIdProblem } from './physical-id.js';

/** The fields of a request that a response copies verbatim. */
export interface ResponseTarget {
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
}

/** The JSON body CloudFormation reads from the response object. */
export interface ResponseBody {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly NoEcho?: boolean;
  readonly Data?: Record<string, string>;
}

// C0 and C1 control characters and DEL: each costs six bytes escaped and renders as noise in the console.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** `reason` cut at a code-point boundary so that its JSON encoding takes at most `budget` bytes. */
function trimToBudget(reason: string, budget: number): string {
  if (bytes(JSON.stringify(reason)) <= budget) return reason;
  const ellipsis = '...';
  const chars = Array.from(reason);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (bytes(JSON.stringify(chars.slice(0, mid).join('') + ellipsis)) <= budget) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join('') + ellipsis;
}

function bodyOf(target: ResponseTarget, outcome: Outcome, reason: string | undefined): ResponseBody {
  const data = outcome.status === 'SUCCESS' && outcome.data ? flattenData(outcome.data) : undefined;
  return {
    Status: outcome.status,
    ...(reason === undefined ? {} : { Reason: reason }),
    PhysicalResourceId: outcome.physicalResourceId,
    StackId: target.StackId,
    RequestId: target.RequestId,
    LogicalResourceId: target.LogicalResourceId,
    ...(outcome.noEcho ? { NoEcho: true } : {}),
    ...(data && Object.keys(data).length > 0 ? { Data: data } : {}),
  };
}

function dataTooLarge(body: ResponseBody, over: number): string {
  const largest = Object.entries(body.Data ?? {})
    .map(([key, value]) => ({ key, size: bytes(JSON.stringify(key)) + bytes(JSON.stringify(value)) + 2 }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 3)
    .map(({ key, size }) => `${key} (${size} bytes)`);
  return (
    `response Data is ${over} bytes over CloudFormation's ${CFN_LIMITS.maxResponseBytes}-byte limit; ` +
    `largest keys: ${largest.join(', ')}`
  );
}

/** The serialised body, its size and the outcome it finally carries (a too-large Data turns SUCCESS into FAILED). */
export interface FittedResponse {
  readonly body: string;
  readonly bytes: number;
  readonly outcome: Outcome;
}

/**
 * The copied fields, each cut so that a body with them still has room for an id and a Reason. They come from the
 * request; a real CloudFormation request never needs cutting (a LogicalResourceId is at most 255 characters), but
 * an answer must fit whatever the request carried.
 */
function boundTarget(target: ResponseTarget): ResponseTarget {
  const budget = Math.floor((CFN_LIMITS.maxResponseBytes - CFN_LIMITS.maxPhysicalResourceIdBytes - 600) / 3);
  const cut = (text: string) => (bytes(JSON.stringify(text)) <= budget ? text : trimToBudget(text, budget));
  return {
    StackId: cut(target.StackId),
    RequestId: cut(target.RequestId),
    LogicalResourceId: cut(target.LogicalResourceId),
  };
}

/**
 * An outcome whose id CloudFormation would reject (not a string, empty, over 1,024 bytes) becomes FAILED with
 * `fallbackId`: every id that enters an answer passes this one check, wherever it came from.
 */
function checkId(outcome: Outcome, fallbackId: string): Outcome {
  const problem = physicalIdProblem(outcome.physicalResourceId);
  if (problem === undefined) return outcome;
  const reason = `the physicalResourceId to answer is invalid (${problem})${outcome.reason ? `; ${outcome.reason}` : ''}`;
  return { status: 'FAILED', physicalResourceId: fallbackId, reason };
}

/**
 * Writes the response body within CloudFormation's 4096-byte limit, measured in UTF-8 bytes, with a valid physical
 * id (else FAILED with `fallbackId`, by default the create-failed marker of the request). The Reason is redacted
 * (`clean`, by default the removal of pre-signed URL credentials),
 * stripped of control characters and cut (keeping its start) to fit; Data that cannot fit turns the answer into
 * FAILED naming the largest keys and how many bytes over. The physical id is kept: a created resource that could not
 * be reported is then removed by the rollback Delete. Copied fields longer than any real request's are cut.
 * (CloudFormation User Guide, "Custom resource response objects": 4,096 bytes in all, PhysicalResourceId up to 1 KB.)
 *
 * @example
 * ```ts
 * import { fitResponse } from './fit-response.js';
 * const target = { StackId: 'arn:stack', RequestId: 'r-1', LogicalResourceId: 'Res' };
 * fitResponse(target, { status: 'FAILED', physicalResourceId: 'id', reason: 'x'.repeat(10_000) }).bytes; // 4096
 * ```
 */
export function fitResponse(
  request: ResponseTarget,
  answer: Outcome,
  fallbackId: string = createFailedMarker(request.RequestId),
  clean: (text: string) => string = redact,
): FittedResponse {
  const target = boundTarget(request);
  const outcome = checkId(answer, physicalIdProblem(fallbackId) ? createFailedMarker('unknown') : fallbackId);
  const limit = CFN_LIMITS.maxResponseBytes;
  const cleaned =
    outcome.reason === undefined ? undefined : clean(outcome.reason).replace(CONTROL, ' ').trim();
  // CloudFormation requires a Reason with FAILED.
  const reason = cleaned || (outcome.status === 'FAILED' ? 'failed (no reason given)' : undefined);
  const write = (current: Outcome, text: string | undefined): FittedResponse => {
    const body = JSON.stringify(bodyOf(target, current, text));
    return { body, bytes: bytes(body), outcome: text === undefined ? current : { ...current, reason: text } };
  };
  const first = write(outcome, reason);
  if (first.bytes <= limit) return first;

  const withoutReason = bodyOf(target, outcome, '');
  const overhead = bytes(JSON.stringify(withoutReason)) - 2;
  if (reason !== undefined && overhead + 2 < limit) {
    const trimmed = write(outcome, trimToBudget(reason, limit - overhead));
    if (trimmed.bytes <= limit) return trimmed;
  }
  if (withoutReason.Data) {
    const over = bytes(JSON.stringify(bodyOf(target, outcome, undefined))) - limit;
    const failure: Outcome = { status: 'FAILED', physicalResourceId: outcome.physicalResourceId };
    return fitResponse(target, { ...failure, reason: dataTooLarge(withoutReason, over) }, fallbackId, clean);
  }
  // Unreachable with bounded copied fields; kept so that no path can return an oversized body.
  const minimal = { status: outcome.status, physicalResourceId: outcome.physicalResourceId };
  return write(minimal, outcome.status === 'FAILED' ? 'failed' : undefined);
}
