import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { cfn } from '../../src/cfn.js';

const parse = (schema: z.ZodType, value: unknown) => schema.safeParse(value, { reportInput: true });

describe('cfn.boolean', () => {
  it('reads "false" as false, unlike z.coerce.boolean()', () => {
    expect(cfn.boolean().parse('false')).toBe(false);
    expect(z.coerce.boolean().parse('false')).toBe(true);
  });

  it('accepts "true"/"false" in any case and native booleans', () => {
    expect(cfn.boolean().parse('TRUE')).toBe(true);
    expect(cfn.boolean().parse(' False ')).toBe(false);
    expect(cfn.boolean().parse(true)).toBe(true);
  });

  it.each(['yes', '1', '', 0, null])('rejects %j with a message naming the expected values', (value) => {
    const result = parse(cfn.boolean(), value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('expected a boolean ("true" or "false")');
  });
});

describe('cfn.number and cfn.integer', () => {
  it('converts numeric strings and keeps numbers', () => {
    expect(cfn.number().parse('2.5')).toBe(2.5);
    expect(cfn.number().parse(-3)).toBe(-3);
    expect(cfn.integer().parse(' 42 ')).toBe(42);
  });

  it.each(['', '  ', 'abc', '1e400', 'NaN', Number.POSITIVE_INFINITY])('rejects %j as a number', (value) => {
    expect(parse(cfn.number(), value).success).toBe(false);
  });

  it('rejects a fraction and an unsafe integer as an integer', () => {
    expect(parse(cfn.integer(), '1.5').error?.issues[0]?.message).toBe('expected an integer');
    expect(parse(cfn.integer(), '9007199254740993').success).toBe(false);
  });

  it('validates the converted value with the inner schema', () => {
    const ttl = cfn.integer(z.number().min(60).max(86_400));
    expect(ttl.parse('300')).toBe(300);
    expect(parse(ttl, '30').error?.issues[0]?.code).toBe('too_small');
  });
});

describe('cfn.list', () => {
  it('splits comma-separated text and trims each item', () => {
    expect(cfn.list().parse('a, b ,c')).toEqual(['a', 'b', 'c']);
  });

  it('reads an empty string as an empty list', () => {
    expect(cfn.list().parse('')).toEqual([]);
  });

  it('keeps arrays, as CloudFormation passes List parameters, and validates each item', () => {
    expect(cfn.list(cfn.integer()).parse(['1', '2'])).toEqual([1, 2]);
    const result = parse(cfn.list(cfn.integer()), ['1', 'x']);
    expect(result.error?.issues[0]?.path).toEqual([1]);
  });
});

describe('cfn.json', () => {
  it('parses JSON text and validates it', () => {
    const settings = cfn.json(z.object({ mode: z.enum(['fast', 'safe']) }));
    expect(settings.parse('{"mode":"fast"}')).toEqual({ mode: 'fast' });
    expect(settings.parse({ mode: 'safe' })).toEqual({ mode: 'safe' });
  });

  it('says the JSON text is broken without quoting it, which may be a secret', () => {
    const result = parse(cfn.json(), '{"user":"admin","password":Pa55w0rd!}');
    expect(result.error?.issues[0]?.message).toBe(
      'expected JSON text (37 characters that do not parse as JSON)',
    );
    expect(result.error?.issues[0]?.message).not.toContain('Pa55w0rd');
  });
});

describe('cfn.accountId', () => {
  it('accepts 12 digits, leading zeros kept', () => {
    expect(cfn.accountId().parse('012345678901')).toBe('012345678901');
  });

  it.each(['12345678901', '1234567890123', '12345678901a', ' 123456789012', '', 123456789012, null])(
    'refuses %j, saying what an account id looks like',
    (value) => {
      const result = parse(cfn.accountId(), value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'expected an account id of 12 digits, like "111111111111"',
      );
    },
  );
});
