import { RESERVED_PROPERTY_NAMES } from '../constants.js';
import { errorText } from '../error-text.js';
import { ValidationError } from '../errors.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { formatIssues } from '../validation/format-issues.js';

/** Properties as the definition's schema turned them, or the error naming each property that does not fit. */
export type Parsed =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly error: ValidationError };

/** The properties without the keys CloudFormation itself adds. */
export function withoutReserved(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw).filter(([key]) => !(RESERVED_PROPERTY_NAMES as readonly string[]).includes(key)),
  );
}

/**
 * Validates properties with the definition's schema, after removing the keys CloudFormation itself adds. Never
 * throws: a schema that throws is a problem of these properties too.
 */
export function parseProperties(
  definition: AnyResourceDefinition,
  raw: Record<string, unknown>,
  root: 'ResourceProperties' | 'OldResourceProperties',
): Parsed {
  const properties = withoutReserved(raw);
  let result: ReturnType<typeof definition.properties.safeParse>;
  try {
    // jitless: zod's compiled parser pays off over many parses; a custom resource's container serves a few.
    result = definition.properties.safeParse(properties, { reportInput: true, jitless: true });
  } catch (error) {
    // A refinement or transform that throws (or is async) is a schema that cannot read these properties.
    const issue = { path: root, message: `the schema threw: ${errorText(error)}` };
    return { ok: false, error: new ValidationError([issue], { resourceType: definition.resourceType }) };
  }
  if (result.success) return { ok: true, value: result.data };
  const issues = formatIssues(result.error.issues, { root, sensitive: definition.sensitiveProperties ?? [] });
  return { ok: false, error: new ValidationError(issues, { resourceType: definition.resourceType }) };
}
