// crkit's own code (lambdaHandler, sqsHandler, the completion loop, hand-overs) run on a simulated clock: minutes of
// waiting pass in milliseconds, and every invocation, check and hand-over is counted, not estimated.
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import type { Continuation } from '../../src/long-running/continuation.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { testSeams } from '../../src/testing/test-seams.js';
import { createSimulatedClock, type SimulatedClock } from '../lib/simulated-clock.js';

/** A request that is ready `readyAfterMs` after it starts (0: answered by create itself). */
export interface Scenario {
  readonly readyAfterMs: number;
  /** The function's timeout: crkit hands over before it. */
  readonly lambdaTimeoutMs: number;
}

/** What serving the requests of a scenario cost. */
export interface InvocationCount {
  readonly requests: number;
  readonly invocations: number;
  /** `isComplete` calls, all requests together. */
  readonly checks: number;
  readonly handOvers: number;
  /** Every request answered SUCCESS exactly once. */
  readonly answered: boolean;
}

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:bench-requests';
// A guard against a defect looping for ever; no scenario comes near it.
const MAX_INVOCATIONS = 10_000;

function job(clock: SimulatedClock, readyAfterMs: number, counter: { checks: number }) {
  const readyAt = clock.now() + readyAfterMs;
  return defineResource({
    resourceType: 'Custom::Job',
    properties: z.object({}),
    create: () =>
      readyAfterMs > 0 ? { physicalResourceId: 'job', pending: {} } : { physicalResourceId: 'job' },
    delete: () => {},
    isComplete: () => {
      counter.checks++;
      return clock.now() >= readyAt ? {} : { pending: {} };
    },
  });
}

function harness() {
  const clock = createSimulatedClock();
  const bodies: string[] = [];
  const queue: Continuation[] = [];
  const seams = {
    now: clock.now,
    sleep: clock.sleep,
    // Nothing leaves the process: the PUT is recorded, the hand-over queued for the next invocation.
    transport: async ({ body }: { body: string }) => {
      bodies.push(body);
      return { statusCode: 200 };
    },
  };
  const options = {
    logger: SILENT,
    handOver: async (continuation: Continuation) => void queue.push(structuredClone(continuation)),
  };
  const answered = (requests: number) =>
    bodies.length === requests && bodies.every((body) => JSON.parse(body).Status === 'SUCCESS');
  return { clock, options: { ...options, ...testSeams(seams) }, seams, queue, answered };
}

const context = (clock: SimulatedClock, timeoutMs: number) => {
  const invokedAt = clock.now();
  return { getRemainingTimeInMillis: () => timeoutMs - (clock.now() - invokedAt) };
};

/**
 * One request served by `lambdaHandler`; each hand-over is the next invocation (Lambda's asynchronous Invoke starts
 * it at once).
 */
export async function countLambdaInvocations(scenario: Scenario): Promise<InvocationCount> {
  const { clock, options, queue, answered } = harness();
  const counter = { checks: 0 };
  const handler = lambdaHandler(job(clock, scenario.readyAfterMs, counter), options);
  let next: unknown = createEvent({ resourceType: 'Custom::Job' });
  let invocations = 0;
  while (next !== undefined && invocations < MAX_INVOCATIONS) {
    invocations++;
    await handler(next, context(clock, scenario.lambdaTimeoutMs));
    next = queue.shift();
  }
  return {
    requests: 1,
    invocations,
    checks: counter.checks,
    handOvers: invocations - 1,
    answered: answered(1),
  };
}

const record = (id: string, body: unknown) => ({
  messageId: id,
  body: JSON.stringify(body),
  eventSourceARN: QUEUE_ARN,
});

/**
 * `requests` requests arriving in one SQS batch, served by `sqsHandler`; continuations re-queued by one invocation
 * come due together (SQS delays them by their DelaySeconds) and arrive as the next batch of up to 10.
 */
export async function countSqsInvocations(scenario: Scenario, requests: number): Promise<InvocationCount> {
  const { clock, options, seams, queue, answered } = harness();
  const counter = { checks: 0 };
  const handler = sqsHandler(job(clock, scenario.readyAfterMs, counter), {
    ...options,
    // The duplicate guard keys on real time; it changes no count here, so it is left out of the simulation.
    idempotency: false,
    ...testSeams({
      ...seams,
      // Resolves only when the batch is over, whatever the simulated time: the workers, not the clock, end a batch.
      wait: (_ms, signal) =>
        new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        }),
    }),
  });
  let batch: unknown[] = Array.from({ length: requests }, (_, i) =>
    record(`m${i}`, createEvent({ resourceType: 'Custom::Job' })),
  );
  let invocations = 0;
  let handOvers = 0;
  while (batch.length > 0 && invocations < MAX_INVOCATIONS) {
    invocations++;
    await handler({ Records: batch }, context(clock, scenario.lambdaTimeoutMs));
    const due = queue.splice(0, 10);
    handOvers += due.length;
    clock.advance(Math.max(0, ...due.map((c) => Math.ceil(c.delayMs / 1000) * 1000)));
    batch = due.map((continuation, i) => record(`c${invocations}-${i}`, continuation));
  }
  return { requests, invocations, checks: counter.checks, handOvers, answered: answered(requests) };
}
