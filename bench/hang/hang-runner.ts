// A child that plays one Lambda invocation with a deadline: it loads the bundle, invokes its handler with a context
// whose remaining time counts down from BENCH_REMAINING_MS, and ends when the handler settles or, as Lambda ends a
// timed-out invocation, at the deadline, whatever is still running.
const processStartNs = process.hrtime.bigint() - BigInt(Math.round(process.uptime() * 1e9));

import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What the runner writes to file descriptor 3 as it ends; times are `process.hrtime.bigint()` strings. */
export interface HangReport {
  readonly processStartNs: string;
  readonly invokedNs?: string;
  readonly endedBy: 'handler' | 'deadline' | 'error';
  readonly error?: string;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

function end(report: Omit<HangReport, 'processStartNs'>): never {
  writeSync(3, `${JSON.stringify({ processStartNs: processStartNs.toString(), ...report })}\n`);
  process.exit(0);
}

const [file, exportName = 'handler'] = process.argv.slice(2);
const remainingMs = Number(process.env.BENCH_REMAINING_MS ?? '3000');
try {
  const handler = (createRequire(import.meta.url)(file ?? '') as Record<string, Handler>)[exportName];
  if (!handler) throw new Error(`${file} exports no ${exportName}`);
  const invokedAt = Date.now();
  const invokedNs = process.hrtime.bigint().toString();
  const context = {
    functionName: 'bench',
    logStreamName: '2025/01/01/[$LATEST]bench',
    getRemainingTimeInMillis: () => remainingMs - (Date.now() - invokedAt),
  };
  setTimeout(() => end({ invokedNs, endedBy: 'deadline' }), remainingMs);
  handler(JSON.parse(process.env.BENCH_EVENT ?? '{}'), context).then(
    () => end({ invokedNs, endedBy: 'handler' }),
    (error: unknown) => end({ invokedNs, endedBy: 'error', error: String(error) }),
  );
} catch (error) {
  end({ endedBy: 'error', error: String(error) });
}
