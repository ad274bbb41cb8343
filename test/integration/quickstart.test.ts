import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the README quick start', () => {
  it('plays the S3 object provider through its lifecycle against the emulator, every answer as expected', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'examples/quickstart/run.ts'],
      { cwd: root, timeout: 60_000 },
    );
    expect(stdout).toContain('quick start: every answer and object as expected');
    expect(stdout).not.toMatch(/^FAIL/m);
  }, 60_000);
});
