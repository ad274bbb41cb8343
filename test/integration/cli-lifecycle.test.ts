import { describe, expect, it } from 'vitest';
import { crkit } from './cli-process.js';

// --local points the provider's AWS SDK clients at the emulator through the environment: a process of its own.
// test/unit/cli/lifecycle.test.ts runs the other lifecycle tests in-process.
describe('crkit lifecycle', () => {
  it('plays the README quick start against the emulator after its --setup module made the bucket', async () => {
    const object = { Bucket: 'site', Key: 'hello.txt', Body: 'hello' };
    const args = [
      'lifecycle',
      'examples/quickstart/provider.ts',
      '--local',
      '--setup',
      'examples/quickstart/setup.ts',
      '--properties',
      JSON.stringify(object),
      '--update',
      JSON.stringify({ ...object, Body: 'hello again' }),
      '--replace',
      JSON.stringify({ ...object, Key: 'moved.txt' }),
    ];

    const { code, stdout } = await crkit(args, { NO_COLOR: '1' });

    expect(stdout).toMatch(
      /UPDATE_COMPLETE +\d+ ms {2}s3:\/\/site\/moved\.txt \(replaces s3:\/\/site\/hello\.txt\)/,
    );
    expect(stdout).toContain('✓ lifecycle: 5 requests, each answered as CloudFormation needs');
    expect(code).toBe(0);
  });
});
