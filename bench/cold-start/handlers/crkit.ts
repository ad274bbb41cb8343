// The crkit provider measured: one resource written as the README shows, zod imported as zod documents it.
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import { cfn, defineResource, lambdaHandler } from '../../../src/index.js';

/** Stands in for the SDK call a real provider makes: `BENCH_WORK_MS` of waiting (0: no await at all). */
const workMs = () => Number(process.env.BENCH_WORK_MS ?? '0');

const Bench = defineResource({
  resourceType: 'Custom::Bench',
  properties: z.object({ Name: z.string(), Size: cfn.integer() }),
  async create({ properties }) {
    const ms = workMs();
    if (ms > 0) await sleep(ms);
    return { physicalResourceId: `bench-${properties.Name}`, data: { Area: properties.Size ** 2 } };
  },
  delete: () => {},
});

/** The provider's entry point, as a user would write it. */
export const handler = lambdaHandler(Bench);
