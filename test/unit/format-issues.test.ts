import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { formatIssues } from '../../src/validation/format-issues.js';

const messageFor = (schema: z.ZodType, value: unknown): string | undefined => {
  const result = z.object({ P: schema }).safeParse({ P: value }, { reportInput: true });
  return result.success
    ? undefined
    : formatIssues(result.error.issues, { root: 'ResourceProperties' })[0]?.message;
};

describe('formatIssues says what a value must be, in words a user can act on', () => {
  it.each([
    ['startsWith', z.string().startsWith('arn:'), 'x', 'expected text starting with "arn:", got "x"'],
    ['endsWith', z.string().endsWith('.com'), 'x', 'expected text ending with ".com", got "x"'],
    ['includes', z.string().includes('@'), 'x', 'expected text containing "@", got "x"'],
    ['lowercase', z.string().lowercase(), 'X', 'expected lowercase text, got "X"'],
    ['min(1)', z.string().min(1), '', 'expected at least 1 character, got ""'],
    ['min(3)', z.string().min(3), 'ab', 'expected at least 3 characters, got "ab"'],
    ['max(1)', z.string().max(1), 'ab', 'expected at most 1 character, got "ab"'],
    ['length(3), too long', z.string().length(3), 'abcd', 'expected exactly 3 characters, got "abcd"'],
    ['length(3), too short', z.string().length(3), 'ab', 'expected exactly 3 characters, got "ab"'],
    ['array min(2)', z.array(z.string()).min(2), ['a'], 'expected at least 2 items, got an array of 1 item'],
  ])('%s', (_, schema, value, message) => {
    expect(messageFor(schema, value)).toBe(message);
  });
});
