// Changes proposed to crkit's core, measured without editing src/: each candidate is crkit as its constructs bundle
// it, with source edits (bench/lib/bundle.ts substitutions) that load one more thing at its first use instead of at
// init, or load undici at another moment. `npm run bench -- --only=candidates`.
import { fileURLToPath } from 'node:url';
import type { Substitution } from '../lib/bundle.js';
import { type BundleSpec, floorRow, type Variant } from './variants.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const source = (path: string) => here(`../../src/${path}`);

/** An edit that fails loudly when the source no longer has what it replaces (the measurement would be void). */
const replace = (path: string, from: string, to: string): Substitution => ({
  path: source(path),
  edit: (text) => {
    if (!text.includes(from))
      throw new Error(`candidate edit: ${path} no longer contains ${JSON.stringify(from)}`);
    return text.replace(from, to);
  },
});

/** undici as before: loaded when any request arrives (the handler's first turn), the cold one included. */
const UNDICI_AT_REQUEST = [
  replace('response/transport.ts', '  if (answered) setImmediate(', '  setImmediate('),
];

/** undici loaded when the first PUT starts (it goes through node:https meanwhile). */
const UNDICI_AT_FIRST_PUT = [
  replace('response/transport.ts', '  if (answered) setImmediate(', '  if (false) setImmediate('),
  replace(
    'response/transport.ts',
    '    try {\n      return await nodeHttpsTransport(put);',
    '    try {\n      void loadUndici().catch(() => undefined);\n      return await nodeHttpsTransport(put);',
  ),
];

/** `node:https` imported at init, as before, instead of when a request arrives. */
const HTTPS_AT_INIT = [
  replace(
    'response/https-transport.ts',
    "import type { ResponseTransport } from './transport.js';",
    "import { request as loadedAtInit } from 'node:https';\nimport type { ResponseTransport } from './transport.js';",
  ),
  replace(
    'response/https-transport.ts',
    "https ??= import('node:https').then((module) => module.request);",
    'https ??= Promise.resolve(loadedAtInit);',
  ),
];

/** `node:https` imported at the first PUT, not when a request arrives. */
const HTTPS_AT_FIRST_PUT = [
  replace(
    'response/transport.ts',
    "  for (const protocol of ['https:', 'http:']) void loadNodeClient(protocol).catch(() => undefined);\n",
    '',
  ),
];

const CRKIT = here('./handlers/crkit.ts');
const candidate = (id: string, substitutions: readonly Substitution[]): BundleSpec => ({
  id,
  entry: CRKIT,
  bundler: 'construct',
  substitutions,
});

/** crkit as it is, and with each candidate applied. */
export const CANDIDATE_BUNDLES: readonly BundleSpec[] = [
  { id: 'floor', entry: here('./handlers/floor.ts') },
  { id: 'crkit', entry: CRKIT, bundler: 'construct' },
  candidate('undici-at-request', UNDICI_AT_REQUEST),
  candidate('undici-at-first-put', UNDICI_AT_FIRST_PUT),
  candidate('https-at-init', HTTPS_AT_INIT),
  candidate('https-at-first-put', HTTPS_AT_FIRST_PUT),
];

const LABELS: Readonly<Record<string, string>> = {
  crkit:
    'crkit as it is (node:crypto and the continuation schema at first use, undici when a request arrives after an answer, node:https when a request arrives)',
  'undici-at-request': 'undici loaded when any request arrives (the former preloadTransport)',
  'undici-at-first-put': 'undici loaded when the first PUT starts',
  'https-at-init': 'node:https imported at init',
  'https-at-first-put': 'node:https imported at the first PUT',
};

function rows(protocol: 'http' | 'https', workMs: number, ids: readonly string[]): Variant[] {
  const suffix = `${protocol}-${workMs}`;
  return [
    floorRow(protocol, workMs, suffix),
    ...ids.map((id) => ({ id: `${id}-${suffix}`, label: LABELS[id] ?? id, bundle: id, protocol, workMs })),
  ];
}

/** Init-sensitive candidates where nothing hides them (the handler awaits nothing); transport ones over https too. */
export const CANDIDATE_VARIANTS: readonly Variant[] = [
  ...rows('https', 0, Object.keys(LABELS)),
  ...rows('https', 20, [
    'crkit',
    'undici-at-request',
    'undici-at-first-put',
    'https-at-init',
    'https-at-first-put',
  ]),
];
