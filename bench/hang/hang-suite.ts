// Time to answer when the handler hangs: crkit's watchdog against handlers that have none.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Harness } from '../cold-start/harness.js';
import { buildChildScript } from '../lib/child-script.js';
import { mapWithConcurrency } from '../lib/pool.js';
import { childEnvironment, runChild } from '../lib/run-child.js';
import { type Summary, summarize } from '../lib/stats.js';
import { markdownTable, msRange } from '../lib/table.js';
import { type HangRow, setUpHangRows } from './hang-rows.js';
import type { HangReport } from './hang-runner.js';

/** What one run of a hanging handler came to. */
interface HangRun {
  /** The answer's Status, or undefined when no PUT arrived. */
  readonly status?: string;
  readonly reason?: string;
  /** Invoke to the PUT received. */
  readonly ms?: number;
}

/** The rows run, and those left out. */
export interface HangSuiteResult {
  readonly results: readonly HangResult[];
  readonly skipped: readonly string[];
}

/** One row's runs. */
export interface HangResult {
  readonly row: HangRow;
  readonly runs: readonly HangRun[];
  readonly answered: Summary | undefined;
}

// CloudFormation's wait for an answer: ServiceTimeout, 1 to 3600 s, default 3600 (AWS::CloudFormation::CustomResource).
const NO_ANSWER_WAIT =
  'until ServiceTimeout: 3600 s by default; Lambda runs the timed-out asynchronous invocation twice more (after 1 ' +
  'and 2 min), which hang too';
const ANSWERED_WAIT = '0: the FAILED answer ends the wait';

async function runOnce(harness: Harness, script: string, row: HangRow, index: number): Promise<HangRun> {
  const key = `hang-${row.id}-${index}`;
  const { report } = await runChild<HangReport>({
    script,
    args: [row.file, row.exportName],
    timeoutMs: row.remainingMs + 30_000,
    env: childEnvironment({
      ...harness.childEnv,
      ...row.env,
      BENCH_REMAINING_MS: String(row.remainingMs),
      BENCH_EVENT: JSON.stringify(row.event(harness.https.responseUrl(key))),
    }),
  });
  if (report.endedBy === 'error' && !report.invokedNs) throw new Error(`${row.id}: ${report.error}`);
  // The invocation is over: a PUT it sent has arrived by now (the server keeps it), or within a moment.
  const put = await harness.https.arrival(key, 500).catch(() => undefined);
  harness.https.forget(key);
  if (!put) return {};
  const body = JSON.parse(put.body) as { Status?: string; Reason?: string };
  const ms = Number(put.receivedNs - BigInt(report.invokedNs ?? '0')) / 1e6;
  return {
    ms,
    ...(body.Status ? { status: body.Status } : {}),
    ...(body.Reason ? { reason: body.Reason } : {}),
  };
}

/** Runs every hanging row `runs` times, several processes at once (they mostly wait), and summarises. */
export async function runHangSuite(options: {
  readonly harness: Harness;
  readonly workdir: string;
  readonly runs: number;
  readonly log: (line: string) => void;
}): Promise<HangSuiteResult> {
  const { harness, workdir, runs, log } = options;
  const script = await buildChildScript(
    fileURLToPath(new URL('./hang-runner.ts', import.meta.url)),
    join(workdir, 'hang-runner.mjs'),
  );
  const setup = await setUpHangRows(workdir, runs);
  try {
    // The longest runs start first, so that the short ones fill the time they take.
    const rows = setup.rows.filter((row) => harness.httpsOn443 || !row.needsPort443);
    const skipped = setup.rows
      .filter((row) => !rows.includes(row))
      .map((row) => `${row.label}: not run, it answers on port 443 only and port 443 could not be bound.`);
    const jobs = [...rows]
      .sort((a, b) => b.remainingMs - a.remainingMs)
      .flatMap((row) => Array.from({ length: row.runs }, (_, index) => ({ row, index })));
    const done = await mapWithConcurrency(jobs, 8, async ({ row, index }) => {
      const run = await runOnce(harness, script, row, index);
      log(`hang: ${row.id} run ${index + 1}/${row.runs} ${run.status ?? 'no answer'}`);
      return { row, run };
    });
    const results = rows.map((row) => {
      const list = done.filter((item) => item.row === row).map((item) => item.run);
      const times = list.flatMap((run) => (run.ms === undefined ? [] : [run.ms]));
      return { row, runs: list, answered: times.length > 0 ? summarize(times) : undefined };
    });
    return { results, skipped };
  } finally {
    await setup.close();
  }
}

function answerCell(result: HangResult): string {
  const statuses = [...new Set(result.runs.map((run) => run.status ?? 'no answer'))];
  const count = result.runs.filter((run) => run.status !== undefined).length;
  if (count === 0) return `none in ${result.runs.length}/${result.runs.length} runs (the invocation ended)`;
  return `${statuses.join(', ')} in ${count}/${result.runs.length} runs`;
}

/** The hang table in markdown, with crhelper's documented behaviour as a computed row. */
export function formatHang({ results, skipped }: HangSuiteResult): string {
  const headers = [
    'tool',
    'Lambda timeout',
    'answer',
    'invoke → answer ms, median (min–max)',
    'CloudFormation then waits',
    'how obtained',
  ];
  const rows = results.map((result) => [
    result.row.label,
    result.row.timeout,
    answerCell(result),
    result.answered ? msRange(result.answered) : '—',
    result.answered ? ANSWERED_WAIT : NO_ANSWER_WAIT,
    result.row.source,
  ]);
  for (const seconds of [15, 3]) {
    rows.push([
      'crhelper (threading.Timer at remaining − 0.5 s sends FAILED "Execution timed out")',
      `${seconds} s`,
      'FAILED',
      `${(seconds - 0.5) * 1000} (computed)`,
      ANSWERED_WAIT,
      'documented (resource_helper.py `_set_timeout`); not run: PyPI unreachable',
    ]);
  }
  const reasons = [
    ...new Set(results.flatMap((result) => result.runs.map((run) => run.reason?.split('\n')[0] ?? ''))),
  ].filter((reason) => reason !== '');
  return [
    markdownTable(headers, rows),
    '',
    `${results[0]?.runs.length ?? 0} runs per row, fresh processes, up to 8 at a time; the child ends the ` +
      'invocation at its deadline as Lambda does. Reasons answered: ' +
      reasons.map((reason) => `"${reason.slice(0, 100)}"`).join('; '),
    ...skipped.map((note) => `\n- ${note}`),
  ].join('\n');
}
