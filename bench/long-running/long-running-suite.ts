// Completion-detection delay: how long after a long-running operation is ready its response reaches CloudFormation.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Harness } from '../cold-start/harness.js';
import { buildBundle } from '../lib/bundle.js';
import {
  backoffSchedule,
  type CheckSchedule,
  type Detection,
  detectReadiness,
  fixedSchedule,
} from '../lib/polling-schedule.js';
import { childEnvironment, runChild } from '../lib/run-child.js';
import { seededRandom } from '../lib/seeded-random.js';
import { percentile, type Summary, summarize } from '../lib/stats.js';
import { markdownTable, ms } from '../lib/table.js';
import type { JobSpec, LongRunningReport } from './long-running-child.js';

/** Options of {@link runLongRunningSuite}. */
export interface LongRunningOptions {
  readonly harness: Harness;
  readonly workdir: string;
  /** Jobs started at once. */
  readonly jobs: number;
  /** Readiness is drawn uniformly from this window, in ms after the request starts. */
  readonly windowMs: readonly [number, number];
  readonly log: (line: string) => void;
}

/** One poller's delays over the same readiness times. */
export interface LongRunningRow {
  readonly poller: string;
  readonly schedule: string;
  readonly delayMs: Summary;
  readonly p90Ms: number;
  readonly checks: Summary;
  /** Lambda invocations per request, median. */
  readonly invocations: number;
  readonly source: string;
}

/** Everything the suite found. */
export interface LongRunningResult {
  readonly rows: readonly LongRunningRow[];
  readonly options: Pick<LongRunningOptions, 'jobs' | 'windowMs'>;
  readonly problems: readonly string[];
}

const TARGET_P50_MS = 500;

function computedRow(
  poller: string,
  schedule: string,
  checkAt: CheckSchedule,
  readyMs: readonly number[],
  invocations: (d: Detection) => number,
  source: string,
): LongRunningRow {
  const detections = readyMs.map((ready) => detectReadiness(ready, checkAt));
  const delays = detections.map((d) => d.delayMs);
  return {
    poller,
    schedule,
    delayMs: summarize(delays),
    p90Ms: percentile(
      [...delays].sort((a, b) => a - b),
      90,
    ),
    checks: summarize(detections.map((d) => d.checks)),
    invocations: summarize(detections.map(invocations)).median,
    source,
  };
}

/** Runs the jobs through crkit in a child and computes the other pollers' delays for the same readiness times. */
export async function runLongRunningSuite(options: LongRunningOptions): Promise<LongRunningResult> {
  const { harness, workdir, windowMs } = options;
  const random = seededRandom(20_261_121);
  const jobs: JobSpec[] = Array.from({ length: options.jobs }, (_, i) => ({
    key: `long-running-${i}`,
    readyMs: windowMs[0] + random() * (windowMs[1] - windowMs[0]),
  }));
  const bundle = await buildBundle({
    entry: fileURLToPath(new URL('./long-running-child.ts', import.meta.url)),
    outdir: join(workdir, 'bundles', 'long-running'),
  });
  options.log(`long-running: ${jobs.length} jobs, ready within ${windowMs[1] / 1000} s`);
  const { report } = await runChild<LongRunningReport>({
    script: bundle.file,
    timeoutMs: windowMs[1] + 30_000,
    env: childEnvironment({
      ...harness.childEnv,
      BENCH_JOBS: JSON.stringify(jobs),
      BENCH_URL_PREFIX: `${harness.https.origin}/`,
    }),
  });
  if ('error' in report) throw new Error(`long-running child: ${report.error}`);
  const problems: string[] = [];
  const delays: number[] = [];
  for (const job of report.jobs) {
    const put = await harness.https.arrival(job.key, 2000).catch(() => undefined);
    harness.https.forget(job.key);
    if (!put || (JSON.parse(put.body) as { Status?: string }).Status !== 'SUCCESS') {
      problems.push(`${job.key}: not answered SUCCESS`);
      continue;
    }
    delays.push(Number(put.receivedNs - BigInt(job.readyNs)) / 1e6);
  }
  const readyMs = jobs.map((job) => job.readyMs);
  const measured: LongRunningRow = {
    poller: 'crkit lambdaHandler',
    schedule: 'waits 250 ms, ×1.5, at most 1 s, in the invocation',
    delayMs: summarize(delays),
    p90Ms: percentile(
      [...delays].sort((a, b) => a - b),
      90,
    ),
    checks: summarize(report.jobs.map((job) => job.checks)),
    invocations: 1,
    source: 'measured (the PUT received)',
  };
  const rows = [
    measured,
    computedRow(
      'crkit lambdaHandler',
      'the same schedule',
      backoffSchedule(250, 1.5, 1000),
      readyMs,
      () => 1,
      'computed (no PUT, no timer lag)',
    ),
    // The waiter checks once at once (the execution's first task), then retries every queryInterval.
    computedRow(
      'CDK Provider framework',
      'queryInterval 5 s (default)',
      fixedSchedule(0, 5000),
      readyMs,
      (d) => 2 + 2 * d.checks,
      'computed from its waiter; Lambda and Step Functions latency not counted',
    ),
    computedRow(
      'CDK Provider framework',
      'queryInterval 1 s (if configured)',
      fixedSchedule(0, 1000),
      readyMs,
      (d) => 2 + 2 * d.checks,
      'computed, as above',
    ),
    computedRow(
      'crhelper',
      'rate(2 minutes) rule; no check in the first invocation',
      fixedSchedule(120_000, 120_000),
      readyMs,
      (d) => 1 + d.checks,
      'computed from its documentation; not run: PyPI unreachable',
    ),
  ];
  return { rows, options: { jobs: options.jobs, windowMs }, problems };
}

const range = (s: Summary) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;

/** The completion-delay table in markdown, with the target for crkit. */
export function formatLongRunning(result: LongRunningResult): string {
  const headers = [
    'poller',
    'schedule',
    'ready → answer ms, median (min–max)',
    'p90 ms',
    'checks per request, median',
    'Lambda invocations per request, median',
    'how obtained',
  ];
  const rows = result.rows.map((row) => [
    row.poller,
    row.schedule,
    range(row.delayMs),
    ms(row.p90Ms),
    String(row.checks.median),
    String(row.invocations),
    row.source,
  ]);
  const crkit = result.rows[0];
  const met = crkit && crkit.delayMs.median <= TARGET_P50_MS;
  const [from, to] = result.options.windowMs;
  return [
    markdownTable(headers, rows),
    '',
    `${result.options.jobs} jobs started at once in one warm process, each ready at a time drawn uniformly from ` +
      `${from / 1000}–${to / 1000} s (fixed seed); the computed rows use the same readiness times. Target for ` +
      `crkit: p50 ≤ ${TARGET_P50_MS} ms: ${met ? 'met' : 'NOT met'} (${ms(crkit?.delayMs.median ?? Number.NaN)} ms).`,
    ...result.problems.map((problem) => `\n- PROBLEM: ${problem}`),
  ].join('\n');
}
