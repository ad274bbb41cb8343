import type { OptionSpec } from './option-schemas.js';

function define(target: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void {
  // defineProperty, not assignment: a key named `__proto__` stays a key instead of replacing the prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `value` as {@link OptionSpec} `spec` declares it, each option read exactly once: an object of options becomes a
 * plain object of what its getters (or a Proxy) gave, a list a new array, and a rule's value (a function, a client,
 * a logger) stays as it is. What checks the copy and what uses it afterwards then see the same values; an option
 * that answered the check with one value can no longer answer the handler with another.
 *
 * An object keeps every enumerable key, inherited ones included (an unknown one, refused by the check, without its
 * value), and every declared key that reads as a value however it is held (a prototype, a Proxy's get trap). Symbol
 * keys are left out: the test seams are read, checked and copied by `testSeamsOf`.
 *
 * @throws what reading the value throws (a getter, a Proxy trap); `parseOptions` names the option.
 */
export function readOnce(spec: OptionSpec, value: unknown): unknown {
  const { declared } = spec;
  switch (declared.kind) {
    case 'optional':
      return value === undefined ? value : readOnce(declared.inner, value);
    case 'rule':
      return value;
    case 'list': {
      if (!Array.isArray(value)) return value;
      // Index by index into a plain array: not the list's own `map` (a subclass's would construct its species), and
      // a hole stays a hole, as the check (`every`) sees it.
      const list = value as readonly unknown[];
      const copy: unknown[] = new Array(list.length);
      for (let index = 0; index < list.length; index++) {
        if (index in list) copy[index] = readOnce(declared.item, list[index]);
      }
      return copy;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const given = value as Record<PropertyKey, unknown>;
      const copy: Record<PropertyKey, unknown> = {};
      for (const key in given) {
        const option = Object.hasOwn(declared.shape, key) ? declared.shape[key] : undefined;
        // An unknown key is refused by its name: its value is not read.
        define(copy, key, option ? readOnce(option, given[key]) : undefined);
      }
      // Declared keys it does not list: on its prototype, non-enumerable, or behind a Proxy with only a get trap.
      for (const [key, option] of Object.entries(declared.shape)) {
        if (Object.hasOwn(copy, key)) continue;
        const item = given[key];
        if (item !== undefined) define(copy, key, readOnce(option, item));
      }
      return copy;
    }
    default:
      return declared satisfies never;
  }
}
