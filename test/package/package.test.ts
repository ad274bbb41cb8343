import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, type ResponseCapture, startResponseCapture } from '../../src/testing/index.js';
import { prepareFixtureProjects } from './fixture-projects.js';

const exec = promisify(execFile);
let root: string;
let capture: ResponseCapture;

beforeAll(async () => {
  root = prepareFixtureProjects();
  capture = await startResponseCapture();
}, 600_000);
afterAll(() => capture?.close());

/** The layouts whose type check must pass, each a tsconfig.json of its own. */
const LAYOUTS = ['cdk-app', 'classic-cdk-app', 'esm-app', 'bundler-app'];
let typeChecked: Promise<string[]> | undefined;

/**
 * The errors tsc reports for `project` (and any it cannot place in a project). One tsc in build mode checks the
 * four layouts, each under its own tsconfig, and reads the declaration files they share (aws-cdk-lib's, crkit's)
 * once instead of four times.
 */
async function typeErrors(project: string): Promise<string[]> {
  typeChecked ??= exec(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '--build',
      // Every time, whatever state a layout's folder holds: the check is the point.
      '--force',
      '--noEmit',
      '--pretty',
      'false',
      ...LAYOUTS.map((layout) => join(root, layout)),
    ],
    { cwd: root },
  ).then(
    () => [],
    (error: { stdout?: string; stderr?: string; message: string }) => {
      const lines = `${error.stdout ?? ''}${error.stderr ?? ''}`.split('\n').filter((line) => line.trim());
      return lines.length > 0 ? lines : [error.message];
    },
  );
  const lines = await typeChecked;
  return lines.filter(
    (line) => line.startsWith(`${project}/`) || !LAYOUTS.some((layout) => line.startsWith(`${layout}/`)),
  );
}

/** Optional peers a user's own provider must neither need nor pull into its bundle. */
const OPTIONAL_PEER =
  /node_modules\/(@aws-lambda-powertools\/idempotency|@aws-sdk\/|aws-cdk-lib|constructs|esbuild|tsx)/;

async function bundle(format: 'esm' | 'cjs'): Promise<{ file: string; inputs: string[] }> {
  const esbuild = (await import(join(root, 'node_modules/esbuild/lib/main.js'))) as typeof import('esbuild');
  const file = join(root, `widget.${format === 'esm' ? 'mjs' : 'cjs'}`);
  // Plain esbuild as users run it: no banner, no externals, nothing crkit's construct adds.
  const result = await esbuild.build({
    entryPoints: [join(root, 'esm-app/src/widget-provider.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format,
    outfile: file,
    metafile: true,
    logLevel: 'silent',
  });
  return { file, inputs: Object.keys(result.metafile.inputs) };
}

async function answerOf(file: string) {
  const responseUrl = capture.responseUrl();
  const event = createEvent({
    resourceType: 'Custom::Widget',
    responseUrl,
    properties: { Name: 'w', Size: 3 },
  });
  const eventFile = `${file}.event.json`;
  writeFileSync(eventFile, JSON.stringify(event));
  await exec(process.execPath, [join(root, 'run-bundle.mjs'), file, eventFile], {
    cwd: root,
    timeout: 30_000,
    env: { ...process.env, CRKIT_ALLOW_RESPONSE_ORIGINS: capture.origin },
  });
  return capture.responseFor(responseUrl)?.body;
}

describe('crkit installed from its tarball in a fresh project', () => {
  it.concurrent.each([
    ['the `cdk init app --language typescript` layout (CommonJS, module NodeNext)', 'cdk-app'],
    ['the older `cdk init` layout ("module": "commonjs", moduleResolution node10)', 'classic-cdk-app'],
    ['an ESM app (module NodeNext, "type": "module")', 'esm-app'],
    ['a bundler-resolution app (moduleResolution bundler)', 'bundler-app'],
  ])(
    'type-checks a provider, the CDK constructs and the test kit in %s',
    async (_, project) => {
      expect(await typeErrors(project)).toEqual([]);
    },
    120_000,
  );

  it.each(['esm', 'cjs'] as const)(
    'bundles a provider with plain esbuild as %s, no banner, and the bundle answers CloudFormation',
    async (format) => {
      const { file, inputs } = await bundle(format);

      const answer = await answerOf(file);

      expect(inputs.filter((input) => OPTIONAL_PEER.test(input))).toEqual([]);
      expect(answer).toMatchObject({
        Status: 'SUCCESS',
        PhysicalResourceId: 'widget-w',
        Data: { Area: '9' },
      });
    },
    120_000,
  );

  // cdk.json's ts-node type-checks what it runs; the same TypeScript with the same tsconfig checks the app above, in
  // the one tsc program of all layouts (every file of the app, where ts-node checks those it loads). Checking it again
  // here cost 11 s of a 18 s synth: ts-node only transpiles.
  it('synthesises the `cdk init` app through ts-node, with CrkitProvider and every ready-made construct', async () => {
    const out = join(root, 'cdk-app/cdk.out');

    // cdk.json's "app" of the `cdk init` layout.
    const tsNode = join(root, 'node_modules/ts-node/dist/bin.js');
    const { stderr } = await exec(
      process.execPath,
      [tsNode, '--transpile-only', '--prefer-ts-exts', 'bin/app.ts'],
      {
        cwd: join(root, 'cdk-app'),
        timeout: 180_000,
        env: { ...process.env, CDK_OUTDIR: out },
      },
    );

    const template = JSON.parse(readFileSync(join(out, 'Widgets.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    const types = Object.values(template.Resources).map((resource) => resource.Type);
    expect(types).toEqual(
      expect.arrayContaining([
        'Custom::Widget',
        'Custom::CognitoTestUser',
        'Custom::AzIdMapping',
        'Custom::CrossAccountDnsRecord',
      ]),
    );
    expect(readdirSync(out).some((name) => name === 'Dns.template.json')).toBe(true);
    expect(stderr).not.toMatch(/warning|error/i);
  }, 240_000);

  it('runs the crkit command from the installed package', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'node_modules/crkit/package.json'), 'utf8')) as {
      version: string;
    };

    const { stdout } = await exec(join(root, 'node_modules/.bin/crkit'), ['--version'], { cwd: root });

    expect(stdout).toBe(`crkit ${version}\n`);
  });
});
