import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterEach, describe, expect, it } from 'vitest';
import { CrkitProvider } from '../../src/cdk/crkit-provider.js';
import { testStack, WIDGET_ENTRY } from './fixtures/stacks.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const outdirs: string[] = [];
afterEach(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A stack whose app really bundles, and the files of its one function asset after synth. */
function bundled(props: Omit<Parameters<typeof CrkitProvider.getOrCreate>[1], 'providerId'>) {
  const outdir = mkdtempSync(join(tmpdir(), 'crkit-bundle-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bundled', { env: { account: '111111111111', region: 'us-east-1' } });
  CrkitProvider.getOrCreate(stack, { providerId: 'acme.bundled', ...props });
  const template = Template.fromStack(stack);
  const assembly = app.synth();
  const asset = readdirSync(assembly.directory).find((name) => name.startsWith('asset.'));
  const dir = join(assembly.directory, asset ?? '');
  return {
    template,
    files: asset === undefined ? [] : readdirSync(dir),
    read: (file: string) => readFileSync(join(dir, file), 'utf8'),
  };
}

describe('CrkitProvider checks its entry at synth', () => {
  it('names the exports when the entry does not export the handler', () => {
    const entry = fixture('main-export-provider.ts');

    expect(() => CrkitProvider.getOrCreate(testStack(), { providerId: 'acme.widget', entry })).toThrow(
      `handler: ${entry} does not export "handler"; it exports "main". Export the provider's handler as "handler"`,
    );
  });

  it('suggests the export a mistyped handler name meant', () => {
    expect(() =>
      CrkitProvider.getOrCreate(testStack(), {
        providerId: 'acme.widget',
        entry: WIDGET_ENTRY,
        handler: 'hndler',
      }),
    ).toThrow(/does not export "hndler" \(did you mean "handler"\?\); it exports .*"handler"/);
  });

  it('accepts an entry that exports the handler under the name given', () => {
    const entry = fixture('main-export-provider.ts');

    expect(() =>
      CrkitProvider.getOrCreate(testStack(), { providerId: 'acme.widget', entry, handler: 'main' }),
    ).not.toThrow();
  });
});

describe('CrkitProvider bundles', () => {
  it('ships no source map unless asked', () => {
    const { files, template } = bundled({ entry: WIDGET_ENTRY });

    expect(files).toContain('index.mjs');
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toContain('--enable-source-maps');
  }, 60_000);

  it('ships the provider as ESM with undici in a chunk of its own, and zod tree-shaken', () => {
    const { files, read, template } = bundled({ entry: WIDGET_ENTRY });

    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
    });
    const undici = files.filter((file) => /^undici-\w+\.mjs$/.test(file));
    expect(undici).toHaveLength(1);
    expect(read('index.mjs')).toContain(`import("./${undici[0]}")`);
    // zod classic whole is about 440 KiB; crkit and the zod it uses, without undici, about 150.
    expect(Buffer.byteLength(read('index.mjs'))).toBeLessThan(200 * 1024);
  }, 60_000);

  it('ships a source map and tells Node to read it when sourceMap is set', () => {
    const { files, template } = bundled({ entry: WIDGET_ENTRY, sourceMap: true });

    expect(files).toContain('index.mjs.map');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
    });
  }, 60_000);

  it('leaves the modules named in externals out of the bundle, to load at run time', () => {
    const { read } = bundled({ entry: fixture('layer-provider.ts'), externals: ['acme-layer-package'] });

    expect(read('index.mjs')).toMatch(/import\("acme-layer-package"\)/);
  }, 60_000);
});

describe('CrkitProvider with a package the entry imports but nobody installed', () => {
  it('says to install it or list it in externals, instead of esbuild\'s bare "Could not resolve"', () => {
    const entry = fixture('layer-provider.ts');

    expect(() => CrkitProvider.getOrCreate(testStack(), { providerId: 'acme.layered', entry })).toThrow(
      `entry: ${entry} imports "acme-layer-package", not installed: run \`npm install acme-layer-package\`, or list it in \`externals\``,
    );
  });
});
