// The child process of every cold-start run, bundled to `runner.mjs` and started with plain `node`: an ES module
// like the Lambda runtime's own bootstrap, loading a CJS handler with `require` and an ESM one with `import()`, as
// the runtime does. Its imports are Node built-ins that Node's own start has loaded already.
const firstLineNs = process.hrtime.bigint();
// hrtime is CLOCK_MONOTONIC, the same clock in every process, so the parent can subtract these from its own
// readings; process.uptime() counts on that clock from Node's start, which gives when this process began.
const processStartNs = firstLineNs - BigInt(Math.round(process.uptime() * 1e9));

import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** What the runner writes to file descriptor 3 as one JSON line; times are `process.hrtime.bigint()` strings. */
export interface RunnerReport {
  readonly processStartNs: string;
  readonly firstLineNs: string;
  readonly loadedNs: string;
  readonly invokedNs: string;
  readonly doneNs: string;
  /** Peak resident set size, in KiB (`process.resourceUsage().maxRSS`). */
  readonly maxRssKiB: number;
  /**
   * CPU time (user and system, ms) the process had used when the handler had answered: unlike the times above, it
   * hardly grows when other work shares the machine.
   */
  readonly cpuMs: number;
  /** CPU time (ms) when the handler module had loaded. */
  readonly initCpuMs: number;
  /** Durations (ms) a piece measured itself, in `load` mode. */
  readonly pieces?: Record<string, number>;
  readonly error?: string;
}

type Handler = (event: unknown, context: unknown) => unknown;
type Piece = { run?: () => Promise<Record<string, number>> };

const REPORT_FD = 3;
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const now = () => process.hrtime.bigint().toString();

function lambdaContext(startedMs: number) {
  const finish = () => undefined;
  return {
    functionName: 'bench',
    awsRequestId: 'bench-request',
    logStreamName: '2025/01/01/[$LATEST]bench',
    getRemainingTimeInMillis: () => 300_000 - (Date.now() - startedMs),
    done: finish,
    succeed: finish,
    fail: finish,
  };
}

async function load(file: string): Promise<Record<string, unknown>> {
  if (file.endsWith('.mjs')) return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return createRequire(import.meta.url)(file) as Record<string, unknown>;
}

async function main(): Promise<RunnerReport> {
  const [file, mode = 'invoke', exportName = 'handler'] = process.argv.slice(2);
  if (!file) throw new Error('usage: node runner.mjs <bundle> [invoke|load] [export]');
  const module = await load(file);
  const loadedNs = now();
  const initCpuMs = cpuMs();
  const invokedNs = now();
  let pieces: Record<string, number> | undefined;
  if (mode === 'invoke') {
    const handler = module[exportName] as Handler;
    // Requests answered first by the same process (warm after the first), as for resources that depend on another.
    const before = JSON.parse(process.env.BENCH_EVENTS_BEFORE ?? '[]') as unknown[];
    for (const event of before) await handler(event, lambdaContext(Date.now()));
    await handler(JSON.parse(process.env.BENCH_EVENT ?? '{}'), lambdaContext(Date.now()));
  } else {
    pieces = await (module as Piece).run?.();
  }
  return {
    processStartNs: processStartNs.toString(),
    firstLineNs: firstLineNs.toString(),
    loadedNs,
    invokedNs,
    doneNs: now(),
    maxRssKiB: process.resourceUsage().maxRSS,
    cpuMs: cpuMs(),
    initCpuMs,
    ...(pieces ? { pieces } : {}),
  };
}

main().then(
  (report) => {
    writeSync(REPORT_FD, `${JSON.stringify(report)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    writeSync(REPORT_FD, `${JSON.stringify({ error: String(error) })}\n`);
    process.exit(1);
  },
);
