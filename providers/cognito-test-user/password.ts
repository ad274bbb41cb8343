import { randomInt } from 'node:crypto';

/** The part of Cognito's `PasswordPolicyType` (from DescribeUserPool) that a generated password must satisfy. */
export interface PasswordPolicy {
  readonly MinimumLength?: number | undefined;
  readonly RequireUppercase?: boolean | undefined;
  readonly RequireLowercase?: boolean | undefined;
  readonly RequireNumbers?: boolean | undefined;
  readonly RequireSymbols?: boolean | undefined;
}

/**
 * Symbols a generated password draws from: a subset of the special characters Cognito accepts in every pool, whatever
 * its policy. The Cognito Developer Guide ("Adding user pool password requirements",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-policies.html) lists
 * `^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + -` and the space; older versions of that page lack
 * `=` and `+`. The quotes, backslash, backtick, brackets and space are left out so the password can be pasted into
 * a shell or a JSON file unquoted and unescaped.
 */
export const PASSWORD_SYMBOLS = '!#$%&*-.:?@^_~';

const CLASSES = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  symbol: PASSWORD_SYMBOLS,
} as const;

/** A generated password is at least this long, whatever the pool's minimum. */
export const DEFAULT_PASSWORD_LENGTH = 32;
// Cognito accepts passwords of up to 256 characters (Developer Guide, same page as above).
const MAX_PASSWORD_LENGTH = 256;

/** Picks an integer in [0, max) uniformly; `crypto.randomInt` unless a test passes another. */
export type RandomIndex = (max: number) => number;

/**
 * A crypto-random password that satisfies `policy`: as long as its `MinimumLength` (at least 32 characters) and
 * holding an upper-case letter, a lower-case letter, a digit and a symbol, whichever the policy requires (Cognito
 * accepts all four in any pool, so a password with all of them satisfies every policy).
 *
 * @example
 * ```ts
 * import { generatePassword } from './password.js';
 * generatePassword({ MinimumLength: 12, RequireSymbols: true }).length; // 32
 * ```
 */
export function generatePassword(policy: PasswordPolicy = {}, random: RandomIndex = randomInt): string {
  const length = Math.min(MAX_PASSWORD_LENGTH, Math.max(policy.MinimumLength ?? 0, DEFAULT_PASSWORD_LENGTH));
  const pick = (alphabet: string): string => alphabet.charAt(random(alphabet.length));
  const alphabet = Object.values(CLASSES).join('');
  const characters = Object.values(CLASSES).map(pick);
  while (characters.length < length) characters.push(pick(alphabet));
  // Fisher-Yates, so that the guaranteed characters are not always at the start.
  for (let i = characters.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [characters[i], characters[j]] = [characters[j] as string, characters[i] as string];
  }
  return characters.join('');
}
