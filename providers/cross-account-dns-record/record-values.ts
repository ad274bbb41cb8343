import { formatTxtValue, MAX_VALUE_CHARACTERS } from './txt-value.js';
import { recordValueProblem } from './value-problem.js';

/** What is wrong with `ResourceRecords`: the whole property (`index` undefined) or one value, and what arrived. */
export interface RecordValueIssue {
  readonly index?: number;
  readonly message: string;
  readonly input: unknown;
}

/** Types whose values are character strings, which Route 53 takes in double quotes. */
const TEXT_TYPES = new Set(['TXT', 'SPF']);
/** Types whose values may hold a comma outside double quotes (`alpn=h2,h3`), so text cannot be split at commas. */
const COMMA_TYPES = new Set(['HTTPS', 'SVCB']);
const MAX_VALUES = 100;

/** `text` split at each comma outside double quotes (a `\"` inside quotes does not end them); `undefined` if unclosed. */
function splitOutsideQuotes(text: string): string[] | undefined {
  const items: string[] = [];
  let quoted = false;
  let start = 0;
  for (let at = 0; at < text.length; at++) {
    const character = text[at];
    if (quoted && character === '\\') at++;
    else if (character === '"') quoted = !quoted;
    else if (character === ',' && !quoted) {
      items.push(text.slice(start, at).trim());
      start = at + 1;
    }
  }
  items.push(text.slice(start).trim());
  return quoted ? undefined : items;
}

/**
 * The values one string stands for. CloudFormation passes a scalar (or a `Fn::Join`) as one string; it is split at
 * commas only where no value can hold one: never inside double quotes, and for TXT and SPF only between quoted
 * values, since a TXT value may itself hold commas (`rua=mailto:a@example.com,mailto:b@example.net`).
 */
function valuesOfText(text: string, type: string): string[] | RecordValueIssue {
  const items = splitOutsideQuotes(text);
  if (items === undefined) {
    return { message: 'a double quote is not closed: give the values as a list', input: text };
  }
  if (items.length === 1) return items;
  const ambiguous =
    COMMA_TYPES.has(type) || (TEXT_TYPES.has(type) && !items.every((item) => item.startsWith('"')));
  if (ambiguous) {
    return {
      message:
        `a comma outside double quotes, and a ${type} value may hold commas itself, so it cannot be told whether ` +
        'this is one value or several: give ResourceRecords as a list (one item per value), or put each value in ' +
        'double quotes',
      input: text,
    };
  }
  if (items.includes('')) {
    return { message: 'an empty value between commas: remove the extra comma', input: text };
  }
  return items;
}

/**
 * Reads `ResourceRecords` for a record of `type` into the values Route 53 receives, or the issues found, each naming
 * the value and what was expected. A list is never split: each item is one value. TXT and SPF values are written
 * as quoted strings of at most 255 characters (see {@link formatTxtValue}); other values are checked per type (see
 * {@link recordValueProblem}) and sent as given.
 *
 * @example
 * ```ts
 * import { readRecordValues } from './record-values.js';
 * readRecordValues(['v=DMARC1; p=quarantine; rua=mailto:a@example.com,mailto:b@example.net'], 'TXT');
 * // { values: ['"v=DMARC1; p=quarantine; rua=mailto:a@example.com,mailto:b@example.net"'] }
 * readRecordValues('10 mail1.example.com, 20 mail2.example.com', 'MX');
 * // { values: ['10 mail1.example.com', '20 mail2.example.com'] }
 * ```
 */
export function readRecordValues(
  raw: string | readonly string[],
  type: string,
): { readonly values: string[] } | { readonly issues: RecordValueIssue[] } {
  const items = typeof raw === 'string' ? valuesOfText(raw.trim(), type) : raw.map((item) => item.trim());
  if (!Array.isArray(items)) return { issues: [items] };
  if (items.length < 1 || items.length > MAX_VALUES) {
    return { issues: [{ message: `expected 1 to ${MAX_VALUES} values`, input: items }] };
  }
  if (type === 'CNAME' && items.length > 1) {
    return {
      issues: [{ message: 'expected exactly one name: a CNAME record holds one value', input: items }],
    };
  }
  const values: string[] = [];
  const issues: RecordValueIssue[] = [];
  items.forEach((item, index) => {
    if (item === '') {
      issues.push({ index, message: 'expected a value', input: item });
      return;
    }
    const formatted = TEXT_TYPES.has(type) ? formatTxtValue(item) : { value: item };
    const tooLong = item.length > MAX_VALUE_CHARACTERS;
    const problem =
      'problem' in formatted
        ? formatted.problem
        : tooLong
          ? `expected at most ${MAX_VALUE_CHARACTERS} characters (${item.length} here)`
          : recordValueProblem(type, item);
    if (problem === undefined && 'value' in formatted) values.push(formatted.value);
    else issues.push({ index, message: problem ?? 'unreadable value', input: item });
  });
  return issues.length > 0 ? { issues } : { values };
}
