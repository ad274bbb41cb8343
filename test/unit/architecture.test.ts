import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A module's unit in the graph: its folder under src/, or the file itself for a file at src/'s top. */
function unitOf(path: string): string {
  const [first, ...rest] = relative(src, path).split('/');
  return rest.length > 0 ? `${first}/` : (first ?? '');
}

/** Every relative import between units of src/ (type-only imports included: they are a dependency too). */
function unitGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    const from = unitOf(file);
    if (from === 'index.ts') continue; // the barrel re-exports everything by design
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), match[1] ?? '').replace(/\.js$/, '.ts');
      const to = unitOf(target);
      if (to !== from && target.startsWith(src)) edges.add(to);
    }
  }
  return graph;
}

function cycleIn(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const walk = (node: string, path: string[]): string[] | undefined => {
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      const cycle = walk(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = walk(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the architecture of src/', () => {
  it('has no import cycle between its folders', () => {
    expect(cycleIn(unitGraph())).toBeUndefined();
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['core/', new Set(['response/'])],
      ['response/', new Set(['core/'])],
    ]);
    expect(cycleIn(graph)).toEqual(['core/', 'response/', 'core/']);
  });

  it('keeps runtime code away from construct code and the CLI', () => {
    const runtime = [
      'access/',
      'core/',
      'entry/',
      'event/',
      'idempotency/',
      'long-running/',
      'resource/',
      'response/',
    ];
    const graph = unitGraph();
    const reached = runtime.flatMap((unit) => [...(graph.get(unit) ?? [])].map((to) => `${unit} -> ${to}`));
    expect(reached.filter((edge) => /-> (cdk|cli|testing)\//.test(edge))).toEqual([]);
  });

  it('has the ready-made providers use crkit through its public entry points only, as a user would', () => {
    const providers = join(root, 'providers');
    const deep = sourceFiles(providers).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)]
        .map((match) => resolve(dirname(file), match[1] ?? ''))
        .filter((target) => !target.startsWith(providers))
        .map((target) => `${relative(root, file)} -> ${relative(root, target)}`),
    );
    expect(deep).toEqual([]);
  });
});
