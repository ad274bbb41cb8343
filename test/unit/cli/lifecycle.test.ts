import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI, FAILING, runCrkit, WIDGET } from '../../helpers/cli.js';

// In this process, through runCli; test/integration/cli-lifecycle.test.ts plays the quick start against the emulator
// in a process of its own.
describe('crkit lifecycle', () => {
  it('says what a --setup module must export', async () => {
    const { code, stderr } = await runCrkit(['lifecycle', WIDGET, '--setup', 'src/cfn.ts']);

    expect(code).toBe(2);
    expect(stderr).toContain('--setup src/cfn.ts: src/cfn.ts must export a function as default');
  });

  it('prints the requests as stack events, cleanup delete included, and exits 0', async () => {
    const args = [
      'lifecycle',
      WIDGET,
      '--properties',
      '{"Name":"a"}',
      '--update',
      '{"Name":"a","Size":2}',
      '--replace',
      '{"Name":"b"}',
    ];

    const { code, stdout } = await runCrkit(args, { NO_COLOR: '1', FORCE_COLOR: '1' });

    expect(code).toBe(0);
    expect(stdout).not.toMatch(ANSI);
    const events = stdout
      .split('\n')
      .flatMap((line) => /^\d\d:\d\d:\d\d\.\d{3} {2}(\S+) {2}(\S+)/.exec(line)?.slice(1, 3).join(' ') ?? []);
    expect(events).toEqual([
      'Resource CREATE_IN_PROGRESS',
      'Resource CREATE_COMPLETE',
      'Resource UPDATE_IN_PROGRESS',
      'Resource UPDATE_COMPLETE',
      'Resource UPDATE_IN_PROGRESS',
      'Resource UPDATE_COMPLETE',
      'Resource DELETE_IN_PROGRESS',
      'Resource DELETE_COMPLETE',
      'Resource DELETE_IN_PROGRESS',
      'Resource DELETE_COMPLETE',
    ]);
    expect(stdout).toMatch(/UPDATE_COMPLETE +\d+ ms {2}widget-b \(replaces widget-a\)/);
    expect(stdout).toContain('cleanup: removing the resource the update replaced');
    expect(stdout).toContain('✓ lifecycle: 5 requests, each answered as CloudFormation needs');
  });

  it('exits 1 for a provider that fails, showing the reason, the rollback and what was not played', async () => {
    const { code, stdout } = await runCrkit(['lifecycle', FAILING, '--resource-type', 'Custom::Quota'], {
      FORCE_COLOR: '1',
    });

    expect(code).toBe(1);
    expect(stdout).toMatch(ANSI);
    const plain = stdout.replace(new RegExp(ANSI, 'g'), '');
    expect(plain).toMatch(/CREATE_FAILED +\d+ ms {2}create failed: Error: quota exceeded: ask for more/);
    expect(plain).toMatch(/DELETE_IN_PROGRESS +rollback: removing the resource whose create failed/);
    expect(plain).toContain('- step 2 not played: the resource does not exist after step 1');
  });

  it('plays the steps of a --steps file, and exits 2 naming a malformed step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crkit-cli-'));
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(
      good,
      JSON.stringify([
        { create: { Name: 'a' } },
        { update: { Name: 'a', Size: 500 }, expect: 'failure' },
        'delete',
      ]),
    );
    writeFileSync(bad, JSON.stringify([{ create: { Name: 'a' } }, { upgrade: {} }]));

    const played = await runCrkit(['lifecycle', WIDGET, '--steps', good]);
    const refused = await runCrkit(['lifecycle', WIDGET, '--steps', bad]);

    expect(played.code).toBe(0);
    expect(played.stdout).toMatch(/UPDATE_FAILED +\d+ ms {2}update failed: Error: Size 500 is over 100/);
    expect(played.stdout).toContain('rollback: restoring the previous properties');
    expect(played.stdout).toContain('✓ lifecycle: 4 requests, each answered as CloudFormation needs');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'crkit: steps[1]: expected exactly one of create, update or delete, got none\n',
    );
  });
});
