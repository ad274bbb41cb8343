import { ConfigurationError, cfn } from 'crkit';
import { accountOfStack } from 'crkit/advanced';
import { CROSS_ACCOUNT_DNS_ENV } from './environment.js';
import { isWithin, normalizeRecordName, recordNameProblem } from './record-name.js';

export { accountOfStack };

/**
 * Which record names each requesting account may change: account id (12 digits) to record-name suffixes. A name
 * matches a suffix when it is the suffix or lies under it on a label boundary, so `{ '111111111111':
 * ['app1.example.com'] }` lets that account change `app1.example.com` and `api.app1.example.com`, never
 * `evilapp1.example.com`. Granting a zone's apex grants the whole zone.
 */
export type DnsAllowlist = Readonly<Record<string, readonly string[]>>;

const EXAMPLE = '{"111111111111":["app1.example.com"]}';

/**
 * Checks an allowlist and normalises its suffixes (lower case, no trailing dot), naming what is wrong.
 *
 * @throws {ConfigurationError} when an account id or suffix is malformed; `option` says where it came from.
 * @example
 * ```ts
 * import { checkDnsAllowlist } from './allowlist.js';
 * checkDnsAllowlist({ '111111111111': ['App1.Example.com.'] }); // { '111111111111': ['app1.example.com'] }
 * ```
 */
export function checkDnsAllowlist(allowlist: unknown, option = 'allowlist'): DnsAllowlist {
  if (typeof allowlist !== 'object' || allowlist === null || Array.isArray(allowlist)) {
    throw new ConfigurationError(
      option,
      `expected an object of account ids to name suffixes, like ${EXAMPLE}`,
    );
  }
  const checked: Record<string, string[]> = {};
  for (const [account, suffixes] of Object.entries(allowlist)) {
    if (!cfn.accountId().safeParse(account).success) {
      throw new ConfigurationError(
        option,
        `expected 12-digit account ids as keys, got ${JSON.stringify(account)}`,
      );
    }
    if (!Array.isArray(suffixes) || !suffixes.every((suffix) => typeof suffix === 'string')) {
      throw new ConfigurationError(
        option,
        `expected a list of name suffixes for account ${account}, like ${EXAMPLE}`,
      );
    }
    checked[account] = suffixes.map((suffix: string) => {
      const normalized = normalizeRecordName(suffix);
      const problem = recordNameProblem(normalized);
      if (problem) throw new ConfigurationError(option, `account ${account}: suffix ${problem}`);
      return normalized;
    });
  }
  return checked;
}

let parsed: { readonly text: string; readonly allowlist: DnsAllowlist } | undefined;

/**
 * The allowlist in the `CRKIT_DNS_ALLOWLIST` environment variable (JSON), or `undefined` when it is unset or empty.
 * The parse is kept while the variable's text stays the same.
 *
 * @throws {ConfigurationError} when the variable holds no valid allowlist.
 * @example
 * ```ts
 * import { readDnsAllowlist } from './allowlist.js';
 * readDnsAllowlist({ CRKIT_DNS_ALLOWLIST: '{"111111111111":["app1.example.com"]}' });
 * // { '111111111111': ['app1.example.com'] }
 * ```
 */
export function readDnsAllowlist(env: NodeJS.ProcessEnv = process.env): DnsAllowlist | undefined {
  const name = CROSS_ACCOUNT_DNS_ENV.allowlist;
  const text = env[name]?.trim();
  if (!text) return undefined;
  if (parsed?.text === text) return parsed.allowlist;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(name, `expected JSON like ${EXAMPLE}, got text that is not JSON`);
  }
  const allowlist = checkDnsAllowlist(value, name);
  parsed = { text, allowlist };
  return allowlist;
}

/**
 * Why the account that sent `stackId` may not change the record `name` (normalised), or `undefined` when it may.
 *
 * @example
 * ```ts
 * import { allowlistRefusal } from './allowlist.js';
 * const stackId = 'arn:aws:cloudformation:us-east-1:111111111111:stack/app/5b9a8f10';
 * allowlistRefusal({ '111111111111': ['app1.example.com'] }, stackId, 'evilapp1.example.com');
 * // 'account 111111111111 may change records under app1.example.com only, not evilapp1.example.com: ...'
 * ```
 */
export function allowlistRefusal(allowlist: DnsAllowlist, stackId: string, name: string): string | undefined {
  const account = accountOfStack(stackId);
  if (account === undefined) {
    return 'StackId is not a CloudFormation stack ARN (arn:aws:cloudformation:REGION:ACCOUNT:stack/...), so the requesting account is unknown and no record may be changed';
  }
  const suffixes = Object.hasOwn(allowlist, account) ? (allowlist[account] ?? []) : undefined;
  if (suffixes === undefined || suffixes.length === 0) {
    return `account ${account} is not in the DNS allowlist, so it may change no record: ask the DNS account's administrators to add it`;
  }
  if (suffixes.some((suffix) => isWithin(name, suffix))) return undefined;
  return (
    `account ${account} may change records under ${suffixes.join(', ')} only, not ${name}: ` +
    `choose a name under those, or ask the DNS account's administrators to allow ${name}`
  );
}
