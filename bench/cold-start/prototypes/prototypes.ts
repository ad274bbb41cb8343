// Proposed changes to src/, measured without editing src/: each prototype bundle swaps or edits source files.
import { fileURLToPath } from 'node:url';
import type { Substitution } from '../../lib/bundle.js';
import { replaceExactly } from '../../lib/source-edit.js';
import type { BundleSpec, Variant } from '../variants.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const src = (path: string) => here(`../../../src/${path}`);
const CRKIT = here('../handlers/crkit.ts');
const SRC_FILES = new RegExp(`^${src('').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\.ts$`);

/** undici replaced by `node:http(s)`. */
const nodeTransport: Substitution[] = [
  { path: src('response/transport.ts'), file: here('./node-transport.ts') },
];

/**
 * zod imported as `import * as z` in every crkit file (the bench handler already does), so esbuild keeps only what
 * is used, and no Powertools schemas (they `import { z }`, which keeps all of zod and its locales).
 */
const leanZod: Substitution[] = [
  {
    path: SRC_FILES,
    edit: (source) => source.replace(/^import \{ z \} from 'zod';$/m, "import * as z from 'zod';"),
  },
  { path: src('event/schema.ts'), file: here('./event-schema.ts') },
];

/** zod/mini inside crkit (its checks as functions, not methods) and in the user's handler. */
const miniZod: Substitution[] = [
  {
    path: SRC_FILES,
    edit: (source) => source.replace(/^import \{ z \} from 'zod';$/m, "import * as z from 'zod/mini';"),
  },
  {
    path: src('long-running/continuation.ts'),
    edit: replaceExactly([
      ['z.string().min(1)', 'z.string().check(z.minLength(1))'],
      ['z.number().int().min(0)', 'z.int().check(z.minimum(0))'],
      ['z.number().min(0)', 'z.number().check(z.minimum(0))'],
    ]),
  },
  { path: src('cfn.ts'), file: here('./cfn-mini.ts') },
  { path: src('event/schema.ts'), file: here('./event-schema-mini.ts') },
  { path: CRKIT, edit: replaceExactly([["import * as z from 'zod';", "import * as z from 'zod/mini';"]]) },
];

/**
 * The response connection opened as the request arrives, once its ResponseURL is allowed: `checkResponseUrl` is
 * wrapped so that no core file needs an edit (the real change would pass the URL to `preload`).
 */
const preconnect: Substitution[] = [
  { path: src('response/transport.ts'), file: here('./preconnect-transport.ts') },
  {
    path: src('response/response-url.ts'),
    edit: (source) =>
      `${replaceExactly([['export function checkResponseUrl(', 'function checkAlone(']])(source)}
import { preconnectResponse } from './transport.js';
export function checkResponseUrl(value: unknown, allowedOrigins: readonly string[]): ResponseUrlCheck {
  const check = checkAlone(value, allowedOrigins);
  if (check.ok) preconnectResponse(check.url);
  return check;
}
`,
  },
];

/** undici kept, but loaded from a setImmediate so that its evaluation overlaps the handler's I/O. */
const deferredUndici: Substitution[] = [
  {
    path: src('core/options.ts'),
    edit: replaceExactly([
      [
        '() => void preloadTransport().catch(() => undefined)',
        '() => void setImmediate(() => void preloadTransport().catch(() => undefined))',
      ],
    ]),
  },
];

/** crkit with one proposed change after another (`npm run bench -- --prototypes`). */
export const PROTOTYPE_BUNDLES: readonly BundleSpec[] = [
  { id: 'p-deferred-undici', entry: CRKIT, substitutions: deferredUndici },
  { id: 'p-node-transport', entry: CRKIT, substitutions: nodeTransport },
  { id: 'p-lean', entry: CRKIT, substitutions: [...nodeTransport, ...leanZod] },
  { id: 'p-lean-preconnect', entry: CRKIT, substitutions: [...leanZod, ...preconnect] },
  { id: 'p-mini-preconnect', entry: CRKIT, substitutions: [...miniZod, ...preconnect] },
  { id: 'p-mini-preconnect-esm', entry: CRKIT, format: 'esm', substitutions: [...miniZod, ...preconnect] },
];

const LABELS: Record<string, string> = {
  'p-deferred-undici': 'prototype: undici preload in setImmediate',
  'p-node-transport': 'prototype: node:http(s) transport',
  'p-lean': 'prototype: node transport + `import * as z`, no Powertools',
  'p-lean-preconnect': 'prototype: lean + preconnect',
  'p-mini-preconnect': 'prototype: lean + preconnect, zod/mini',
  'p-mini-preconnect-esm': 'prototype: lean + preconnect, zod/mini, ESM',
};

const GROUPS: readonly Pick<Variant, 'protocol' | 'workMs'>[] = [
  { protocol: 'http', workMs: 20 },
  { protocol: 'http', workMs: 0 },
  { protocol: 'https', workMs: 20 },
];

/** Every prototype in each group that has a floor. */
export const PROTOTYPE_VARIANTS: readonly Variant[] = PROTOTYPE_BUNDLES.flatMap((bundle) =>
  GROUPS.map((group) => ({
    id: `${bundle.id}-${group.protocol}-${group.workMs}`,
    label: LABELS[bundle.id] ?? bundle.id,
    bundle: bundle.id,
    ...group,
  })),
);
