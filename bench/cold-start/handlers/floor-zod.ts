// The floor plus the validation any typed provider does: zod (as its documentation imports it) checks the
// properties. What crkit adds beyond this is crkit's own cost; the rest is the user's choice of zod.
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';

const Properties = z.object({ Name: z.string(), Size: z.coerce.number().int() });

interface CreateRequest {
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly ResourceProperties: unknown;
}

async function put(url: URL, body: string): Promise<number> {
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Validates the properties with zod, then creates and answers like the floor. */
export async function handler(event: CreateRequest): Promise<void> {
  const properties = Properties.parse(event.ResourceProperties);
  const ms = Number(process.env.BENCH_WORK_MS ?? '0');
  if (ms > 0) await sleep(ms);
  const body = JSON.stringify({
    Status: 'SUCCESS',
    PhysicalResourceId: `bench-${properties.Name}`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { Area: properties.Size ** 2 },
  });
  await put(new URL(event.ResponseURL), body);
}
