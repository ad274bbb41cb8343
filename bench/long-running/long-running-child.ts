// A child (bundled as a provider would be) that starts long-running requests at once, each ready at its own time,
// and lets crkit's lambdaHandler, with its default completion backoff, check and answer them.
import * as z from 'zod';
import { defineResource, lambdaHandler } from '../../src/index.js';
import { createEvent } from '../../src/testing/events.js';
import { reportToParent } from '../lib/report-to-parent.js';

/** One job: its name (the ResponseURL's key) and when it is ready, after its request starts. */
export interface JobSpec {
  readonly key: string;
  readonly readyMs: number;
}

/** What the child reports: per job, the monotonic time it became ready and the checks it took. */
export type LongRunningReport =
  | { readonly jobs: readonly { key: string; readyNs: string; checks: number }[] }
  | { readonly error: string };

const readyAt = new Map<string, bigint>();
const checks = new Map<string, number>();

const Job = defineResource({
  resourceType: 'Custom::Job',
  properties: z.object({ Name: z.string() }),
  create: ({ properties }) => ({ physicalResourceId: `job-${properties.Name}`, pending: {} }),
  delete: () => {},
  isComplete: ({ properties }) => {
    checks.set(properties.Name, (checks.get(properties.Name) ?? 0) + 1);
    const ready = readyAt.get(properties.Name) ?? 0n;
    return process.hrtime.bigint() >= ready ? { data: { Ready: true } } : { pending: {} };
  },
});

const handler = lambdaHandler(Job);

async function main(): Promise<LongRunningReport> {
  const jobs = JSON.parse(process.env.BENCH_JOBS ?? '[]') as JobSpec[];
  const prefix = process.env.BENCH_URL_PREFIX ?? '';
  await Promise.all(
    jobs.map(async ({ key, readyMs }) => {
      const started = Date.now();
      readyAt.set(key, process.hrtime.bigint() + BigInt(Math.round(readyMs * 1e6)));
      const event = createEvent({
        resourceType: 'Custom::Job',
        properties: { Name: key },
        responseUrl: `${prefix}${key}?X-Amz-Signature=bench`,
      });
      await handler(event, { getRemainingTimeInMillis: () => 300_000 - (Date.now() - started) });
    }),
  );
  return {
    jobs: jobs.map(({ key }) => ({
      key,
      readyNs: String(readyAt.get(key) ?? 0n),
      checks: checks.get(key) ?? 0,
    })),
  };
}

reportToParent(main);
