import type { OptionSpec } from './option-schemas.js';

/** Reading an option threw (a getter, a Proxy trap): where, as a path from the options' root, and what was thrown. */
export class UnreadableOption {
  constructor(
    readonly path: readonly (string | number)[],
    readonly thrown: unknown,
  ) {}
}

type Path = readonly (string | number)[];

/** `get()`, or an {@link UnreadableOption} at `path` with what it threw. */
function read<T>(get: () => T, path: Path): T {
  try {
    return get();
  } catch (thrown) {
    throw new UnreadableOption(path, thrown);
  }
}

function define(target: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void {
  // defineProperty, not assignment: a key named `__proto__` stays a key instead of replacing the prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function readList(item: OptionSpec, list: readonly unknown[], path: Path): unknown[] {
  const length = read(() => list.length, path);
  const copy: unknown[] = new Array(length);
  for (let index = 0; index < length; index++) {
    const at = [...path, index];
    if (read(() => index in list, at))
      copy[index] = readOnce(
        item,
        read(() => list[index], at),
        at,
      );
  }
  return copy;
}

function readObject(
  shape: Readonly<Record<string, OptionSpec>>,
  given: Record<string, unknown>,
  path: Path,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  const keys = read(() => {
    const listed: string[] = [];
    for (const key in given) listed.push(key);
    return listed;
  }, path);
  for (const key of keys) {
    const option = Object.hasOwn(shape, key) ? shape[key] : undefined;
    // An unknown key is refused by its name: its value is not read.
    define(
      copy,
      key,
      option
        ? readOnce(
            option,
            read(() => given[key], [...path, key]),
            [...path, key],
          )
        : undefined,
    );
  }
  // Declared keys it does not list: on its prototype, non-enumerable, or behind a Proxy with only a get trap.
  for (const [key, option] of Object.entries(shape)) {
    if (Object.hasOwn(copy, key)) continue;
    const item = read(() => given[key], [...path, key]);
    if (item !== undefined) define(copy, key, readOnce(option, item, [...path, key]));
  }
  return copy;
}

/**
 * `value` as {@link OptionSpec} `spec` declares it, each option read exactly once: an object of options becomes a
 * plain object of what its getters (or a Proxy) gave, a list a new plain array (holes kept), and a rule's value (a
 * function, a client, a logger) stays as it is. What checks the copy and what uses it afterwards then see the same
 * values; an option that answered the check with one value can no longer answer the handler with another.
 *
 * An object keeps every enumerable key, inherited ones included (an unknown one, refused by the check, without its
 * value), and every declared key that reads as a value however it is held (a prototype, a Proxy's get trap). Symbol
 * keys are left out: the test seams are read, checked and copied by `testSeamsOf`.
 *
 * @throws {@link UnreadableOption} with the path of the first option whose read throws (a getter, a Proxy trap).
 */
export function readOnce(spec: OptionSpec, value: unknown, path: Path = []): unknown {
  const { declared } = spec;
  switch (declared.kind) {
    case 'optional':
      return value === undefined ? value : readOnce(declared.inner, value, path);
    case 'rule':
      return value;
    case 'list':
      return read(() => Array.isArray(value), path)
        ? readList(declared.item, value as unknown[], path)
        : value;
    case 'object':
      if (typeof value !== 'object' || value === null || read(() => Array.isArray(value), path)) return value;
      return readObject(declared.shape, value as Record<string, unknown>, path);
    default:
      return declared satisfies never;
  }
}
