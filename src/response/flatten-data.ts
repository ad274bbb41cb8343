/**
 * Flattens `Data` for `Fn::GetAtt`: nested objects and arrays become dotted keys (`a.b`, `list.0`), every value a
 * string; `undefined`, `null`, functions and repeated (cyclic) objects are left out.
 *
 * @example
 * ```ts
 * import { flattenData } from 'crkit';
 * flattenData({ a: { b: 1 }, list: ['x'], ok: true }); // { 'a.b': '1', 'list.0': 'x', ok: 'true' }
 * ```
 */
export function flattenData(data: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  const seen = new WeakSet<object>();
  const visit = (prefix: string, value: unknown): void => {
    if (value === undefined || value === null || typeof value === 'function') return;
    if (typeof value === 'object' && !(value instanceof Date)) {
      // A cycle has no flat form; its repeat is left out rather than recursing forever.
      if (seen.has(value)) return;
      seen.add(value);
      for (const [key, item] of Object.entries(value)) visit(prefix ? `${prefix}.${key}` : key, item);
      return;
    }
    flat[prefix] = value instanceof Date ? value.toISOString() : String(value);
  };
  visit('', data);
  return flat;
}
