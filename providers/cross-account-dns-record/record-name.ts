/**
 * A label of a name this provider manages: letters, digits, hyphens and underscores (`_acme-challenge`, `_sip`), at
 * most 63 characters (Route 53 Developer Guide, "DNS domain name format"). A leftmost `*` makes a wildcard record.
 */
const LABEL = /^[a-z0-9_-]{1,63}$/;
/** A name is at most 255 bytes on the wire, 253 characters written without the trailing dot. */
const MAX_NAME_LENGTH = 253;

/**
 * Route 53 lists every character besides a-z, 0-9, hyphen and underscore as a three-digit octal escape (`*` as
 * `\052`, Route 53 Developer Guide, "DNS domain name format"), and stores letters in lower case.
 */
function unescapeOctal(name: string): string {
  return name.replace(/\\([0-7]{3})/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 8)));
}

/**
 * A DNS name as this provider compares and stores it: lower case, octal escapes decoded, without the trailing dot.
 * Route 53 treats `www.example.com` and `www.example.com.` alike and stores letters in lower case, so two spellings
 * that Route 53 takes for the same record always normalise to the same text.
 *
 * @example
 * ```ts
 * import { normalizeRecordName } from './record-name.js';
 * normalizeRecordName('\\052.App1.Example.COM.'); // '*.app1.example.com'
 * ```
 */
export function normalizeRecordName(name: string): string {
  return unescapeOctal(name.trim()).toLowerCase().replace(/\.$/, '');
}

/**
 * Why `name` (already normalised) cannot be a record name this provider manages, or `undefined` when it can.
 *
 * @example
 * ```ts
 * import { recordNameProblem } from './record-name.js';
 * recordNameProblem('app1..example.com'); // 'expected labels of 1 to 63 letters, ...'
 * ```
 */
export function recordNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'expected a domain name such as "app1.example.com", got an empty name';
  if (name.length > MAX_NAME_LENGTH)
    return `expected at most ${MAX_NAME_LENGTH} characters, got ${name.length}`;
  const labels = name.split('.');
  const wildcard = labels[0] === '*' ? 1 : 0;
  if (labels.length - wildcard < 2 || !labels.slice(wildcard).every((label) => LABEL.test(label))) {
    return (
      'expected labels of 1 to 63 letters, digits, hyphens or underscores separated by dots, at least two of ' +
      `them, optionally after a leading "*." (a wildcard), got ${JSON.stringify(name)}`
    );
  }
  return undefined;
}

/**
 * Whether `name` is `suffix` itself or lies under it, on a label boundary: `api.app1.example.com` and
 * `app1.example.com` are within `app1.example.com`, `evilapp1.example.com` is not. Both must be normalised.
 *
 * @example
 * ```ts
 * import { isWithin } from './record-name.js';
 * isWithin('api.app1.example.com', 'app1.example.com'); // true
 * isWithin('evilapp1.example.com', 'app1.example.com'); // false
 * ```
 */
export function isWithin(name: string, suffix: string): boolean {
  return name === suffix || name.endsWith(`.${suffix}`);
}
