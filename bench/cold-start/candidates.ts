// Changes proposed to crkit's core, measured without editing src/: each candidate is crkit as its constructs bundle
// it, with source edits (bench/lib/bundle.ts substitutions), side by side with crkit as it is and the hand-written
// references. `npm run bench -- --only=candidates`.
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

/** `PhysicalResourceId`'s schema made at init, as before 2026-12-01 (now: with the Update or Delete schema). */
const PHYSICAL_ID_AT_INIT = [
  replace(
    'event/schema.ts',
    "const physicalResourceIdSchema = () => z.string().min(1, 'expected a non-empty string');",
    "const physicalIdAtInit = z.string().min(1, 'expected a non-empty string');\nconst physicalResourceIdSchema = () => physicalIdAtInit;",
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
  { id: 'floor-zod', entry: here('./handlers/floor-zod.ts') },
  { id: 'crkit', entry: CRKIT, bundler: 'construct' },
  candidate('physical-id-at-init', PHYSICAL_ID_AT_INIT),
];

const LABELS: Readonly<Record<string, string>> = {
  'floor-zod': 'hand-written + zod `import * as z` (reference)',
  crkit:
    "crkit as it is (PhysicalResourceId's schema made with the Update or Delete schema, never for a Create)",
  'physical-id-at-init': "PhysicalResourceId's schema made at init, as before",
};

function rows(protocol: 'http' | 'https', workMs: number, ids: readonly string[]): Variant[] {
  const suffix = `${protocol}-${workMs}`;
  return [
    floorRow(protocol, workMs, suffix),
    ...ids.map((id) => ({ id: `${id}-${suffix}`, label: LABELS[id] ?? id, bundle: id, protocol, workMs })),
  ];
}

/** Init-sensitive candidates where nothing hides them (the handler awaits nothing), over https and http. */
export const CANDIDATE_VARIANTS: readonly Variant[] = [
  ...rows('https', 0, Object.keys(LABELS)),
  ...rows('http', 0, Object.keys(LABELS)),
];
