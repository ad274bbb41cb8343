import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePassword, PASSWORD_SYMBOLS } from '../../../providers/cognito-test-user/password.js';
import { formatTestUserId, parseTestUserId } from '../../../providers/cognito-test-user/test-user-id.js';

// Cognito's documented special characters (Developer Guide, "Adding user pool password requirements").
const COGNITO_SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';
const policies = fc.record(
  {
    MinimumLength: fc.integer({ min: 6, max: 99 }),
    RequireUppercase: fc.boolean(),
    RequireLowercase: fc.boolean(),
    RequireNumbers: fc.boolean(),
    RequireSymbols: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('generatePassword', () => {
  it('satisfies every password policy Cognito allows', () => {
    fc.assert(
      fc.property(policies, (policy) => {
        const password = generatePassword(policy);
        expect(password.length).toBeGreaterThanOrEqual(Math.max(policy.MinimumLength ?? 0, 32));
        expect(password).toMatch(/[A-Z]/);
        expect(password).toMatch(/[a-z]/);
        expect(password).toMatch(/[0-9]/);
        expect([...password].some((character) => PASSWORD_SYMBOLS.includes(character))).toBe(true);
        expect([...password].every((c) => /[A-Za-z0-9]/.test(c) || COGNITO_SYMBOLS.includes(c))).toBe(true);
      }),
    );
  });

  it('draws only symbols Cognito documents', () => {
    expect([...PASSWORD_SYMBOLS].filter((symbol) => !COGNITO_SYMBOLS.includes(symbol))).toEqual([]);
  });

  it('gives a different password each time', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword()));

    expect(passwords.size).toBe(50);
  });

  it('places the guaranteed characters anywhere, not only at the start', () => {
    let counter = 0;
    const cycling = (max: number) => counter++ % max;

    const password = generatePassword({}, cycling);

    expect(password.slice(0, 4)).not.toMatch(/^[A-Z][a-z][0-9][^A-Za-z0-9]$/);
  });
});

describe('test user physical id', () => {
  it('reads back every pool id, secret name and username it writes', () => {
    const id = fc.record({
      userPoolId: fc.stringMatching(/^[a-z]{2}-[a-z]+-\d_[0-9a-zA-Z]{1,9}$/),
      secretName: fc.stringMatching(/^[A-Za-z0-9/_+=.@-]{1,60}$/),
      username: fc.string({ minLength: 1, maxLength: 128 }),
    });
    fc.assert(
      fc.property(id, (value) => {
        expect(parseTestUserId(formatTestUserId(value))).toEqual(value);
      }),
    );
  });

  it('rejects ids of another shape', () => {
    expect(parseTestUserId('app-TestUser-0123456789abcdef')).toBeUndefined();
    expect(parseTestUserId('pool||alice')).toBeUndefined();
    expect(parseTestUserId('|secret|alice')).toBeUndefined();
    expect(parseTestUserId('pool|secret|')).toBeUndefined();
  });
});
