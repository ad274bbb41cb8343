import { afterAll } from 'vitest';
import type { ResponseBody } from '../../src/core/fit-response.js';
import { type LambdaHandlerOptions, lambdaHandler } from '../../src/entry/lambda.js';
import { createJsonLogger } from '../../src/logger.js';
import type { Router } from '../../src/resource/router.js';
import type { AnyResourceDefinition } from '../../src/resource/types.js';
import {
  type CaptureBehaviour,
  type ResponseCapture,
  startResponseCapture,
} from '../../src/testing/response-capture.js';

/** A provider under test: its handler, the loopback response endpoint it answers to, and every log line. */
export interface Harness {
  readonly capture: ResponseCapture;
  readonly logs: string[];
  /** Sends `event` (its ResponseURL replaced by a fresh capture URL) and returns the body CloudFormation gets. */
  invoke(event: Record<string, unknown>, remainingMs?: number): Promise<ResponseBody>;
  close(): Promise<void>;
}

export async function startHarness(
  target: AnyResourceDefinition | Router,
  options: LambdaHandlerOptions & {
    behaviour?: (r: { key: string; attempt: number }) => CaptureBehaviour;
  } = {},
): Promise<Harness> {
  const { behaviour, ...handlerOptions } = options;
  const capture = await startResponseCapture(behaviour ? { behaviour } : {});
  const logs: string[] = [];
  const handler = lambdaHandler(target, {
    logger: createJsonLogger({ level: 'debug', write: (line) => logs.push(line) }),
    allowedResponseOrigins: [capture.origin],
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...handlerOptions,
  });
  return {
    capture,
    logs,
    async invoke(event, remainingMs = 30_000) {
      const url = capture.responseUrl();
      await handler({ ...event, ResponseURL: url }, { getRemainingTimeInMillis: () => remainingMs });
      const response = capture.responseFor(url);
      if (!response) throw new Error('no response arrived');
      return response.body;
    },
    close: () => capture.close(),
  };
}

/**
 * A `startHarness` for tests that run concurrently (`it.concurrent`, each waiting for a deadline): every harness it
 * starts gets a capture of its own and stays open until the file's tests are done.
 */
export function concurrentHarnesses(): typeof startHarness {
  const started: Harness[] = [];
  afterAll(() => Promise.all(started.map((harness) => harness.close())));
  return async (...args) => {
    const harness = await startHarness(...args);
    started.push(harness);
    return harness;
  };
}
