// The anchor most hand-written providers start from: AWS's `cfn-response` module (https on port 443 only).
import { setTimeout as sleep } from 'node:timers/promises';
import * as response from 'cfn-response';

interface CreateRequest {
  readonly ResourceProperties: { readonly Name: string; readonly Size: string };
}

/**
 * Creates the bench resource and answers through `cfn-response`, which ends the invocation with `context.done()`;
 * the returned promise settles then.
 */
export async function handler(event: CreateRequest, context: Record<string, unknown>): Promise<void> {
  const ms = Number(process.env.BENCH_WORK_MS ?? '0');
  if (ms > 0) await sleep(ms);
  const size = Number(event.ResourceProperties.Size);
  await new Promise<void>((resolve) => {
    response.send(
      event,
      { ...context, done: () => resolve() },
      response.SUCCESS,
      { Area: size ** 2 },
      `bench-${event.ResourceProperties.Name}`,
    );
  });
}
