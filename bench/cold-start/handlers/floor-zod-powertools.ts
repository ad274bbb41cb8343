// The floor plus zod plus what crkit is asked to keep: Powertools' CloudFormation schema checks the event. No crkit
// code: what is left between this row and crkit's is crkit's own.

import { setTimeout as sleep } from 'node:timers/promises';
import { CloudFormationCustomResourceCreateSchema } from '@aws-lambda-powertools/parser/schemas/cloudformation-custom-resource';
import * as z from 'zod';
import { putResponse } from './put-response.js';

const Properties = z.object({ Name: z.string(), Size: z.coerce.number().int() });

/** Validates the event with Powertools' Create schema and the properties with zod, then answers like the floor. */
export async function handler(raw: unknown): Promise<void> {
  const event = CloudFormationCustomResourceCreateSchema.parse(raw);
  const properties = Properties.parse(event.ResourceProperties);
  const ms = Number(process.env.BENCH_WORK_MS ?? '0');
  if (ms > 0) await sleep(ms);
  await putResponse(event, {
    Status: 'SUCCESS',
    PhysicalResourceId: `bench-${properties.Name}`,
    Data: { Area: properties.Size ** 2 },
  });
}
