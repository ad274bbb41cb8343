import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDnsAllowlist } from '../../providers/cross-account-dns-record/allowlist.js';
import { allowAccounts } from '../../src/access/allow-accounts.js';
import { publishersShape } from '../../src/cdk/publishers.js';
import { optionsObject, parseOptions } from '../../src/validation/option-schemas.js';

const root = join(import.meta.dirname, '../..');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

const accepts = {
  allowAccounts: (id: string) => attempt(() => allowAccounts({ accounts: [id] })),
  'CrkitSnsProvider allowedAccounts': (id: string) =>
    attempt(() => parseOptions(optionsObject(publishersShape()), { allowedAccounts: [id] })),
  'the DNS allowlist': (id: string) => attempt(() => checkDnsAllowlist({ [id]: ['app1.example.com'] })),
};

function attempt(work: () => unknown): boolean {
  try {
    work();
    return true;
  } catch {
    return false;
  }
}

describe('the account-id rule', () => {
  it('is written once: no other source file spells out a 12-digit account-id pattern of its own', async () => {
    const files = [...(await sources('src')), ...(await sources('providers')), ...(await sources('cdk'))];
    const spelled: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (/\/\^\\d\{12\}\$\/|\[0-9\]\{12\}/.test(text)) spelled.push(file.slice(root.length + 1));
    }
    expect(spelled).toEqual(['src/validation/option-rules.ts']);
  });

  it.each(['111111111111', '1234', '1111111111111', 'abcdefghijkl', ' 111111111111', '11111111111\n'])(
    'is the same for allowAccounts, the SNS provider construct and the DNS allowlist (%j)',
    (id) => {
      const verdicts = Object.values(accepts).map((accept) => accept(id));
      expect(new Set(verdicts).size).toBe(1);
      expect(verdicts[0]).toBe(/^\d{12}$/.test(id));
    },
  );
});
