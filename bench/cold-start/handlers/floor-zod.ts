// The floor plus the validation any typed provider does: zod (as its documentation imports it) checks the
// properties. What crkit adds beyond this is crkit's own cost; the rest is the user's choice of zod.
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import { putResponse, type RequestIds } from './put-response.js';

const Properties = z.object({ Name: z.string(), Size: z.coerce.number().int() });

interface CreateRequest extends RequestIds {
  readonly ResourceProperties: unknown;
}

/** Validates the properties with zod, then creates and answers like the floor. */
export async function handler(event: CreateRequest): Promise<void> {
  const properties = Properties.parse(event.ResourceProperties);
  const ms = Number(process.env.BENCH_WORK_MS ?? '0');
  if (ms > 0) await sleep(ms);
  await putResponse(event, {
    Status: 'SUCCESS',
    PhysicalResourceId: `bench-${properties.Name}`,
    Data: { Area: properties.Size ** 2 },
  });
}
