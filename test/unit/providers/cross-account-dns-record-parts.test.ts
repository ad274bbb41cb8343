import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountOfStack,
  allowlistRefusal,
  checkDnsAllowlist,
  readDnsAllowlist,
} from '../../../providers/cross-account-dns-record/allowlist.js';
import { formatRecordId, parseRecordId } from '../../../providers/cross-account-dns-record/record-id.js';
import {
  isWithin,
  normalizeRecordName,
  recordNameProblem,
} from '../../../providers/cross-account-dns-record/record-name.js';

const stackOf = (account: string) =>
  `arn:aws:cloudformation:us-east-1:${account}:stack/app/5b9a8f10-c7a4-11ef`;

describe('record names', () => {
  it('normalises case, the trailing dot and the octal escapes Route 53 lists', () => {
    expect(normalizeRecordName(' App1.Example.COM. ')).toBe('app1.example.com');
    expect(normalizeRecordName('\\052.app1.example.com.')).toBe('*.app1.example.com');
  });

  it('accepts host names, underscore labels and a leading wildcard, and explains what it refuses', () => {
    expect(recordNameProblem('_acme-challenge.app1.example.com')).toBeUndefined();
    expect(recordNameProblem('*.app1.example.com')).toBeUndefined();
    expect(recordNameProblem('app1..example.com')).toContain('expected labels of 1 to 63 letters');
    expect(recordNameProblem('app1.*.example.com')).toContain('optionally after a leading "*."');
    expect(recordNameProblem('example')).toContain('at least two of them');
    expect(recordNameProblem('')).toContain('got an empty name');
    expect(recordNameProblem(`${'a'.repeat(63)}.`.repeat(4).concat('com'))).toContain(
      'at most 253 characters',
    );
  });

  it('matches a suffix only on a label boundary', () => {
    expect(isWithin('app1.example.com', 'app1.example.com')).toBe(true);
    expect(isWithin('api.app1.example.com', 'app1.example.com')).toBe(true);
    expect(isWithin('*.app1.example.com', 'app1.example.com')).toBe(true);
    expect(isWithin('evilapp1.example.com', 'app1.example.com')).toBe(false);
    expect(isWithin('app1.example.com.evil.org', 'app1.example.com')).toBe(false);
  });

  it('never lets a name in through a suffix unless a whole label ends where the suffix begins', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,10}$/);
    fc.assert(
      fc.property(
        label,
        label,
        fc.array(label, { minLength: 1, maxLength: 3 }),
        (prefix, glued, suffixLabels) => {
          const suffix = suffixLabels.join('.');
          expect(isWithin(`${prefix}.${suffix}`, suffix)).toBe(true);
          expect(isWithin(`${glued}${suffix}`, suffix)).toBe(false);
        },
      ),
    );
  });
});

describe('physical ids', () => {
  it('round-trips the zone, type and name', () => {
    const id = { hostedZoneId: 'Z0123456789ABC', type: 'TXT', name: '_acme-challenge.app1.example.com' };
    expect(formatRecordId(id)).toBe('Z0123456789ABC|TXT|_acme-challenge.app1.example.com');
    expect(parseRecordId(formatRecordId(id))).toEqual(id);
  });

  it('refuses ids it did not make', () => {
    for (const id of [
      'app-Record-0123',
      'Z1|A',
      'Z1|A|App1.example.com',
      'z1|A|a.example.com',
      'Z1|A|a.b|c',
    ]) {
      expect(parseRecordId(id)).toBeUndefined();
    }
  });
});

describe('the DNS allowlist', () => {
  const allowlist = checkDnsAllowlist({ '111111111111': ['App1.Example.com.'], '333333333333': [] });

  it('lets an account change names under its suffixes', () => {
    expect(allowlistRefusal(allowlist, stackOf('111111111111'), 'api.app1.example.com')).toBeUndefined();
  });

  it('refuses a name that only ends like an allowed suffix, saying what the account may change', () => {
    expect(allowlistRefusal(allowlist, stackOf('111111111111'), 'evilapp1.example.com')).toBe(
      'account 111111111111 may change records under app1.example.com only, not evilapp1.example.com: ' +
        "choose a name under those, or ask the DNS account's administrators to allow evilapp1.example.com",
    );
  });

  it('refuses accounts that are not listed, or listed with no suffix, and StackIds that are no stack ARN', () => {
    expect(allowlistRefusal(allowlist, stackOf('222222222222'), 'app1.example.com')).toContain(
      'account 222222222222 is not in the DNS allowlist',
    );
    expect(allowlistRefusal(allowlist, stackOf('333333333333'), 'app1.example.com')).toContain(
      'account 333333333333 is not in the DNS allowlist',
    );
    expect(
      allowlistRefusal(allowlist, 'arn:aws:sns:us-east-1:111111111111:topic', 'app1.example.com'),
    ).toContain('StackId is not a CloudFormation stack ARN');
    expect(allowlistRefusal(allowlist, stackOf('constructor00'), 'app1.example.com')).toContain(
      'StackId is not',
    );
  });

  it('reads the account of a StackId as allowAccounts does', () => {
    expect(accountOfStack('arn:aws-us-gov:cloudformation:us-gov-west-1:111111111111:stack/a/b')).toBe(
      '111111111111',
    );
    expect(accountOfStack('arn:aws:cloudformation:us-east-1:111111111111:stackset/a:b')).toBeUndefined();
  });

  it('refuses malformed allowlists, naming where they came from', () => {
    expect(() => checkDnsAllowlist([])).toThrow('allowlist: expected an object of account ids');
    expect(() => checkDnsAllowlist({ '1111': ['a.example.com'] })).toThrow('expected 12-digit account ids');
    expect(() => checkDnsAllowlist({ '111111111111': 'a.example.com' })).toThrow(
      'expected a list of name suffixes',
    );
    expect(() => checkDnsAllowlist({ '111111111111': ['.'] })).toThrow(
      'account 111111111111: suffix expected',
    );
  });

  it('reads CRKIT_DNS_ALLOWLIST as JSON, and is undefined when it is unset', () => {
    expect(readDnsAllowlist({ CRKIT_DNS_ALLOWLIST: '{"111111111111":["A.example.com"]}' })).toEqual({
      '111111111111': ['a.example.com'],
    });
    expect(readDnsAllowlist({})).toBeUndefined();
    expect(() => readDnsAllowlist({ CRKIT_DNS_ALLOWLIST: "{'111111111111':[]}" })).toThrow(
      'CRKIT_DNS_ALLOWLIST: expected JSON like {"111111111111":["app1.example.com"]}, got text that is not JSON',
    );
    expect(() => readDnsAllowlist({ CRKIT_DNS_ALLOWLIST: '{"x":[]}' })).toThrow(
      'CRKIT_DNS_ALLOWLIST: expected 12-digit',
    );
  });
});
