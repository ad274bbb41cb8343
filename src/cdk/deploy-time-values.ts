import { Token } from 'aws-cdk-lib';

/** How a value unknown at synth time arrives at the Lambda: a string, a list of strings, or unknown. */
export type DeployTimeKind = 'string' | 'list' | 'unknown';

/** Properties as the Lambda will see them, and where the values only known at deploy time are. */
export interface WireProperties {
  readonly value: unknown;
  /** Path (as JSON of its keys) to the kind of deploy-time value there. */
  readonly tokens: ReadonlyMap<string, DeployTimeKind>;
}

export const pathKey = (path: readonly PropertyKey[]): string => JSON.stringify(path.map(String));

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Turns properties into what CloudFormation sends the provider: every scalar becomes a string (`3` -> `"3"`,
 * `true` -> `"true"`), arrays and objects keep their shape, `undefined` disappears. Unresolved CDK tokens are kept
 * and recorded: a string or number token arrives as a string, a list token as a list of strings.
 */
export function toWire(properties: unknown): WireProperties {
  const tokens = new Map<string, DeployTimeKind>();
  const visit = (value: unknown, path: PropertyKey[]): unknown => {
    if (Token.isUnresolved(value)) {
      if (typeof value === 'number') {
        tokens.set(pathKey(path), 'string');
        return Token.asString(value);
      }
      const kind = typeof value === 'string' ? 'string' : Array.isArray(value) ? 'list' : 'unknown';
      tokens.set(pathKey(path), kind);
      return value;
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (typeof value === 'object' && value !== null) {
      if (!isPlainObject(value)) return value;
      const entries = Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, visit(item, [...path, key])]);
      return Object.fromEntries(entries);
    }
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
      return String(value);
    return value;
  };
  return { value: visit(properties, []), tokens };
}

/** The value at `path` inside `root`, or `undefined` when the path leads nowhere. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key as string];
  }
  return value;
}
