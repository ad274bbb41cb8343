// SQS batch throughput: sqsHandler working through 10-record batches whose handlers wait on I/O, with its default
// concurrency against one record at a time.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Harness } from '../cold-start/harness.js';
import { buildBundle } from '../lib/bundle.js';
import { childEnvironment, runChild } from '../lib/run-child.js';
import { seededRandom } from '../lib/seeded-random.js';
import { type Summary, summarize } from '../lib/stats.js';
import { markdownTable, msRange, ratio } from '../lib/table.js';
import type { SqsBatchReport } from './sqs-batch-child.js';

/** Options of {@link runSqsBatchSuite}. */
export interface SqsBatchOptions {
  readonly harness: Harness;
  readonly workdir: string;
  /** Measured batches per configuration. */
  readonly batches: number;
  /** Each record's handler waits a time drawn uniformly from this window (ms). */
  readonly waitMs: readonly [number, number];
  readonly log: (line: string) => void;
}

/** One configuration's batches. */
export interface SqsBatchRow {
  readonly label: string;
  readonly concurrency: number;
  readonly batchMs: Summary;
  /** The batch time with no overhead at all: its longest wait at full concurrency, the sum of waits one by one. */
  readonly idealMs: Summary;
  readonly recordsPerSecond: Summary;
}

/** Everything the suite found. */
export interface SqsBatchResult {
  readonly rows: readonly SqsBatchRow[];
  readonly options: Pick<SqsBatchOptions, 'batches' | 'waitMs'>;
  readonly problems: readonly string[];
}

const CONFIGS = [
  { label: 'crkit sqsHandler, default concurrency', concurrency: 10 },
  { label: 'crkit sqsHandler, one record at a time (anchor)', concurrency: 1 },
] as const;

/** Runs each configuration in its own warm process over the same batches (same waits) and checks every answer. */
export async function runSqsBatchSuite(options: SqsBatchOptions): Promise<SqsBatchResult> {
  const { harness, waitMs } = options;
  const random = seededRandom(10);
  const waits = Array.from({ length: options.batches }, () =>
    Array.from({ length: 10 }, () => Math.round(waitMs[0] + random() * (waitMs[1] - waitMs[0]))),
  );
  const bundle = await buildBundle({
    entry: fileURLToPath(new URL('./sqs-batch-child.ts', import.meta.url)),
    outdir: join(options.workdir, 'bundles', 'sqs-batch'),
  });
  const problems: string[] = [];
  const rows: SqsBatchRow[] = [];
  for (const config of CONFIGS) {
    const prefix = `sqs-${config.concurrency}-`;
    const { report } = await runChild<SqsBatchReport>({
      script: bundle.file,
      timeoutMs: 120_000,
      env: childEnvironment({
        ...harness.childEnv,
        BENCH_CONCURRENCY: String(config.concurrency),
        BENCH_WAITS: JSON.stringify(waits),
        BENCH_URL_PREFIX: `${harness.https.origin}/${prefix}`,
      }),
    });
    if ('error' in report) throw new Error(`sqs batch child: ${report.error}`);
    const keys = waits.flatMap((list, b) => list.map((_, i) => `${prefix}b${b}-${i}`));
    let wrong = report.retried;
    for (const key of [...keys, ...Array.from({ length: 10 }, (_, i) => `${prefix}warmup-${i}`)]) {
      const put = await harness.https.arrival(key, 2000).catch(() => undefined);
      harness.https.forget(key);
      if (!put || (JSON.parse(put.body) as { Status?: string }).Status !== 'SUCCESS') wrong++;
    }
    if (wrong > 0) problems.push(`concurrency ${config.concurrency}: ${wrong} records not answered SUCCESS`);
    rows.push({
      ...config,
      batchMs: summarize(report.batchMs),
      idealMs: summarize(
        waits.map((list) => (config.concurrency === 1 ? list.reduce((a, b) => a + b, 0) : Math.max(...list))),
      ),
      recordsPerSecond: summarize(report.batchMs.map((batchMs) => (10 / batchMs) * 1000)),
    });
    options.log(`sqs batch: concurrency ${config.concurrency} done`);
  }
  return { rows, options: { batches: options.batches, waitMs }, problems };
}

/** The SQS batch table in markdown, compared with one record at a time. */
export function formatSqsBatch(result: SqsBatchResult): string {
  const anchor = result.rows.find((row) => row.concurrency === 1);
  const headers = [
    'entry',
    'concurrency',
    'batch ms, median (min–max)',
    'waits alone ms, median',
    'records/s, median (min–max)',
    'records/s vs one at a time',
  ];
  const rows = result.rows.map((row) => [
    row.label,
    String(row.concurrency),
    msRange(row.batchMs),
    row.idealMs.median.toFixed(1),
    `${row.recordsPerSecond.median.toFixed(1)} (${row.recordsPerSecond.min.toFixed(1)}–${row.recordsPerSecond.max.toFixed(1)})`,
    ratio(row.recordsPerSecond.median, anchor?.recordsPerSecond.median),
  ]);
  const [from, to] = result.options.waitMs;
  return [
    markdownTable(headers, rows),
    '',
    `${result.options.batches} batches of 10 Create requests per row after one unmeasured batch, one warm process ` +
      `per row; each handler waits ${from}–${to} ms (uniform, fixed seed, the same waits for both rows), then ` +
      'crkit PUTs its answer over https to the loopback server (one origin, as all S3 response URLs of a region share ' +
      'one host). "Waits alone": the batch\'s longest wait (10 at a time) or the sum of its waits (one at a time), ' +
      'what the batch would take with no overhead. Records/s is per batch: 10 / batch time.',
    ...result.problems.map((problem) => `\n- PROBLEM: ${problem}`),
  ].join('\n');
}
