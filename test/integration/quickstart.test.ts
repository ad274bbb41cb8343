import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it, vi } from 'vitest';
import { playLifecycle } from '../../src/testing/lifecycle.js';
import { emulatorAccount, unique } from './emulator/emulator.js';

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

// The README's test kit section plays the quick start's provider with playLifecycle, its SDK pointed at the emulator
// before the provider's module loads.
describe("the README's lifecycle test of the quick start provider", () => {
  it('creates and deletes the object in the emulator, with no problem in the timeline', async () => {
    const aws = await emulatorAccount();
    for (const [name, value] of Object.entries(aws.env)) vi.stubEnv(name, value);
    vi.stubEnv('AWS_PROFILE', undefined);
    const { S3Object } = await import('../../examples/quickstart/provider.js');
    const s3 = new S3Client(aws.clientConfig);
    const Bucket = unique('site');
    await s3.send(new CreateBucketCommand({ Bucket }));

    const timeline = await playLifecycle(S3Object, {
      steps: [{ create: { Bucket, Key: 'a.txt', Body: 'hi' } }, 'delete'],
    });

    expect(timeline.problems).toEqual([]);
    const { KeyCount } = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(KeyCount).toBe(0);
  });
});
