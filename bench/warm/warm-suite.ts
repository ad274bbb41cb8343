// Warm per-event cost over https on loopback: one warm process per tool sending events one after another and
// several at a time, each answered with a PUT to the loopback server.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvent } from '../../src/testing/events.js';
import type { Harness } from '../cold-start/harness.js';
import { buildBundle } from '../lib/bundle.js';
import { buildChildScript } from '../lib/child-script.js';
import { interleave } from '../lib/interleave.js';
import { childEnvironment, runChild } from '../lib/run-child.js';
import { percentile, type Summary, summarize } from '../lib/stats.js';
import { markdownTable, ratio } from '../lib/table.js';
import type { WarmReport } from './warm-runner.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** A handler measured warm. */
interface Tool {
  readonly id: string;
  readonly label: string;
  readonly entry: string;
  /** It answers on port 443 whatever the URL says. */
  readonly needsPort443?: boolean;
}

/** The tools compared; cfn-response is the anchor. */
const TOOLS: readonly Tool[] = [
  {
    id: 'cfn-response',
    label: 'cfn-response send (anchor)',
    entry: '../cold-start/handlers/cfn-response.ts',
    needsPort443: true,
  },
  { id: 'floor', label: 'hand-written, node:https', entry: '../cold-start/handlers/floor.ts' },
  { id: 'crkit', label: 'crkit lambdaHandler', entry: '../cold-start/handlers/crkit.ts' },
];

/** Options of {@link runWarmSuite}. */
export interface WarmOptions {
  readonly harness: Harness;
  readonly workdir: string;
  /** Processes per tool (rounds, interleaved). */
  readonly rounds: number;
  /** Events per concurrency in each process. */
  readonly events: number;
  readonly concurrency: readonly number[];
  readonly log: (line: string) => void;
}

/** One tool at one concurrency, over all rounds. */
export interface WarmRow {
  readonly tool: string;
  readonly label: string;
  readonly concurrency: number;
  readonly eventsPerSecond: Summary;
  readonly p50: Summary;
  readonly p99: Summary;
  /** New connections to the server per 100 events, warm-up included, over all of a process's events. */
  readonly connectionsPer100: Summary;
}

/** Everything the warm suite measured. */
export interface WarmResult {
  readonly rows: readonly WarmRow[];
  readonly options: Pick<WarmOptions, 'rounds' | 'events' | 'concurrency'>;
  readonly problems: readonly string[];
}

const WARMUP = 30;

/** Runs each tool's warm process `rounds` times, interleaved, and checks every PUT that reached the server. */
export async function runWarmSuite(options: WarmOptions): Promise<WarmResult> {
  const { harness, workdir } = options;
  const script = await buildChildScript(here('./warm-runner.ts'), join(workdir, 'warm-runner.mjs'));
  const tools = TOOLS.filter((tool) => harness.httpsOn443 || !tool.needsPort443);
  const problems = TOOLS.filter((tool) => !tools.includes(tool)).map(
    (tool) => `${tool.label}: not run, it answers on port 443 only and port 443 could not be bound`,
  );
  const bundles = new Map<Tool, string>();
  for (const tool of tools) {
    const outdir = join(workdir, 'bundles', `warm-${tool.id}`);
    bundles.set(tool, (await buildBundle({ entry: here(tool.entry), outdir })).file);
  }
  const template = createEvent({ resourceType: 'Custom::Bench', properties: { Name: 'x', Size: 3 } });
  const samples = await interleave(
    tools,
    options.rounds,
    async (tool, round) => {
      const prefix = `warm-${tool.id}-${round}-`;
      const connectionsBefore = harness.https.connectionCount();
      const { report } = await runChild<WarmReport>({
        script,
        args: [bundles.get(tool) ?? ''],
        timeoutMs: 120_000,
        env: childEnvironment({
          ...harness.childEnv,
          BENCH_EVENT: JSON.stringify(template),
          BENCH_URL_PREFIX: `${harness.https.origin}/${prefix}`,
          BENCH_EVENTS: String(options.events),
          BENCH_WARMUP: String(WARMUP),
          BENCH_CONCURRENCY: options.concurrency.join(','),
          BENCH_WORK_MS: '0',
        }),
      });
      if ('error' in report) throw new Error(`warm ${tool.id}: ${report.error}`);
      const names = [
        ...Array.from({ length: WARMUP }, (_, i) => `warmup-${i}`),
        ...options.concurrency.flatMap((c) => Array.from({ length: options.events }, (_, i) => `c${c}-${i}`)),
      ];
      let wrong = 0;
      for (const name of names) {
        const put = await harness.https.arrival(`${prefix}${name}`, 2000).catch(() => undefined);
        harness.https.forget(`${prefix}${name}`);
        if (!put || (JSON.parse(put.body) as { Status?: string }).Status !== 'SUCCESS') wrong++;
      }
      if (wrong > 0)
        problems.push(`${tool.id} round ${round}: ${wrong} of ${names.length} events not answered SUCCESS`);
      const connections = harness.https.connectionCount() - connectionsBefore;
      return { modes: report.modes, connectionsPer100: (connections / names.length) * 100 };
    },
    { warmupRounds: 0, onRound: (round, rounds) => options.log(`warm: round ${round}/${rounds}`) },
  );
  const rows = tools.flatMap((tool) =>
    options.concurrency.map((concurrency): WarmRow => {
      const runs = samples.get(tool) ?? [];
      const modes = runs.flatMap((run) => run.modes.filter((m) => m.concurrency === concurrency));
      const sorted = modes.map((mode) => [...mode.latenciesMs].sort((a, b) => a - b));
      return {
        tool: tool.id,
        label: tool.label,
        concurrency,
        eventsPerSecond: summarize(modes.map((mode) => (mode.latenciesMs.length / mode.wallMs) * 1000)),
        p50: summarize(sorted.map((list) => percentile(list, 50))),
        p99: summarize(sorted.map((list) => percentile(list, 99))),
        connectionsPer100: summarize(runs.map((run) => run.connectionsPer100)),
      };
    }),
  );
  return { rows, options, problems };
}

const range = (s: Summary, digits = 1) =>
  `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

/** The warm table in markdown, each row compared with cfn-response at the same concurrency. */
export function formatWarm(result: WarmResult): string {
  const headers = [
    'tool',
    'concurrency',
    'events/s, median (min–max)',
    'vs cfn-response',
    'p50 ms',
    'p99 ms, median (min–max)',
    'p50 vs cfn-response',
    'connections per 100 events',
  ];
  const rows = result.rows.map((row) => {
    const anchor = result.rows.find((r) => r.tool === 'cfn-response' && r.concurrency === row.concurrency);
    return [
      row.label,
      String(row.concurrency),
      range(row.eventsPerSecond, 0),
      ratio(row.eventsPerSecond.median, anchor?.eventsPerSecond.median),
      range(row.p50, 2),
      range(row.p99, 2),
      ratio(row.p50.median, anchor?.p50.median),
      row.connectionsPer100.median.toFixed(1),
    ];
  });
  const { rounds, events } = result.options;
  return [
    markdownTable(headers, rows),
    '',
    `${rounds} warm processes per tool (interleaved), each sending ${WARMUP} warm-up events, then ${events} events ` +
      'at each concurrency; latency is the handler call to its settled promise (the PUT answered). Ratios are of ' +
      'medians: above 1 is better for events/s, below 1 for p50. Connections: new TCP (and TLS) connections the ' +
      'server accepted per 100 events of a process (warm-up and both concurrencies together): cfn-response never ' +
      'reads the response, so its keep-alive socket is never freed for reuse.',
    ...result.problems.map((problem) => `\n- PROBLEM: ${problem}`),
  ].join('\n');
}
