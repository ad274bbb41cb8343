// The practical floor: what a careful hand-written provider does with nothing but Node's own http(s) module.
import { setTimeout as sleep } from 'node:timers/promises';
import { putResponse, type RequestIds } from './put-response.js';

interface CreateRequest extends RequestIds {
  readonly ResourceProperties: { readonly Name: string; readonly Size: string };
}

/** Creates the same resource as the crkit handler, answering with the same body, with no validation at all. */
export async function handler(event: CreateRequest): Promise<void> {
  const ms = Number(process.env.BENCH_WORK_MS ?? '0');
  if (ms > 0) await sleep(ms);
  const size = Number(event.ResourceProperties.Size);
  await putResponse(event, {
    Status: 'SUCCESS',
    PhysicalResourceId: `bench-${event.ResourceProperties.Name}`,
    Data: { Area: size ** 2 },
  });
}
