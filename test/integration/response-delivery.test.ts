import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { testSeams } from '../../src/testing/test-seams.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const Unicode = defineResource({
  resourceType: 'Custom::Unicode',
  properties: z.object({}),
  create: () => ({ data: { Greeting: 'grüße, 世界 🌍' } }),
  delete: () => {},
});
const event = () => createEvent({ resourceType: 'Custom::Unicode' });
const keyOf = (harness: Harness) => harness.capture.responses.at(-1)?.key ?? '';

let harness: Harness;
afterEach(() => harness?.close());

describe('the response PUT, against a real loopback endpoint', () => {
  it('sends an empty content-type and the exact UTF-8 content-length', async () => {
    harness = await startHarness(Unicode);
    await harness.invoke(event());
    const [response] = harness.capture.responses;
    expect(response?.headers['content-type']).toBe('');
    expect(Number(response?.headers['content-length'])).toBe(Buffer.byteLength(response?.raw ?? '', 'utf8'));
    expect(response?.body.Data).toEqual({ Greeting: 'grüße, 世界 🌍' });
  });

  it('retries an endpoint that answers 500 twice, then delivers exactly one response', async () => {
    harness = await startHarness(Unicode, {
      behaviour: ({ attempt }) => (attempt <= 2 ? { status: 500 } : {}),
    });
    const body = await harness.invoke(event());
    expect(body.Status).toBe('SUCCESS');
    expect(harness.capture.attempts(keyOf(harness))).toBe(3);
    expect(harness.capture.responses).toHaveLength(1);
    expect(harness.capture.duplicates).toEqual([]);
  });

  it('retries 429 Too Many Requests', async () => {
    harness = await startHarness(Unicode, {
      behaviour: ({ attempt }) => (attempt === 1 ? { status: 429 } : {}),
    });
    await harness.invoke(event());
    expect(harness.capture.attempts(keyOf(harness))).toBe(2);
  });

  it('retries after the connection is reset', async () => {
    harness = await startHarness(Unicode, {
      behaviour: ({ attempt }) => (attempt === 1 ? { reset: true } : {}),
    });
    const body = await harness.invoke(event());
    expect(body.Status).toBe('SUCCESS');
    expect(harness.capture.attempts(keyOf(harness))).toBe(2);
  });

  it('gives up on a try that is too slow and tries again', async () => {
    harness = await startHarness(Unicode, {
      behaviour: ({ attempt }) => (attempt === 1 ? { delayMs: 1000 } : {}),
      retry: { attemptTimeoutMs: 200, baseDelayMs: 1 },
    });
    const started = Date.now();
    const body = await harness.invoke(event());
    expect(body.Status).toBe('SUCCESS');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not retry a 403: it is final, and logged without the URL query', async () => {
    harness = await startHarness(Unicode, { behaviour: () => ({ status: 403 }) });
    await expect(harness.invoke(event())).rejects.toThrow('no response arrived');
    const [attempted] = [...harness.logs.filter((line) => line.includes('response not delivered'))];
    expect(attempted).toContain('"attempts":1');
    expect(attempted).toContain('answered HTTP 403');
    expect(harness.logs.join('\n')).not.toMatch(/X-Amz-Signature=capture/);
  });

  it('stops retrying at the deadline instead of outliving the invocation', async () => {
    harness = await startHarness(Unicode, {
      behaviour: () => ({ status: 503 }),
      retry: { attempts: 10, baseDelayMs: 400, maxDelayMs: 400 },
      ...testSeams({ random: () => 1 }),
    });
    const started = Date.now();
    await expect(harness.invoke(event(), 1500)).rejects.toThrow('no response arrived');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
