import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cdkDir = join(root, 'src', 'cdk');
const providersDir = join(root, 'providers');

const isUnder = (path: string, dir: string): boolean => path === dir || path.startsWith(dir + sep);
/** Construct code: src/cdk, the `crkit/cdk` entry, each provider's `cdk/` folder and the providers' shared `cdk/`. */
const isConstructCode = (path: string): boolean =>
  isUnder(path, cdkDir) ||
  isUnder(path, join(root, 'cdk')) ||
  (isUnder(path, providersDir) && relative(providersDir, path).split(sep).slice(0, 2).includes('cdk'));

/** Module specifiers of static and dynamic imports, re-exports and requires (type-only ones included). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? typeScriptFiles(path) : /\.[cm]?tsx?$/.test(name) ? [path] : [];
  });
}

/** The imports in `text` (of the file at `path`) that would pull CDK into a runtime bundle. */
function cdkImports(path: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)]
    .map((match) => match[1] ?? '')
    .filter((specifier) => {
      if (/^(aws-cdk-lib|constructs)(\/|$)/.test(specifier) || specifier.startsWith('crkit/cdk')) return true;
      if (!specifier.startsWith('.')) return false;
      return isConstructCode(resolve(dirname(path), specifier));
    });
}

/** Everything a Lambda bundle may load: crkit's runtime and its providers (plus tools that ship beside them). */
const runtimeFiles = ['src', 'providers', 'bench', 'scripts']
  .map((dir) => join(root, dir))
  .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
  .flatMap(typeScriptFiles)
  .filter((path) => !isConstructCode(path));

/** The imports in `text` (of the file at `path`) that reach into providers/. */
function providerImports(path: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)]
    .map((match) => match[1] ?? '')
    .filter(
      (specifier) =>
        specifier.startsWith('crkit/providers') ||
        (specifier.startsWith('.') && isUnder(resolve(dirname(path), specifier), providersDir)),
    );
}

// The demo plays the ready-made providers and so imports them; it is the one part of src/ allowed to (it belongs to
// the CLI, not to the framework a provider bundles).
const demoDir = join(root, 'src', 'cli', 'demo');

describe('runtime code', () => {
  it('never imports aws-cdk-lib, constructs or crkit/cdk, so no provider bundle pulls in CDK', () => {
    const offenders = runtimeFiles.flatMap((path) =>
      cdkImports(path, readFileSync(path, 'utf8')).map(
        (specifier) => `${relative(root, path)}: ${specifier}`,
      ),
    );

    expect(runtimeFiles.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it('in src/ never imports providers/: the framework knows no ready-made provider', () => {
    const frameworkFiles = typeScriptFiles(join(root, 'src')).filter((path) => !isUnder(path, demoDir));
    const offenders = frameworkFiles.flatMap((path) =>
      providerImports(path, readFileSync(path, 'utf8')).map(
        (specifier) => `${relative(root, path)}: ${specifier}`,
      ),
    );

    expect(frameworkFiles.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it('is checked by a scan that finds every form of import', () => {
    const path = join(root, 'src', 'entry', 'example.ts');
    const text = [
      "import { Stack } from 'aws-cdk-lib';",
      "import type { Construct } from 'constructs';",
      "export { CrkitResource } from '../cdk/crkit-resource.js';",
      "const lazy = await import('aws-cdk-lib/aws-lambda');",
      "const old = require('crkit/cdk');",
      "import { cfn } from '../cfn.js';",
      "import { AzIdMapping } from '../../providers/az-id-mapping/cdk/az-id-mapping.js';",
    ].join('\n');

    expect(cdkImports(path, text)).toEqual([
      'aws-cdk-lib',
      'constructs',
      '../cdk/crkit-resource.js',
      'aws-cdk-lib/aws-lambda',
      'crkit/cdk',
      '../../providers/az-id-mapping/cdk/az-id-mapping.js',
    ]);
    expect(providerImports(path, text)).toEqual(['../../providers/az-id-mapping/cdk/az-id-mapping.js']);
  });
});
