import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleProvider, providerBuildOptions } from '../../src/bundling/provider-build.js';
import { sqsEvent } from '../../src/testing/envelopes.js';
import { type ResponseCapture, startResponseCapture } from '../../src/testing/response-capture.js';

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/bundle/${name}`, import.meta.url));

let capture: ResponseCapture;
let dir: string;
beforeAll(async () => {
  capture = await startResponseCapture();
  dir = await mkdtemp(join(tmpdir(), 'crkit-construct-bundle-'));
});
afterAll(async () => {
  await capture.close();
  await rm(dir, { recursive: true, force: true });
});

/** Bundles `entry` as crkit's constructs do, with or without their zod plugin. */
async function bundle(entry: string, name: string, zodPlugin = true): Promise<Metafile> {
  const outdir = join(dir, name);
  if (zodPlugin) return bundleProvider(build, { entry, outdir, target: 'node22' });
  const options = providerBuildOptions({ entry, outdir, target: 'node22' });
  return (await build({ ...options, plugins: [] })).metafile;
}

/** Bytes of a package in an output file (or in all of them). */
function bytesOf(metafile: Metafile, pkg: string, output?: string): number {
  let bytes = 0;
  for (const [path, { inputs }] of Object.entries(metafile.outputs)) {
    if (output !== undefined && !path.endsWith(output)) continue;
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      if (input.includes(`node_modules/${pkg}/`)) bytes += bytesInOutput;
    }
  }
  return bytes;
}

const KiB = 1024;

/** A Create of the fixture's `Custom::Greeting`, answered to `url`. */
const event = (url: string, id: string) => ({
  RequestType: 'Create',
  ResponseURL: url,
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/5b9a8f10',
  RequestId: id,
  LogicalResourceId: 'Greeting',
  ResourceType: 'Custom::Greeting',
  ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:p', Name: id },
});

describe('a provider bundled as crkit’s constructs bundle it', () => {
  it('keeps undici out of the file Lambda loads at init, in a chunk imported when first needed', async () => {
    const metafile = await bundle(fixture('construct-provider.ts'), 'split');
    const index = Object.entries(metafile.outputs).find(([path]) => path.endsWith('/index.mjs'));

    expect(bytesOf(metafile, 'undici', '/index.mjs')).toBe(0);
    expect(bytesOf(metafile, 'undici')).toBeGreaterThan(100 * KiB);
    const undiciChunk = Object.entries(metafile.outputs).find(([, output]) =>
      Object.keys(output.inputs).some((input) => input.includes('node_modules/undici/')),
    )?.[0];
    expect(index?.[1].imports).toContainEqual(
      expect.objectContaining({ path: undiciChunk, kind: 'dynamic-import' }),
    );
  });

  it('answers, loads undici in that bundle (or the test fails saying why not), and answers through it', async () => {
    await bundle(fixture('construct-provider.ts'), 'answers');
    const urls = [capture.responseUrl(), capture.responseUrl()];
    const invoke = join(dir, 'invoke-construct.mjs');
    await writeFile(
      invoke,
      `import { handler, loadUndici } from ${JSON.stringify(join(dir, 'answers', 'index.mjs'))};
const context = { getRemainingTimeInMillis: () => 5000 };
await handler(${JSON.stringify(event(urls[0] ?? '', 'first'))}, context);
const { Pool } = await loadUndici();
await handler(${JSON.stringify(event(urls[1] ?? '', 'second'))}, context);
console.log(typeof Pool);`,
    );

    const { stdout } = await run(process.execPath, [invoke], {
      env: { ...process.env, CRKIT_ALLOW_RESPONSE_ORIGINS: capture.origin, CRKIT_LOG_LEVEL: 'error' },
      timeout: 15_000,
    });

    expect(stdout.trim()).toBe('function');
    expect(capture.responseFor(urls[0] ?? '')?.body).toMatchObject({
      Status: 'SUCCESS',
      Data: { Text: 'Hello, first' },
    });
    expect(capture.responseFor(urls[1] ?? '')?.body).toMatchObject({
      Status: 'SUCCESS',
      Data: { Text: 'Hello, second' },
    });
  });

  it('answers through node:https and warns once on standard error when undici cannot load in the bundle', async () => {
    // Without the constructs' `require` banner, undici's CommonJS `require` of a Node built-in throws in an ES module.
    const outdir = join(dir, 'no-require');
    const { banner: _banner, ...options } = providerBuildOptions({
      entry: fixture('construct-provider.ts'),
      outdir,
      target: 'node22',
    });
    await build(options);
    const urls = [capture.responseUrl(), capture.responseUrl()];
    const invoke = join(dir, 'invoke-no-require.mjs');
    await writeFile(
      invoke,
      `import { handler, loadUndici } from ${JSON.stringify(join(outdir, 'index.mjs'))};
const context = { getRemainingTimeInMillis: () => 5000 };
await handler(${JSON.stringify(event(urls[0] ?? '', 'first'))}, context);
await handler(${JSON.stringify(event(urls[1] ?? '', 'second'))}, context);
console.log(await loadUndici().then(() => 'loaded', () => 'not loaded'));
await new Promise((resolve) => setImmediate(resolve));`,
    );

    const { stdout, stderr } = await run(process.execPath, [invoke], {
      env: { ...process.env, CRKIT_ALLOW_RESPONSE_ORIGINS: capture.origin, CRKIT_LOG_LEVEL: 'warn' },
      timeout: 15_000,
    });

    expect(stdout.trim()).toBe('not loaded');
    const warnings = stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; message: string; error: string });
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 'warn',
        message:
          'crkit: undici could not load, so responses are sent through node:https (one connection each, no keep-alive pool)',
        error: expect.stringContaining('require'),
      }),
    ]);
    for (const [url, name] of [
      [urls[0], 'first'],
      [urls[1], 'second'],
    ] as const) {
      expect(capture.responseFor(url ?? '')?.body).toMatchObject({
        Status: 'SUCCESS',
        Data: { Text: `Hello, ${name}` },
      });
    }
  });

  it('answers an SQS event sent to its lambdaHandler, through the SQS entry, and warns to export sqsHandler', async () => {
    await bundle(fixture('construct-provider.ts'), 'misdirected');
    const url = capture.responseUrl();
    const invoke = join(dir, 'invoke-misdirected.mjs');
    await writeFile(
      invoke,
      `import { handler } from ${JSON.stringify(join(dir, 'misdirected', 'index.mjs'))};
await handler(${JSON.stringify(sqsEvent([event(url, 'queued')]))}, { getRemainingTimeInMillis: () => 5000 });`,
    );

    const { stderr } = await run(process.execPath, [invoke], {
      env: { ...process.env, CRKIT_ALLOW_RESPONSE_ORIGINS: capture.origin, CRKIT_LOG_LEVEL: 'warn' },
      timeout: 15_000,
    });

    expect(capture.responseFor(url)?.body).toMatchObject({
      Status: 'SUCCESS',
      Data: { Text: 'Hello, queued' },
    });
    expect(stderr).toContain('export sqsHandler(...)');
  });

  it("gets the tree-shakeable zod although Powertools' schemas import { z }: over 300 KiB less", async () => {
    const withPlugin = await bundle(fixture('construct-provider.ts'), 'with-plugin');
    const withoutPlugin = await bundle(fixture('construct-provider.ts'), 'without-plugin', false);

    expect(bytesOf(withoutPlugin, 'zod')).toBeGreaterThan(400 * KiB);
    expect(bytesOf(withPlugin, 'zod')).toBeLessThan(150 * KiB);
    expect(bytesOf(withoutPlugin, 'zod') - bytesOf(withPlugin, 'zod')).toBeGreaterThan(300 * KiB);
  });

  it('gets the tree-shakeable zod through a module that re-exports z', async () => {
    const withPlugin = await bundle(fixture('zod-reexport-user.ts'), 'reexport');
    const withoutPlugin = await bundle(fixture('zod-reexport-user.ts'), 'reexport-without', false);

    expect(bytesOf(withoutPlugin, 'zod')).toBeGreaterThan(400 * KiB);
    expect(bytesOf(withPlugin, 'zod')).toBeLessThan(150 * KiB);
  });
});
