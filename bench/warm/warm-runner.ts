// A child that plays one warm Lambda serving many requests: it loads the handler once, sends warm-up events, then
// BENCH_EVENTS events at each concurrency in BENCH_CONCURRENCY, timing each from the call to the settled promise.
import { createRequire } from 'node:module';
import { mapWithConcurrency } from '../lib/pool.js';
import { reportToParent } from '../lib/report-to-parent.js';

/** One concurrency's measurements. */
export interface WarmMode {
  readonly concurrency: number;
  /** Per event, in order, milliseconds. */
  readonly latenciesMs: readonly number[];
  readonly wallMs: number;
}

/** What the runner writes to file descriptor 3. */
export type WarmReport = { readonly modes: readonly WarmMode[] } | { readonly error: string };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const context = {
  functionName: 'bench',
  logStreamName: '2025/01/01/[$LATEST]bench',
  getRemainingTimeInMillis: () => 300_000,
};

async function main(): Promise<WarmReport> {
  const [file, exportName = 'handler'] = process.argv.slice(2);
  const handler = (createRequire(import.meta.url)(file ?? '') as Record<string, Handler>)[exportName];
  if (!handler) throw new Error(`${file} exports no ${exportName}`);
  const template = JSON.parse(process.env.BENCH_EVENT ?? '{}') as Record<string, unknown>;
  const prefix = process.env.BENCH_URL_PREFIX ?? '';
  const count = Number(process.env.BENCH_EVENTS ?? '100');
  const warmup = Number(process.env.BENCH_WARMUP ?? '20');
  const event = (name: string) => ({
    ...template,
    RequestId: name,
    ResponseURL: `${prefix}${name}?X-Amz-Signature=bench`,
  });
  for (let i = 0; i < warmup; i++) await handler(event(`warmup-${i}`), context);
  const modes: WarmMode[] = [];
  for (const concurrency of (process.env.BENCH_CONCURRENCY ?? '1').split(',').map(Number)) {
    const started = performance.now();
    const latenciesMs = await mapWithConcurrency(
      Array.from({ length: count }, (_, i) => i),
      concurrency,
      async (i) => {
        const at = performance.now();
        await handler(event(`c${concurrency}-${i}`), context);
        return performance.now() - at;
      },
    );
    modes.push({ concurrency, latenciesMs, wallMs: performance.now() - started });
  }
  return { modes };
}

reportToParent(main);
