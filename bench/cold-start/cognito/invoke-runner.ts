// A child that plays one Lambda invocation of a function behind CDK's Provider framework: it loads the bundle cold,
// calls its handler with the payload in BENCH_EVENT, and writes what the handler returned to file descriptor 3.
import { createRequire } from 'node:module';
import { reportToParent } from '../../lib/report-to-parent.js';

/** What the runner reports: the handler's result, or the error it threw. */
export type InvokeReport = { readonly result: unknown } | { readonly error: string };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

async function main(): Promise<InvokeReport> {
  const [file, exportName = 'handler'] = process.argv.slice(2);
  if (!file) throw new Error('usage: node invoke-runner.mjs <bundle> [export]');
  const module = createRequire(import.meta.url)(file) as Record<string, Handler>;
  const handler = module[exportName];
  if (!handler) throw new Error(`${file} exports no ${exportName}`);
  const started = Date.now();
  const context = {
    getRemainingTimeInMillis: () => 300_000 - (Date.now() - started),
    logStreamName: 'bench',
  };
  return { result: (await handler(JSON.parse(process.env.BENCH_EVENT ?? '{}'), context)) ?? null };
}

reportToParent(main);
