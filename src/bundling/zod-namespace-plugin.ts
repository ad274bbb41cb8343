import { readFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import type { Loader, Plugin, PluginBuild } from 'esbuild';

/** The specifiers under which zod 4 classic is imported. */
const ZOD = /^zod(?:\/v4)?$/;
/**
 * An import or export statement with a `from` clause, at the start of a line or after `;` or `}` (so not in a JSDoc
 * line, which starts with `*`). Groups: what precedes, `import`/`export`, the clause, the quote, the specifier.
 */
const STATEMENT = /(^|[;}])([ \t]*)(import|export)\s*(?!type\s)([^;'"]*?)\s*from\s*(['"])([^'"\n]+)\5/gm;
/** The clause of an import: a default binding, then named bindings or a namespace. */
const IMPORT_CLAUSE = /^(?:([\w$]+)\s*(?:,\s*|$))?(?:\{([^{}]*)\}|\*\s*as\s+([\w$]+))?$/;

interface Specifier {
  readonly text: string;
  readonly imported: string;
  readonly local: string;
  readonly typeOnly: boolean;
}

function specifiers(list: string): Specifier[] {
  return list
    .split(',')
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => {
      const typeOnly = /^type\s/.test(text);
      const [imported = '', local] = text.replace(/^type\s+/, '').split(/\s+as\s+/);
      return { text, imported: imported.trim(), local: (local ?? imported).trim(), typeOnly };
    });
}

/** The zod specifier a module re-exports `z` from, or undefined: `export { z } from 'zod'` or an import re-exported. */
export function zodReexport(source: string): string | undefined {
  for (const match of source.matchAll(STATEMENT)) {
    const [, , , keyword, clause = '', , from = ''] = match;
    if (!ZOD.test(from)) continue;
    if (keyword === 'export' && (/^\*\s*as\s+z$/.test(clause) || exportsZ(clause))) return from;
    if (
      keyword === 'import' &&
      importsZ(clause) &&
      /export\s*\{[^}]*\bz\b(?!\s*as)[^}]*\}(?!\s*from)/.test(source)
    ) {
      return from;
    }
  }
  return undefined;
}

const exportsZ = (clause: string) =>
  specifiers(/^\{([^}]*)\}$/.exec(clause)?.[1] ?? '').some(
    (s) => !s.typeOnly && s.imported === 'z' && s.local === 'z',
  );
/** Whether an import clause binds the name `z` (to re-export it). */
const importsZ = (clause: string) => {
  const [, defaultName, named = '', namespace] = IMPORT_CLAUSE.exec(clause) ?? [];
  return (
    defaultName === 'z' || namespace === 'z' || specifiers(named).some((s) => !s.typeOnly && s.local === 'z')
  );
};
/** Whether an import clause takes the export named `z` (under any local name). */
const takesZ = (clause: string) =>
  specifiers(IMPORT_CLAUSE.exec(clause)?.[2] ?? '').some((s) => !s.typeOnly && s.imported === 'z');

/**
 * Rewrites the imports of zod's `z` object (`import { z } from 'zod'`, `import z from 'zod'`, `{ z as y }`, from
 * `zod` or `zod/v4`) into namespace imports (`import * as z from 'zod'`). A bundler can drop the parts of zod a
 * bundle never uses only from the namespace form; the `z` object is a value that holds all of zod classic (about
 * 440 KiB minified, `npm run bench`). The behaviour is the same: `z.object` is zod's `object` either way.
 * `reexportsZod(specifier)` says which zod specifier another module re-exports `z` from, so that an import of `z`
 * through it is rewritten too (one hop).
 */
export function toZodNamespace(
  source: string,
  reexportsZod: (specifier: string) => string | undefined = () => undefined,
): string {
  return source.replace(
    STATEMENT,
    (statement, before, indent, keyword, clause: string, quote, from: string) => {
      if (keyword !== 'import') return statement;
      const zod = ZOD.test(from) ? from : reexportsZod(from);
      const match = zod === undefined ? null : IMPORT_CLAUSE.exec(clause);
      if (zod === undefined || match === null) return statement;
      const [, defaultName, named, namespace] = match;
      const list = specifiers(named ?? '');
      const zeds = list.filter((s) => !s.typeOnly && s.imported === 'z');
      const fromZod = ZOD.test(from);
      const namespaces = [...(fromZod && defaultName ? [defaultName] : []), ...zeds.map((s) => s.local)];
      if (namespaces.length === 0) return statement;
      const rest = list.filter((s) => !zeds.includes(s));
      const lines = namespaces.map((name) => `import * as ${name} from ${quote}${zod}${quote}`);
      const kept = [
        ...(defaultName && !fromZod ? [defaultName] : []),
        ...(rest.length > 0 ? [`{ ${rest.map((s) => s.text).join(', ')} }`] : []),
        ...(namespace ? [`* as ${namespace}`] : []),
      ];
      if (kept.length > 0) lines.push(`import ${kept.join(', ')} from ${quote}${from}${quote}`);
      // The statement's own `;` (or line end) follows what replaces it.
      return `${before}${indent}${lines.join('; ')}`;
    },
  );
}

const LOADERS: Readonly<Record<string, Loader>> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.jsx': 'jsx',
};
/** A named import of `z` from some module: the only statements this plugin may change. */
const MAY_IMPORT_Z = /import\s+(?:z\b|[^;'"]*\{[^}]*\bz\b)/;

async function reexports(
  build: PluginBuild,
  source: string,
  resolveDir: string,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [, , , keyword, clause = '', , from = ''] of source.matchAll(STATEMENT)) {
    if (keyword !== 'import' || ZOD.test(from) || found.has(from) || !takesZ(clause)) continue;
    const resolved = await build.resolve(from, { resolveDir, kind: 'import-statement' });
    if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== 'file') continue;
    const zod = zodReexport(await readFile(resolved.path, 'utf8').catch(() => ''));
    if (zod !== undefined) found.set(from, zod);
  }
  return found;
}

/**
 * An esbuild plugin that gives every module of a bundle, its dependencies' included, zod's tree-shakeable namespace
 * import (see {@link toZodNamespace}). crkit's constructs bundle providers with it, so that a dependency written
 * with `import { z } from 'zod'` (as `@aws-lambda-powertools/parser`'s schemas are) does not bring all of zod in.
 */
export function zodNamespacePlugin(): Plugin {
  return {
    name: 'crkit-zod-namespace',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/, namespace: 'file' }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!MAY_IMPORT_Z.test(source)) return undefined;
        const resolveDir = dirname(path);
        const found = await reexports(build, source, resolveDir);
        const rewritten = toZodNamespace(source, (from) => found.get(from));
        if (rewritten === source) return undefined;
        return { contents: rewritten, loader: LOADERS[extname(path)] ?? 'js', resolveDir };
      });
    },
  };
}
