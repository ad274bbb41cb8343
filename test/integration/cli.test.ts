import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSI, crkit, FAILING, WIDGET } from './cli-process.js';

describe('crkit --help and usage errors', () => {
  it.concurrent('lists the commands and documents every exit code', async () => {
    const { code, stdout } = await crkit(['--help']);

    expect(code).toBe(0);
    expect(stdout).toContain('crkit lifecycle <module>');
    for (const exit of ['0  every request', '1  a step failed', '2  usage error', '3  environment problem']) {
      expect(stdout).toContain(exit);
    }
  });

  it.concurrent.each(['invoke', 'lifecycle', 'demo'])(
    'documents the flags of %s and exits 0',
    async (command) => {
      const { code, stdout } = await crkit([command, '--help']);

      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: crkit ${command}`));
      expect(stdout).toContain('3  environment problem');
    },
  );

  it.concurrent('exits 2 for an unknown command, naming the commands there are', async () => {
    const { code, stderr } = await crkit(['deploy']);

    expect(code).toBe(2);
    expect(stderr).toBe(
      'crkit: unknown command "deploy"; the commands are invoke, lifecycle, demo (see crkit --help)\n',
    );
  });

  it.concurrent('exits 3 naming the package to install when the provider imports one that is missing', async () => {
    const { code, stderr } = await crkit(['invoke', 'test/fixtures/providers/needs-missing-package.ts']);

    expect(code).toBe(3);
    expect(stderr).toContain(
      'it imports @acme/client-not-installed, which is not installed: run `npm install @acme/client-not-installed`',
    );
  });

  it.concurrent('suggests the command a typo meant', async () => {
    const { code, stderr } = await crkit(['lifecyle']);

    expect(code).toBe(2);
    expect(stderr).toContain('crkit: unknown command "lifecyle" (did you mean "lifecycle"?)');
  });

  it.concurrent('prints its version, the one in package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };

    const { code, stdout } = await crkit(['--version']);

    expect(code).toBe(0);
    expect(stdout).toBe(`crkit ${version}\n`);
  });

  it.concurrent('takes --type in any case, as a user types it', async () => {
    const { code, stdout } = await crkit(['invoke', WIDGET, '--type', 'delete', '--physical-id', 'widget-a']);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'widget-a' });
  });

  it.concurrent('exits 2 for bad JSON in --properties, showing where it goes wrong', async () => {
    const { code, stderr } = await crkit(['invoke', WIDGET, '--properties', '{"Name":"a",}']);

    expect(code).toBe(2);
    expect(stderr).toBe(
      'crkit: --properties: not valid JSON at position 12: Expected double-quoted property name\n' +
        '    {"Name":"a",}\n' +
        '                ^\n' +
        `  write an object such as '{"Name":"a"}'\n`,
    );
  });

  it.concurrent.each([
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
    const { code, stderr } = await crkit(args);

    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it.concurrent('exits 3 when the emulator is missing, saying how to install it', async () => {
    const { code, stderr } = await crkit(['invoke', WIDGET, '--local'], {
      CRKIT_MOTO_SERVER: '/nonexistent/moto_server',
    });

    expect(code).toBe(3);
    expect(stderr).toContain('pip install "moto[server]"');
  });
});

describe('crkit invoke', () => {
  it.concurrent('prints the response body CloudFormation would read, and exits 0 on SUCCESS', async () => {
    const { code, stdout, stderr } = await crkit(['invoke', WIDGET, '--properties', '{"Name":"a","Size":3}']);

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

  it.concurrent('points the provider at the emulator with --local, before its module loads', async () => {
    const { code, stdout } = await crkit([
      'invoke',
      'providers/az-id-mapping/index.ts',
      '--local',
      '--properties',
      '{"ZoneIds":"use1-az1"}',
    ]);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      Status: 'SUCCESS',
      Data: { ZoneIds: 'use1-az1', ZoneNames: 'us-east-1b' },
    });
  });

  it.concurrent('sends a request file as it is, answering to a local ResponseURL instead of its own', async () => {
    const { code, stdout } = await crkit(['invoke', WIDGET, '--event', 'test/fixtures/create.json']);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'widget-widget-1',
      RequestId: '8d2f6c1e-9b0a-4c3d-8e7f-1a2b3c4d5e6f',
      Data: { Size: '3' },
    });
  });

  it.concurrent('exits 1 when the provider answers FAILED, with the reason', async () => {
    const { code, stdout, stderr } = await crkit(['invoke', FAILING, '--resource-type', 'Custom::Quota']);

    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      Status: 'FAILED',
      Reason: 'create failed: Error: quota exceeded: ask for more',
    });
    expect(stderr).toContain('FAILED in ');
  });
});

describe('crkit demo', () => {
  it('runs the ready-made providers against the emulator, checks their outcomes there, and exits 0', async () => {
    const { code, stdout } = await crkit(['demo']);

    expect(code).toBe(0);
    expect(stdout).toContain('✓ e2e-tester is CONFIRMED in the user pool, in group testers');
    expect(stdout).toContain('✓ every zone maps both ways, as DescribeAvailabilityZones says');
    expect(stdout).toContain('✓ www.example.com was never written');
    expect(stdout).toMatch(/✓ crkit demo: 3 providers, 17 requests, 15 outcomes verified, in [\d.]+ s\n$/);
    expect(stdout).not.toMatch(/✗/);
    const wide = stdout.split('\n').filter((line) => line.replace(new RegExp(ANSI, 'g'), '').length > 100);
    expect(wide).toEqual([]);
  });
});
