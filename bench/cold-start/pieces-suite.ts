import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvent } from '../../src/testing/events.js';
import { type BundleInfo, buildBundle } from '../lib/bundle.js';
import { interleave } from '../lib/interleave.js';
import { type Summary, summarize } from '../lib/stats.js';
import { kib, markdownTable, ms, signedMs } from '../lib/table.js';
import type { Harness } from './harness.js';

/** One piece of a provider's cold start, bundled alone and loaded in a fresh process. */
export interface PieceSpec {
  readonly id: string;
  readonly label: string;
  readonly entry: string;
  /** Where its `run()` sends requests, if anywhere. @default 'none' */
  readonly url?: 'http' | 'https' | 'none';
}

/** What one piece cost. */
export interface PieceResult {
  readonly piece: PieceSpec;
  readonly bundle: BundleInfo;
  /** The runner's first line to the bundle loaded: parse plus top-level evaluation. */
  readonly load: Summary;
  /** Steps the piece timed itself in `run()`. */
  readonly steps: ReadonlyMap<string, Summary>;
  readonly rssMiB: Summary;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The pieces a crkit provider is made of, and the floor's. */
export const PIECES: readonly PieceSpec[] = [
  { id: 'empty', label: 'empty module (baseline)', entry: here('./pieces/empty.ts') },
  { id: 'zod', label: "zod, `import { z } from 'zod'`, one schema", entry: here('./pieces/zod.ts') },
  { id: 'zod-namespace', label: "zod, `import * as z from 'zod'`", entry: here('./pieces/zod-namespace.ts') },
  { id: 'zod-mini', label: "zod, `import * as z from 'zod/mini'`", entry: here('./pieces/zod-mini.ts') },
  {
    id: 'event-schema',
    label: 'crkit event schema (zod + Powertools)',
    entry: here('./pieces/event-schema.ts'),
  },
  { id: 'llhttp', label: "undici's llhttp WASM alone", entry: here('./pieces/llhttp.ts') },
  { id: 'undici-http', label: 'undici, PUT over http', entry: here('./pieces/undici.ts'), url: 'http' },
  { id: 'undici-https', label: 'undici, PUT over https', entry: here('./pieces/undici.ts'), url: 'https' },
  {
    id: 'fetch-http',
    label: 'global fetch, PUT over http',
    entry: here('./pieces/global-fetch.ts'),
    url: 'http',
  },
  { id: 'node-http', label: 'node:http, PUT over http', entry: here('./pieces/node-http.ts'), url: 'http' },
  {
    id: 'node-https',
    label: 'node:https, PUT over https',
    entry: here('./pieces/node-http.ts'),
    url: 'https',
  },
];

/**
 * Loads each piece in `runs` fresh processes (interleaved) and times its load and the steps it reports.
 *
 * @example
 * ```ts
 * const results = await runPiecesSuite({ harness, workdir, pieces: PIECES, runs: 10, log: console.log });
 * ```
 */
export async function runPiecesSuite(options: {
  readonly harness: Harness;
  readonly workdir: string;
  readonly pieces: readonly PieceSpec[];
  readonly runs: number;
  readonly log: (line: string) => void;
}): Promise<PieceResult[]> {
  const { harness, pieces } = options;
  const bundles = new Map<string, BundleInfo>();
  for (const piece of pieces) {
    bundles.set(
      piece.id,
      await buildBundle({ entry: piece.entry, outdir: join(options.workdir, 'pieces', piece.id) }),
    );
  }
  const event = createEvent({ resourceType: 'Custom::Bench', properties: { Name: 'x', Size: 3 } });
  const samples = await interleave(
    pieces,
    options.runs,
    async (piece, round) => {
      const server = piece.url === 'https' ? harness.https : harness.http;
      const key = `piece-${piece.id}-${round}`;
      const report = await harness.run({
        bundle: (bundles.get(piece.id) as BundleInfo).file,
        mode: 'load',
        env: { BENCH_URL: server.responseUrl(key), BENCH_EVENT: JSON.stringify(event) },
      });
      server.forget(key);
      return report;
    },
    { onRound: (round, rounds) => options.log(`pieces: round ${round}/${rounds}`) },
  );
  return pieces.map((piece) => {
    const reports = samples.get(piece) ?? [];
    const names = Object.keys(reports[0]?.pieces ?? {});
    return {
      piece,
      bundle: bundles.get(piece.id) as BundleInfo,
      load: summarize(reports.map((r) => Number(BigInt(r.loadedNs) - BigInt(r.firstLineNs)) / 1e6)),
      steps: new Map(
        names.map((name) => [name, summarize(reports.map((r) => r.pieces?.[name] ?? Number.NaN))]),
      ),
      rssMiB: summarize(reports.map((r) => r.maxRssKiB / 1024)),
    };
  });
}

/** The pieces table in markdown; load times are also shown above the empty module's. */
export function formatPieces(results: readonly PieceResult[]): string {
  const baseline = results.find((r) => r.piece.id === 'empty');
  const rows = results.map((r) => [
    r.piece.label,
    kib(r.bundle.bytes),
    `${ms(r.load.median)} (${ms(r.load.min)}–${ms(r.load.max)})`,
    baseline && r !== baseline ? signedMs(r.load.median - baseline.load.median) : '—',
    [...r.steps].map(([name, s]) => `${name} ${ms(s.median)}`).join('; ') || '—',
    r.rssMiB.median.toFixed(1),
  ]);
  return [
    markdownTable(
      [
        'piece',
        'bundle KiB',
        'load ms, median (min–max)',
        'load over empty',
        'steps, median ms',
        'peak RSS MiB',
      ],
      rows,
    ),
    '',
    `${results[0]?.load.runs ?? 0} fresh processes per piece, interleaved; "load": the runner's first line to the ` +
      'bundle loaded (parse and top-level code, Node start excluded).',
  ].join('\n');
}
