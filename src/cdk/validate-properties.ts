import type * as z from 'zod';
import { type PropertyIssue, ValidationError } from '../errors.js';
import type { PropertiesSchema } from '../resource/types.js';
import { formatIssues } from '../validation/format-issues.js';
import { type DeployTimeKind, pathKey, toWire, valueAt } from './deploy-time-values.js';

/** What synth-time validation needs of a resource definition. */
export interface ValidatedDefinition {
  readonly resourceType: string;
  readonly properties: PropertiesSchema;
  readonly sensitiveProperties?: readonly string[] | undefined;
}

const MARKER = '\u0000deploy-time\u0000';
const ROOT = 'ResourceProperties';

/** The deploy-time value on the way to `path` (at it or above it), if any. */
function tokenOnPath(
  tokens: ReadonlyMap<string, DeployTimeKind>,
  path: readonly PropertyKey[],
): DeployTimeKind | undefined {
  for (let length = 0; length <= path.length; length++) {
    const kind = tokens.get(pathKey(path.slice(0, length)));
    if (kind !== undefined) return kind;
  }
  return undefined;
}

function tokenBelow(tokens: ReadonlyMap<string, DeployTimeKind>, path: readonly PropertyKey[]): boolean {
  const prefix = pathKey(path).slice(0, -1);
  return [...tokens.keys()].some((key) => key.startsWith(prefix));
}

/**
 * Decides what an issue means when deploy-time values are involved. Such a value is known to arrive as a string (or
 * a list of strings), nothing more: an issue about its content (format, range, enum, a failed conversion) is left
 * for the provider to find at deploy time, but a schema that rejects a string outright there will certainly fail.
 */
function judge(
  issue: z.core.$ZodIssue,
  wire: unknown,
  tokens: ReadonlyMap<string, DeployTimeKind>,
): 'report' | 'token' | 'skip' {
  const kind = tokenOnPath(tokens, issue.path);
  if (kind === undefined) {
    // A refinement over an object that holds a deploy-time value may depend on that value: it cannot be judged yet.
    return issue.code === 'custom' && tokenBelow(tokens, issue.path) ? 'skip' : 'report';
  }
  const rejectsType =
    kind !== 'unknown' &&
    issue.code === 'invalid_type' &&
    'input' in issue &&
    issue.input === valueAt(wire, issue.path);
  return rejectsType ? 'token' : 'skip';
}

/**
 * Validates a resource's properties at synth time with the definition's own schema, as the provider will see them
 * (CloudFormation turns scalars into strings), and throws the message the provider would answer. Values that are
 * unresolved CDK tokens are checked only for their type (see {@link judge}). `constructPath` (e.g. `Stack/Widget`) starts
 * the message.
 */
export function validateProperties(
  definition: ValidatedDefinition,
  properties: unknown,
  constructPath?: string,
): void {
  const { value, tokens } = toWire(properties);
  const result = definition.properties.safeParse(value, { reportInput: true });
  if (result.success) return;
  const sensitive = definition.sensitiveProperties ?? [];
  const issues: PropertyIssue[] = [];
  for (const issue of result.error.issues) {
    const verdict = judge(issue, value, tokens);
    if (verdict === 'report') issues.push(...formatIssues([issue], { root: ROOT, sensitive }));
    if (verdict === 'token') {
      const [formatted] = formatIssues([{ ...issue, input: MARKER } as z.core.$ZodIssue], { root: ROOT });
      if (formatted === undefined) continue;
      const message = formatted.message.replace(
        JSON.stringify(MARKER),
        'a value known only at deploy time (a CDK token)',
      );
      issues.push({ path: formatted.path, message });
    }
  }
  if (issues.length === 0) return;
  const error = new ValidationError(issues, { resourceType: definition.resourceType });
  // Name the construct, so that a stack of many resources says which one to fix.
  if (constructPath !== undefined)
    error.message = `${constructPath} (${definition.resourceType}): ${error.message}`;
  throw error;
}
