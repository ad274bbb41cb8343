/**
 * A TXT (or SPF) value as Route 53 takes it: one or more character strings, each in double quotes and at most 255
 * characters, separated by spaces; `"` and `\` inside a string are escaped with `\`, and characters outside
 * printable ASCII are written as `\` and a three-digit octal code (Route 53 Developer Guide, "Supported DNS record
 * types", TXT record type; RFC 1035 3.3.14). Route 53 rejects a longer string with `InvalidChangeBatch`, which is why
 * DKIM keys are published as several strings (aws-cdk pull request 9984 splits them the same way).
 */
const MAX_STRING_CHARACTERS = 255;
/** The longest `Value` of one resource record Route 53 takes (API Reference, ResourceRecord). */
export const MAX_VALUE_CHARACTERS = 4000;

/** One character on the wire, written as Route 53 reads it: itself, `\"`, `\\` or `\ddd`. */
type Unit = string;

const octal = (byte: number) => `\\${byte.toString(8).padStart(3, '0')}`;

/** The units of literal text (nothing escaped yet): each UTF-8 byte outside printable ASCII becomes `\ddd`. */
function unitsOfText(text: string): Unit[] {
  const units: Unit[] = [];
  for (const character of text) {
    if (character === '"' || character === '\\') units.push(`\\${character}`);
    else if (character >= ' ' && character <= '~') units.push(character);
    else for (const byte of new TextEncoder().encode(character)) units.push(octal(byte));
  }
  return units;
}

/**
 * The strings of a quoted value (`"a" "b"`) as units, or a problem. Inside quotes, `\"`, `\\` and `\ddd` are kept
 * as written; anything else after a backslash is that character.
 */
function quotedStrings(value: string): Unit[][] | string {
  const strings: Unit[][] = [];
  let at = 0;
  for (;;) {
    while (at < value.length && /\s/.test(value.charAt(at))) at++;
    if (at >= value.length) return strings;
    if (value[at] !== '"') {
      return `expected text outside double quotes to be spaces only, got ${JSON.stringify(value.slice(at, at + 20))}`;
    }
    const units: Unit[] = [];
    at++;
    for (;;) {
      const character = value.charAt(at);
      if (at >= value.length) return 'a double quote is not closed';
      if (character === '"') break;
      if (character === '\\') {
        const code = /^\\[0-3][0-7]{2}/.exec(value.slice(at))?.[0];
        const escaped = code ?? value.slice(at, at + 2);
        units.push(escaped);
        at += escaped.length;
        continue;
      }
      units.push(...unitsOfText(character));
      at++;
    }
    strings.push(units);
    at++;
  }
}

function chunks(units: readonly Unit[]): Unit[][] {
  if (units.length === 0) return [[]];
  const parts: Unit[][] = [];
  for (let start = 0; start < units.length; start += MAX_STRING_CHARACTERS) {
    parts.push(units.slice(start, start + MAX_STRING_CHARACTERS));
  }
  return parts;
}

/**
 * Writes a TXT or SPF value as Route 53 takes it. A value in double quotes (`"v=spf1 -all"`, `"part 1" "part 2"`)
 * keeps its strings, and any string over 255 characters is split into strings of 255; text without quotes is one
 * string, quoted and escaped here, and split the same way. Answers `{ problem }` for a value it cannot read.
 *
 * @example
 * ```ts
 * import { formatTxtValue } from './txt-value.js';
 * formatTxtValue('v=DMARC1; p=none'); // { value: '"v=DMARC1; p=none"' }
 * formatTxtValue(`"${'k'.repeat(300)}"`); // { value: '"kkk...(255)" "kkk...(45)"' }
 * ```
 */
export function formatTxtValue(value: string): { readonly value: string } | { readonly problem: string } {
  const trimmed = value.trim();
  const strings = trimmed.startsWith('"') ? quotedStrings(trimmed) : [unitsOfText(trimmed)];
  if (typeof strings === 'string') {
    return {
      problem: `${strings}: expected strings in double quotes separated by spaces, like "part one" "part two", or the text without any quotes`,
    };
  }
  const formatted = strings
    .flatMap(chunks)
    .map((units) => `"${units.join('')}"`)
    .join(' ');
  if (formatted.length > MAX_VALUE_CHARACTERS) {
    return {
      problem: `expected at most ${MAX_VALUE_CHARACTERS} characters once written as Route 53 takes it (${formatted.length} here)`,
    };
  }
  return { value: formatted };
}
