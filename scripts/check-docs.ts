/**
 * Type-checks every TypeScript example crkit documents: the ```ts blocks of README.md and providers' READMEs, and
 * the @example blocks of TSDoc comments under src/ and providers/. Examples import 'crkit' as users do, resolved
 * through the package's own exports (so run `npm run build` first). Unchecked examples drift; these cannot.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.crkit/docs');
/**
 * TypeScript 7's compiler (package.json's `typescript-7`), as for the build and the type check, each on one thread:
 * `npm test` runs the three side by side on two cores, where their threads only contend (the first phase took 19-20 s
 * from a clean state with threads, 12.5-13.5 s without).
 */
const TSC = join(root, 'node_modules/typescript-7/bin/tsc');

function files(dir: string, pick: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? files(path, pick) : pick(path) ? [path] : [];
  });
}

function markdownBlocks(text: string): string[] {
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/**
 * An example of an internal helper imports it by its module path (`from './fit-response.js'`), since documenting a
 * helper must not make it public: the path is resolved from the file that documents it.
 */
function fromSource(block: string, path: string): string {
  return block.replace(/from '(\.{1,2}\/[^']+)'/g, (_, spec: string) => {
    const target = relative(out, resolve(dirname(path), spec));
    return `from '${target.startsWith('.') ? target : `./${target}`}'`;
  });
}

function tsdocBlocks(text: string): string[] {
  return [...text.matchAll(/\* ```ts\n([\s\S]*?)\* ```/g)].map((match) =>
    (match[1] ?? '').replace(/^\s*\* ?/gm, ''),
  );
}

const sources = [
  ...['README.md', ...files(join(root, 'providers'), (p) => p.endsWith('README.md'))].map((path) => ({
    path,
    blocks: markdownBlocks(readFileSync(join(root, relative(root, path)), 'utf8')),
  })),
  ...[
    ...files(join(root, 'src'), (p) => p.endsWith('.ts')),
    ...files(join(root, 'providers'), (p) => p.endsWith('.ts')),
  ].map((path) => ({
    path,
    blocks: tsdocBlocks(readFileSync(path, 'utf8')).map((b) => fromSource(b, path)),
  })),
];

// The folder stays between runs, with tsc's incremental state: examples and sources that did not change keep their
// results, so that only what changed is checked again.
mkdirSync(out, { recursive: true });
const examples = new Set<string>();
for (const { path, blocks } of sources) {
  blocks.forEach((block, index) => {
    const name = `${relative(root, path).replace(/[^a-zA-Z0-9]+/g, '_')}_${index}.ts`;
    writeFileSync(join(out, name), `// from ${relative(root, path)}\n${block}\nexport {};\n`);
    examples.add(name);
  });
}
// An example removed from the docs is removed from the check.
for (const name of readdirSync(out)) {
  if (name.endsWith('.ts') && !examples.has(name)) rmSync(join(out, name));
}
const count = examples.size;
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../tsconfig.json',
    compilerOptions: {
      noUnusedLocals: false,
      types: ['node'],
      incremental: true,
      tsBuildInfoFile: './tsconfig.tsbuildinfo',
    },
    // Ambient declarations of src (undici's untyped modules) are not reached through imports: include them.
    include: ['./*.ts', '../../src/**/*.d.ts'],
  }),
);
try {
  execFileSync(process.execPath, [TSC, '-p', join(out, 'tsconfig.json'), '--singleThreaded'], {
    stdio: 'inherit',
  });
  console.log(`docs: ${count} examples type-check`);
} catch {
  console.error(`docs: examples do not type-check (files in ${relative(root, out)})`);
  process.exit(1);
}
