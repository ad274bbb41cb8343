import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAILING, runCrkit, WIDGET } from '../../helpers/cli.js';

// The CLI in this process, through runCli, the entry src/cli/main.ts hands the process to: what a command prints and
// the exit code it returns. test/integration/cli.test.ts runs it as a process of its own where that matters.
afterEach(() => vi.unstubAllEnvs());

describe('crkit --help and usage errors', () => {
  it('lists the commands and documents every exit code', async () => {
    const { code, stdout } = await runCrkit(['--help']);

    expect(code).toBe(0);
    expect(stdout).toContain('crkit lifecycle <module>');
    for (const exit of ['0  every request', '1  a step failed', '2  usage error', '3  environment problem']) {
      expect(stdout).toContain(exit);
    }
  });

  it.each(['invoke', 'lifecycle', 'demo'])('documents the flags of %s and exits 0', async (command) => {
    const { code, stdout } = await runCrkit([command, '--help']);

    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: crkit ${command}`));
    expect(stdout).toContain('3  environment problem');
  });

  it('exits 2 for an unknown command, naming the commands there are', async () => {
    const { code, stderr } = await runCrkit(['deploy']);

    expect(code).toBe(2);
    expect(stderr).toBe(
      'crkit: unknown command "deploy"; the commands are invoke, lifecycle, demo (see crkit --help)\n',
    );
  });

  it('suggests the command a typo meant', async () => {
    const { code, stderr } = await runCrkit(['lifecyle']);

    expect(code).toBe(2);
    expect(stderr).toContain('crkit: unknown command "lifecyle" (did you mean "lifecycle"?)');
  });

  it('prints its version, the one in package.json', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };

    const { code, stdout } = await runCrkit(['--version']);

    expect(code).toBe(0);
    expect(stdout).toBe(`crkit ${version}\n`);
  });

  it('takes --type in any case, as a user types it', async () => {
    const { code, stdout } = await runCrkit([
      'invoke',
      WIDGET,
      '--type',
      'delete',
      '--physical-id',
      'widget-a',
    ]);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'widget-a' });
  });

  it('exits 2 for bad JSON in --properties, showing where it goes wrong', async () => {
    const { code, stderr } = await runCrkit(['invoke', WIDGET, '--properties', '{"Name":"a",}']);

    expect(code).toBe(2);
    expect(stderr).toBe(
      'crkit: --properties: not valid JSON at position 12: Expected double-quoted property name\n' +
        '    {"Name":"a",}\n' +
        '                ^\n' +
        `  write an object such as '{"Name":"a"}'\n`,
    );
  });

  it.each([
    [
      ['invoke', WIDGET, '--colour'],
      'crkit: unknown flag --colour; the flags are --resource-type, --logical-id',
    ],
    [
      ['lifecycle', WIDGET, '--step', 'x.json'],
      'crkit: unknown flag --step (did you mean "--steps"?); see crkit lifecycle --help',
    ],
    [
      ['invoke', WIDGET, '--propertes', '{}'],
      'crkit: unknown flag --propertes (did you mean "--properties"?)',
    ],
    [['invoke', 'missing.ts'], 'crkit: module missing.ts not found'],
    [['invoke', 'src/cfn.ts'], 'crkit: src/cfn.ts exports no handler: export `handler`'],
    [['invoke', FAILING], 'crkit: --resource-type: the export handler is a handler function'],
    [['invoke', WIDGET, '--type', 'Delete'], 'crkit: --type Delete needs --physical-id'],
  ])('exits 2 and says what to do for %j', async (args, message) => {
    const { code, stderr } = await runCrkit(args);

    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 3 when the emulator is missing, saying how to install it', async () => {
    // The emulator's command comes from the environment of the process that starts it.
    vi.stubEnv('CRKIT_MOTO_SERVER', '/nonexistent/moto_server');

    const { code, stderr } = await runCrkit(['invoke', WIDGET, '--local']);

    expect(code).toBe(3);
    expect(stderr).toContain('pip install "moto[server]"');
  });
});

describe('crkit invoke', () => {
  it('prints the response body CloudFormation would read, and exits 0 on SUCCESS', async () => {
    const { code, stdout, stderr } = await runCrkit([
      'invoke',
      WIDGET,
      '--properties',
      '{"Name":"a","Size":3}',
    ]);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'widget-a',
      Data: { Size: '3' },
    });
    expect(stderr).toContain(
      'crkit invoke: Create Custom::Widget from test/fixtures/providers/widget.ts (export Widget)',
    );
  });

  it('sends a request file as it is, answering to a local ResponseURL instead of its own', async () => {
    const { code, stdout } = await runCrkit(['invoke', WIDGET, '--event', 'test/fixtures/create.json']);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'widget-widget-1',
      RequestId: '8d2f6c1e-9b0a-4c3d-8e7f-1a2b3c4d5e6f',
      Data: { Size: '3' },
    });
  });

  it('exits 1 when the provider answers FAILED, with the reason', async () => {
    const { code, stdout, stderr } = await runCrkit(['invoke', FAILING, '--resource-type', 'Custom::Quota']);

    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      Status: 'FAILED',
      Reason: 'create failed: Error: quota exceeded: ask for more',
    });
    expect(stderr).toContain('FAILED in ');
  });
});
