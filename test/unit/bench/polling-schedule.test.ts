import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { backoffSchedule, detectReadiness, fixedSchedule } from '../../../bench/lib/polling-schedule.js';
import { createSimulatedClock } from '../../../bench/lib/simulated-clock.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { defineResource } from '../../../src/resource/define-resource.js';
import { createEvent } from '../../../src/testing/events.js';
import { testSeams } from '../../../src/testing/test-seams.js';

describe('polling schedules', () => {
  it('puts fixed-interval checks at the first time and every interval after it', () => {
    const cdk = fixedSchedule(0, 5000);

    expect([0, 1, 2, 3].map(cdk)).toEqual([0, 5000, 10_000, 15_000]);
  });

  it('adds backoff waits that grow by the factor up to the cap', () => {
    const crkit = backoffSchedule(250, 1.5, 1000);

    expect([0, 1, 2, 3, 4, 5].map(crkit)).toEqual([250, 625, 1187.5, 2031.25, 3031.25, 4031.25]);
  });

  it('detects readiness at the first check at or after it', () => {
    expect(detectReadiness(12_000, fixedSchedule(0, 5000))).toEqual({
      detectedMs: 15_000,
      delayMs: 3000,
      checks: 4,
    });
    expect(detectReadiness(10_000, fixedSchedule(0, 5000)).delayMs).toBe(0);
    expect(detectReadiness(3000, fixedSchedule(120_000, 120_000))).toMatchObject({
      delayMs: 117_000,
      checks: 1,
    });
  });

  it('rejects schedules that cannot advance', () => {
    expect(() => fixedSchedule(0, 0)).toThrow(RangeError);
    expect(() => backoffSchedule(250, 0.5, 1000)).toThrow(RangeError);
  });

  it('matches the times at which crkit itself checks completion', async () => {
    const clock = createSimulatedClock(0);
    const checkedAt: number[] = [];
    const job = defineResource({
      resourceType: 'Custom::Job',
      properties: z.object({}),
      create: () => ({ physicalResourceId: 'job', pending: {} }),
      delete: () => {},
      isComplete: () => {
        checkedAt.push(clock.now());
        return checkedAt.length >= 8 ? {} : { pending: {} };
      },
    });
    const handler = lambdaHandler(job, {
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      ...testSeams({ now: clock.now, sleep: clock.sleep, transport: async () => ({ statusCode: 200 }) }),
    });

    await handler(createEvent({ resourceType: 'Custom::Job' }), { getRemainingTimeInMillis: () => 60_000 });

    const schedule = backoffSchedule(250, 1.5, 1000);
    expect(checkedAt).toEqual(checkedAt.map((_, k) => schedule(k)));
  });
});
