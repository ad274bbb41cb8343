import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ResponseCapture, startResponseCapture } from '../../src/testing/response-capture.js';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('../fixtures/bundle/provider.ts', import.meta.url));

let capture: ResponseCapture;
let dir: string;
beforeAll(async () => {
  capture = await startResponseCapture();
  dir = await mkdtemp(join(tmpdir(), 'crkit-bundle-'));
});
afterAll(async () => {
  await capture.close();
  await rm(dir, { recursive: true, force: true });
});

/** Bundles the provider as a user would (no banner, no externals), invokes it in a fresh Node process. */
async function bundleAndInvoke(format: 'esm' | 'cjs') {
  const outfile = join(dir, `provider.${format === 'esm' ? 'mjs' : 'cjs'}`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format, outfile });
  const url = capture.responseUrl();
  const event = {
    RequestType: 'Create',
    ResponseURL: url,
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/5b9a8f10',
    RequestId: `bundle-${format}`,
    LogicalResourceId: 'Greeting',
    ResourceType: 'Custom::Greeting',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:p', Name: format },
  };
  const invoke = join(dir, `invoke-${format}.mjs`);
  await writeFile(
    invoke,
    `import * as mod from ${JSON.stringify(outfile)};
const handler = mod.handler ?? mod.default.handler;
await handler(${JSON.stringify(event)}, { getRemainingTimeInMillis: () => 5000 });`,
  );
  await run(process.execPath, [invoke], {
    env: { ...process.env, CRKIT_ALLOW_RESPONSE_ORIGINS: capture.origin },
    timeout: 15_000,
  });
  return capture.responseFor(url);
}

describe('a provider bundled by its user with esbuild, without any banner', () => {
  it.each(['esm', 'cjs'] as const)('answers SUCCESS when bundled as %s', async (format) => {
    const answer = await bundleAndInvoke(format);
    expect(answer?.body).toMatchObject({ Status: 'SUCCESS', Data: { Text: `Hello, ${format}` } });
  });
});
