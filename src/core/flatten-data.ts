const MAX_VISITS = 10_000;

/**
 * Flattens `Data` for `Fn::GetAtt`: nested objects and arrays become dotted keys (`a.b`, `list.0`), every value a
 * string; `undefined`, `null` and functions are left out. An object met again inside itself (a cycle) is cut there;
 * one shared by two keys is written under both.
 *
 * @example
 * ```ts
 * import { flattenData } from './flatten-data.js';
 * flattenData({ a: { b: 1 }, list: ['x'], ok: true }); // { 'a.b': '1', 'list.0': 'x', ok: 'true' }
 * ```
 */
export function flattenData(data: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  // Only the objects on the path from the root: a cycle has no flat form, a shared object does.
  const ancestors = new Set<object>();
  // A shared object is visited once per reference: bound the walk (far more keys than 4,096 bytes can hold).
  let visits = 0;
  const visit = (prefix: string, value: unknown): void => {
    if (++visits > MAX_VISITS) {
      throw new RangeError(`Data holds more than ${MAX_VISITS} values once shared objects are written out`);
    }
    if (value === undefined || value === null || typeof value === 'function') return;
    if (typeof value === 'object' && !(value instanceof Date)) {
      if (ancestors.has(value)) return;
      ancestors.add(value);
      for (const [key, item] of Object.entries(value)) visit(prefix ? `${prefix}.${key}` : key, item);
      ancestors.delete(value);
      return;
    }
    flat[prefix] = value instanceof Date ? value.toISOString() : String(value);
  };
  visit('', data);
  return flat;
}
