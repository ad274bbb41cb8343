/**
 * Values read at run time instead of written into the template: `{{crkit:secretsmanager:<secret id>}}`,
 * `{{crkit:secretsmanager:<secret id>#<JSON key>}}` and `{{crkit:ssm:<parameter name>}}`. A secret id (a name or an
 * ARN) holds no `#` (Secrets Manager allows letters, digits and `/_+=.@-` in names, CreateSecret API reference; SSM
 * parameter names letters, digits and `_.-/`, PutParameter API reference). Only a whole string value is replaced, never part of one.
 */
export type RuntimeValue =
  | { readonly source: 'secretsmanager'; readonly secretId: string; readonly jsonKey?: string }
  | { readonly source: 'ssm'; readonly parameterName: string };

// Lazy up to an optional `#key`: at synth time the id may be a CDK token (`${Token[TOKEN.12]}`), which holds a `}`.
const MARKER = /^\{\{crkit:(secretsmanager|ssm):([^#]+?)(?:#([^#]+))?\}\}$/;

/** The marker string standing for `value` in a call's input. */
export function formatRuntimeValue(value: RuntimeValue): string {
  if (value.source === 'ssm') return `{{crkit:ssm:${value.parameterName}}}`;
  const key = value.jsonKey === undefined ? '' : `#${value.jsonKey}`;
  return `{{crkit:secretsmanager:${value.secretId}${key}}}`;
}

/** The runtime value a string stands for, or `undefined` when it is an ordinary string. */
export function parseRuntimeValue(text: string): RuntimeValue | undefined {
  const match = MARKER.exec(text);
  if (!match) return undefined;
  const [, source, id = '', key] = match;
  if (source === 'ssm') return key === undefined ? { source: 'ssm', parameterName: id } : undefined;
  return key === undefined
    ? { source: 'secretsmanager', secretId: id }
    : { source: 'secretsmanager', secretId: id, jsonKey: key };
}

/** Every runtime value in `input`, at any depth (for the IAM statements that read them). */
export function runtimeValuesIn(input: unknown): RuntimeValue[] {
  if (typeof input === 'string') {
    const value = parseRuntimeValue(input);
    return value ? [value] : [];
  }
  if (Array.isArray(input)) return input.flatMap(runtimeValuesIn);
  if (typeof input === 'object' && input !== null) return Object.values(input).flatMap(runtimeValuesIn);
  return [];
}
