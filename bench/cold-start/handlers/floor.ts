// The practical floor: what a careful hand-written provider does with nothing but Node's own http(s) module.
import { setTimeout as sleep } from 'node:timers/promises';

interface CreateRequest {
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly ResourceProperties: { readonly Name: string; readonly Size: string };
}

async function put(url: URL, body: string): Promise<number> {
  // Only the module the URL needs is loaded: `node:https` brings TLS, which an http URL does not need.
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

/** Creates the same resource as the crkit handler, answering with the same body, with no validation at all. */
export async function handler(event: CreateRequest): Promise<void> {
  const ms = Number(process.env.BENCH_WORK_MS ?? '0');
  if (ms > 0) await sleep(ms);
  const size = Number(event.ResourceProperties.Size);
  const body = JSON.stringify({
    Status: 'SUCCESS',
    PhysicalResourceId: `bench-${event.ResourceProperties.Name}`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { Area: size ** 2 },
  });
  await put(new URL(event.ResponseURL), body);
}
