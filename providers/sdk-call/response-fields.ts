import { CrkitError } from 'crkit';

const text = new TextDecoder();

/** A field's value as `Fn::GetAtt` reads it: text as is, binary as UTF-8, objects and lists as JSON. */
function asAttribute(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return text.decode(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The value at a dotted path (`User.Attributes.0.Value`, list items by index), or `undefined`. */
function at(output: unknown, path: string): unknown {
  let value = output;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A field of a step's outputs as an attribute string: looked up in each call's output, the last call first (the
 * latest state wins), or `undefined` when no call returned it.
 */
export function responseField(outputs: readonly unknown[], path: string): string | undefined {
  for (const output of [...outputs].reverse()) {
    const value = at(output, path);
    if (value !== undefined && value !== null) return asAttribute(value);
  }
  return undefined;
}

/**
 * The Data of a step: exactly the fields asked for, keyed by their path, so the answer stays small whatever the calls
 * return. A field no call returned fails the step, naming it, instead of failing `Fn::GetAtt` later.
 */
export function pickResponseFields(
  step: string,
  outputs: readonly unknown[],
  paths: readonly string[],
): Record<string, string> {
  const data: Record<string, string> = {};
  const missing: string[] = [];
  for (const path of paths) {
    const value = responseField(outputs, path);
    if (value === undefined) missing.push(path);
    else data[path] = value;
  }
  if (missing.length > 0) {
    throw new CrkitError(
      `${step}: no call returned ${missing.map((path) => JSON.stringify(path)).join(', ')}, which the stack reads ` +
        '(OutputPaths); check the path, or let this step make a call that returns it',
    );
  }
  return data;
}
