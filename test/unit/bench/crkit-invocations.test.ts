import { describe, expect, it } from 'vitest';
import { countLambdaInvocations, countSqsInvocations } from '../../../bench/invocations/crkit-invocations.js';

describe('counting crkit invocations on a simulated clock', () => {
  it('answers a short request in one invocation', async () => {
    const count = await countLambdaInvocations({ readyAfterMs: 0, lambdaTimeoutMs: 300_000 });

    expect(count).toEqual({ requests: 1, invocations: 1, checks: 0, handOvers: 0, answered: true });
  });

  it('hands over once per function timeout when the operation outlives it', async () => {
    const count = await countLambdaInvocations({ readyAfterMs: 600_000, lambdaTimeoutMs: 300_000 });

    expect(count).toMatchObject({ invocations: 3, handOvers: 2, answered: true });
    // About one check a second once the backoff has reached its 1 s cap.
    expect(count.checks).toBeGreaterThan(590);
    expect(count.checks).toBeLessThan(610);
  });

  it('serves a batch of requests in one SQS invocation, each checking on its own', async () => {
    const count = await countSqsInvocations({ readyAfterMs: 60_000, lambdaTimeoutMs: 300_000 }, 10);

    expect(count).toMatchObject({ requests: 10, invocations: 1, handOvers: 0, answered: true });
    expect(count.checks / 10).toBeGreaterThan(55);
  });
});
