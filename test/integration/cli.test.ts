import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSI } from '../helpers/cli.js';
import { crkit } from './cli-process.js';

// The CLI as a process of its own (test/unit/cli/ runs the rest in-process): its bin wiring and exit code, Node's own
// module loading, and --local, which points the provider's AWS SDK clients at the emulator through the environment.
describe('crkit as a process', () => {
  it.concurrent('runs from src/cli/main.ts, printing its version, the one in package.json, and exiting 0', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };

    const { code, stdout } = await crkit(['--version']);

    expect(code).toBe(0);
    expect(stdout).toBe(`crkit ${version}\n`);
  });

  it.concurrent('exits 3 naming the package to install when the provider imports one that is missing', async () => {
    const { code, stderr } = await crkit(['invoke', 'test/fixtures/providers/needs-missing-package.ts']);

    expect(code).toBe(3);
    expect(stderr).toContain(
      'it imports @acme/client-not-installed, which is not installed: run `npm install @acme/client-not-installed`',
    );
  });
});

describe('crkit invoke --local', () => {
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
});

describe('crkit demo', () => {
  // Three providers and 17 requests against the emulator: longer than the 20 s default on a loaded machine.
  it.concurrent('runs the ready-made providers against the emulator, checks their outcomes there, and exits 0', async () => {
    const { code, stdout } = await crkit(['demo']);

    expect(code).toBe(0);
    expect(stdout).toContain('✓ e2e-tester is CONFIRMED in the user pool, in group testers');
    expect(stdout).toContain('✓ every zone maps both ways, as DescribeAvailabilityZones says');
    expect(stdout).toContain('✓ www.example.com was never written');
    expect(stdout).toMatch(/✓ crkit demo: 3 providers, 17 requests, 15 outcomes verified, in [\d.]+ s\n$/);
    expect(stdout).not.toMatch(/✗/);
    const wide = stdout.split('\n').filter((line) => line.replace(new RegExp(ANSI, 'g'), '').length > 100);
    expect(wide).toEqual([]);
  }, 60_000);
});
