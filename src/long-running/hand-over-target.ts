import { ConfigurationError } from '../errors.js';
import { shown } from '../validation/format-issues.js';

/**
 * The target a hand-over strategy (`requeue`, `selfInvoke`) was given, checked in two steps. A value that is neither a
 * string nor undefined is a bug in the code and is refused when the strategy is made. A missing or malformed string
 * usually comes from an environment variable read at init: refusing it there would fail the function's init and leave
 * the stack waiting, so it is refused at the first hand-over instead, which crkit answers FAILED with this message.
 *
 * @throws {ConfigurationError} `option` named, when `value` is not a string or undefined.
 * @returns a check to run at each hand-over: it throws a {@link ConfigurationError} naming `option` while the value
 *   is missing or does not match `rule`, and returns the match otherwise (the string and `rule`'s groups).
 */
export function handOverTarget(
  option: string,
  value: unknown,
  rule: RegExp,
  expected: string,
): () => RegExpExecArray {
  const refuse = () => new ConfigurationError(option, `expected ${expected}, got ${shown(value, 'nothing')}`);
  if (value !== undefined && typeof value !== 'string') throw refuse();
  return () => {
    const match = typeof value === 'string' ? rule.exec(value) : null;
    if (match === null) throw refuse();
    return match;
  };
}
