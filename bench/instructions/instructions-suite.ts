// Cold starts counted in CPU instructions (`npm run bench -- --only=instructions`): what a cold start costs in work,
// a figure that hardly moves with the machine's load, where the times of the cold-start table move by ±10 %.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvent } from '../../src/testing/events.js';
import type { Harness } from '../cold-start/harness.js';
import { type BundleInfo, buildBundle } from '../lib/bundle.js';
import { interleave } from '../lib/interleave.js';
import { type Summary, summarize } from '../lib/stats.js';
import { kib, markdownTable, ratio } from '../lib/table.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** One row: a handler, bundled as its kind is deployed. */
interface Row {
  readonly id: string;
  readonly label: string;
  readonly entry: string;
  readonly bundler: 'nodejs-function' | 'construct';
}

/**
 * The floor, the floor plus zod (the issue's reference), that plus Powertools' schema, that plus crkit loaded and
 * then its handler built (where crkit's cost lies: loading, building, serving), and crkit.
 */
export const INSTRUCTION_ROWS: readonly Row[] = [
  {
    id: 'floor',
    label: 'hand-written, node:http (floor)',
    entry: here('../cold-start/handlers/floor.ts'),
    bundler: 'nodejs-function',
  },
  {
    id: 'floor-zod',
    label: 'hand-written + zod `import * as z` (reference)',
    entry: here('../cold-start/handlers/floor-zod.ts'),
    bundler: 'nodejs-function',
  },
  {
    id: 'floor-zod-powertools',
    label: "hand-written + zod + Powertools' Create schema (no crkit code; ESM, as the constructs bundle)",
    entry: here('../cold-start/handlers/floor-zod-powertools.ts'),
    bundler: 'construct',
  },
  {
    id: 'crkit-loaded',
    label: "that + crkit's modules loaded, nothing of them called (same bundling)",
    entry: here('../cold-start/handlers/crkit-loaded.ts'),
    bundler: 'construct',
  },
  {
    id: 'crkit-built',
    label: "that + crkit's handler built at init, not invoked (the Powertools row answers)",
    entry: here('../cold-start/handlers/crkit-built.ts'),
    bundler: 'construct',
  },
  {
    id: 'crkit',
    label: 'crkit, bundled by its constructs',
    entry: here('../cold-start/handlers/crkit.ts'),
    bundler: 'construct',
  },
];

/** Options of {@link runInstructionsSuite}. */
export interface InstructionsOptions {
  readonly harness: Harness;
  readonly workdir: string;
  /** Processes per row (each takes 15-60 s under valgrind). */
  readonly runs: number;
  readonly log: (line: string) => void;
}

/** A row's counts. */
export interface InstructionsRow {
  readonly row: Row;
  readonly bundle: BundleInfo;
  /** Millions of instructions (valgrind lackey's "guest instrs") from the process's start to its exit. */
  readonly instructions: Summary;
}

/** The instruction count valgrind's lackey wrote to `file`. @throws Error when the file has none. */
async function guestInstructions(file: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  const match = /guest instrs:\s+([\d,]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no instruction count in ${file}: ${text.slice(-500)}`);
  return Number(match[1].replaceAll(',', '')) / 1e6;
}

/**
 * Runs each row's handler for one Create over http (no TLS: the work is the code's) in fresh processes under
 * `valgrind --tool=lackey`, with `node --single-threaded` (no helper threads whose work would vary), interleaved.
 * Every answer is checked (SUCCESS, the expected id).
 * @throws Error when valgrind is not on PATH, or a row does not answer SUCCESS.
 */
export async function runInstructionsSuite(
  options: InstructionsOptions,
): Promise<readonly InstructionsRow[]> {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('--only=instructions needs valgrind on PATH (Debian: apt-get install valgrind)');
  }
  const { harness, workdir } = options;
  const bundles = new Map<string, BundleInfo>();
  for (const row of INSTRUCTION_ROWS) {
    const outdir = join(workdir, 'instructions', row.id);
    bundles.set(row.id, await buildBundle({ entry: row.entry, outdir, bundler: row.bundler }));
  }
  const samples = await interleave(
    INSTRUCTION_ROWS,
    options.runs,
    async (row, round) => {
      const bundle = bundles.get(row.id) as BundleInfo;
      const key = `instructions-${row.id}-${round}`;
      const logFile = join(workdir, `${key}.valgrind`);
      const event = createEvent({
        resourceType: 'Custom::Bench',
        properties: { Name: 'x', Size: 3 },
        responseUrl: harness.http.responseUrl(key),
      });
      const arrival = harness.http.arrival(key, 120_000);
      await harness.run({
        bundle: bundle.file,
        mode: 'invoke',
        // No extra CA file (Lambda sets none; http needs none): under --single-threaded Node would load the system's
        // root certificates with it on the main thread, some 200 M instructions that no row's own work is.
        env: { BENCH_EVENT: JSON.stringify(event), BENCH_WORK_MS: '0', NODE_EXTRA_CA_CERTS: '' },
        wrapper: ['valgrind', '--tool=lackey', '--basic-counts=yes', `--log-file=${logFile}`],
        nodeFlags: ['--single-threaded'],
        timeoutMs: 120_000,
      });
      const body = JSON.parse((await arrival).body) as { Status?: string; PhysicalResourceId?: string };
      harness.http.forget(key);
      if (body.Status !== 'SUCCESS' || body.PhysicalResourceId !== 'bench-x') {
        throw new Error(`${row.id} answered ${body.Status} ${body.PhysicalResourceId}`);
      }
      return guestInstructions(logFile);
    },
    { warmupRounds: 0, onRound: (round, rounds) => options.log(`instructions: round ${round}/${rounds}`) },
  );
  return INSTRUCTION_ROWS.map((row) => ({
    row,
    bundle: bundles.get(row.id) as BundleInfo,
    instructions: summarize(samples.get(row) ?? []),
  }));
}

/** The table: median millions of instructions with their range, and ratios to the floor and the reference. */
export function formatInstructions(rows: readonly InstructionsRow[]): string {
  const median = (id: string) => rows.find((r) => r.row.id === id)?.instructions.median;
  const floor = median('floor');
  const reference = median('floor-zod');
  const m = (value: number) => value.toFixed(1);
  const table = markdownTable(
    ['variant', 'KiB at init', 'M instructions, median (min–max)', 'vs floor', 'vs floor+zod'],
    rows.map(({ row, bundle, instructions: s }) => [
      row.label,
      kib(bundle.initBytes),
      `${m(s.median)} (${m(s.min)}–${m(s.max)})`,
      ratio(s.median, floor),
      row.id === 'floor' || row.id === 'floor-zod' ? '—' : ratio(s.median, reference),
    ]),
  );
  const runs = rows[0]?.instructions.runs ?? 0;
  return [
    table,
    '',
    `${runs} fresh processes per row, interleaved, each running \`node --single-threaded\` under valgrind ` +
      "(`--tool=lackey --basic-counts=yes`, its 'guest instrs': every instruction from the process's start to its " +
      "exit, Node's own start included) and answering one Create over http, with no `NODE_EXTRA_CA_CERTS`. Counts " +
      'move by about 1-2 % between processes, whatever the load of the machine.',
  ].join('\n');
}
