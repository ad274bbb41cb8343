// A child (bundled as a provider would be) that feeds crkit's sqsHandler batches of 10 Create requests whose
// handlers wait on I/O for a given time, and times each batch.
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import { cfn, defineResource, sqsHandler } from '../../src/index.js';
import { createEvent } from '../../src/testing/events.js';
import { reportToParent } from '../lib/report-to-parent.js';

/** What the child reports: each measured batch's time and how many records it asked to be retried. */
export type SqsBatchReport =
  | { readonly batchMs: readonly number[]; readonly retried: number }
  | { readonly error: string };

const Waiting = defineResource({
  resourceType: 'Custom::Bench',
  properties: z.object({ Name: z.string(), WaitMs: cfn.number() }),
  async create({ properties, signal }) {
    await sleep(properties.WaitMs, undefined, { signal });
    return { physicalResourceId: `bench-${properties.Name}` };
  },
  delete: () => {},
});

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:bench-requests';
const handler = sqsHandler(Waiting, { concurrency: Number(process.env.BENCH_CONCURRENCY ?? '10') });

function batch(keys: readonly string[], waits: readonly number[], prefix: string) {
  return {
    Records: keys.map((key, i) => ({
      messageId: key,
      eventSourceARN: QUEUE_ARN,
      body: JSON.stringify(
        createEvent({
          resourceType: 'Custom::Bench',
          properties: { Name: key, WaitMs: waits[i] ?? 0 },
          responseUrl: `${prefix}${key}?X-Amz-Signature=bench`,
        }),
      ),
    })),
  };
}

async function main(): Promise<SqsBatchReport> {
  const prefix = process.env.BENCH_URL_PREFIX ?? '';
  const waits = JSON.parse(process.env.BENCH_WAITS ?? '[]') as number[][];
  const context = { getRemainingTimeInMillis: () => 60_000 };
  // One unmeasured batch first: loading undici and the first TLS handshake are a cold start's cost, not a batch's.
  const warmKeys = Array.from({ length: 10 }, (_, i) => `warmup-${i}`);
  await handler(batch(warmKeys, Array(10).fill(50), prefix), context);
  const batchMs: number[] = [];
  let retried = 0;
  for (const [b, list] of waits.entries()) {
    const keys = list.map((_, i) => `b${b}-${i}`);
    const started = performance.now();
    const { batchItemFailures } = await handler(batch(keys, list, prefix), context);
    batchMs.push(performance.now() - started);
    retried += batchItemFailures.length;
  }
  return { batchMs, retried };
}

reportToParent(main);
