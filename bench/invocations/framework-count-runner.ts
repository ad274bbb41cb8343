// A child that plays CDK's Provider framework with its waiter: one onEvent invocation, then (when the framework
// started a waiter) one framework isComplete invocation per check until the user's isComplete says it is done. The
// Step Functions wait between checks is left out: only invocations are counted here.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { reportToParent } from '../lib/report-to-parent.js';

/** What the runner reports. */
export type FrameworkCountReport = { readonly frameworkInvocations: number } | { readonly error: string };

type Handler = (event: unknown) => Promise<void>;

async function main(): Promise<FrameworkCountReport> {
  const [file] = process.argv.slice(2);
  if (!file) throw new Error('usage: node framework-count-runner.mjs <framework.js>');
  const require = createRequire(import.meta.url);
  const framework = require(file) as { onEvent: Handler; isComplete: Handler };
  // The framework's isComplete throws its own Retry error to make the state machine check again.
  const { Retry } = require(join(dirname(file), 'cfn-response.js')) as { Retry: new () => Error };
  let frameworkInvocations = 1;
  await framework.onEvent(JSON.parse(process.env.BENCH_EVENT ?? '{}'));
  const waiter = (globalThis as { benchWaiterInput?: { input: string } }).benchWaiterInput;
  if (!waiter) return { frameworkInvocations };
  const input: unknown = JSON.parse(waiter.input);
  for (;;) {
    frameworkInvocations++;
    try {
      await framework.isComplete(input);
      return { frameworkInvocations };
    } catch (error) {
      if (!(error instanceof Retry)) throw error;
    }
  }
}

reportToParent(main);
