import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { createJsonLogger } from '../../src/logger.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { startResponseCapture } from '../../src/testing/response-capture.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const SIGNATURE = 'X-Amz-Signature=capture-';

let harness: Harness;
afterEach(() => {
  vi.unstubAllEnvs();
  return harness?.close();
});

describe('the ResponseURL is a credential', () => {
  it('never appears in logs or in the Reason, even when a handler error quotes it', async () => {
    const Leaky = defineResource({
      resourceType: 'Custom::Leaky',
      properties: z.object({}),
      create: ({ event }) => {
        throw new Error(`could not reach ${event.ResponseURL}`);
      },
      delete: () => {},
    });
    harness = await startHarness(Leaky);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Leaky' }));
    expect(body.Reason).toBe('create failed: Error: could not reach [redacted]');
    expect(JSON.stringify(body)).not.toContain(SIGNATURE);
    expect(harness.logs.length).toBeGreaterThan(0);
    expect(harness.logs.join('\n')).not.toContain(SIGNATURE);
  });

  it('is logged as host and path only', async () => {
    harness = await startHarness(
      defineResource({
        resourceType: 'Custom::Ok',
        properties: z.object({}),
        create: () => {},
        delete: () => {},
      }),
    );
    await harness.invoke(createEvent({ resourceType: 'Custom::Ok' }));
    const received = harness.logs.find((line) => line.includes('request received')) ?? '';
    expect(JSON.parse(received).responseUrl).toMatch(/^127\.0\.0\.1:\d+\/[0-9a-f-]+$/);
  });

  it('is refused, logged and never called when it is not a CloudFormation response bucket', async () => {
    const capture = await startResponseCapture();
    const logs: string[] = [];
    const create = vi.fn();
    const handler = lambdaHandler(
      defineResource({ resourceType: 'Custom::Ok', properties: z.object({}), create, delete: () => {} }),
      { logger: createJsonLogger({ level: 'debug', write: (line) => logs.push(line) }) },
    );
    await handler(createEvent({ resourceType: 'Custom::Ok', responseUrl: capture.responseUrl() }));
    await capture.close();
    expect(capture.responses).toHaveLength(0);
    expect(create).not.toHaveBeenCalled();
    expect(logs.join('\n')).toContain('ResponseURL must use https');
    expect(logs.join('\n')).not.toContain(SIGNATURE);
  });

  it('may be allowed for a local emulator through CRKIT_ALLOW_RESPONSE_ORIGINS', async () => {
    const capture = await startResponseCapture();
    vi.stubEnv('CRKIT_ALLOW_RESPONSE_ORIGINS', `http://localhost:1, ${capture.origin}`);
    const handler = lambdaHandler(
      defineResource({
        resourceType: 'Custom::Ok',
        properties: z.object({}),
        create: () => {},
        delete: () => {},
      }),
      { logger: createJsonLogger({ write: () => {} }) },
    );
    const url = capture.responseUrl();
    await handler(createEvent({ resourceType: 'Custom::Ok', responseUrl: url }));
    await capture.close();
    expect(capture.responseFor(url)?.body.Status).toBe('SUCCESS');
  });
});

describe('NoEcho data', () => {
  it('is never logged, at any level', async () => {
    const Secret = defineResource({
      resourceType: 'Custom::Secret',
      properties: z.object({}),
      create: () => ({ data: { Password: 'correct-horse-battery' }, noEcho: true }),
      delete: () => {},
    });
    harness = await startHarness(Secret);
    const body = await harness.invoke(createEvent({ resourceType: 'Custom::Secret' }));
    expect(body).toMatchObject({ NoEcho: true, Data: { Password: 'correct-horse-battery' } });
    expect(harness.logs.join('\n')).not.toContain('correct-horse-battery');
  });
});

describe('logging', () => {
  it('writes one structured JSON line per lifecycle step with ids, outcome and duration', async () => {
    harness = await startHarness(
      defineResource({
        resourceType: 'Custom::Ok',
        properties: z.object({}),
        create: () => {},
        delete: () => {},
      }),
    );
    const event = createEvent({ resourceType: 'Custom::Ok', requestId: 'req-1', logicalResourceId: 'Thing' });
    await harness.invoke(event);
    const lines = harness.logs.map((line) => JSON.parse(line));
    expect(lines.map((line) => line.message)).toEqual([
      'request received',
      'handler finished',
      'response sent',
    ]);
    expect(lines[2]).toMatchObject({
      level: 'info',
      requestId: 'req-1',
      logicalResourceId: 'Thing',
      resourceType: 'Custom::Ok',
      requestType: 'Create',
      outcome: 'SUCCESS',
      durationMs: expect.any(Number),
    });
  });

  it('is quiet by default: lifecycle lines are info, and the default level is warn', () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ write: (line) => lines.push(line) });
    logger.info('response sent');
    logger.warn('delete skipped');
    expect(lines).toHaveLength(1);
  });

  it('takes its level from CRKIT_LOG_LEVEL', () => {
    vi.stubEnv('CRKIT_LOG_LEVEL', 'debug');
    const lines: string[] = [];
    createJsonLogger({ write: (line) => lines.push(line) }).debug('detail');
    expect(lines).toHaveLength(1);
  });
});

describe('a Powertools Logger', () => {
  it('can be crkit logger, and receives the lifecycle lines without the ResponseURL query', async () => {
    const { Logger } = await import('@aws-lambda-powertools/logger');
    const lines: string[] = [];
    const logger = new Logger({ serviceName: 'provider', logLevel: 'INFO' });
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      harness = await startHarness(
        defineResource({
          resourceType: 'Custom::Ok',
          properties: z.object({}),
          create: () => {},
          delete: () => {},
        }),
        { logger },
      );
      await harness.invoke(createEvent({ resourceType: 'Custom::Ok' }));
    } finally {
      write.mockRestore();
    }
    const text = lines.join('');
    expect(text).toContain('"message":"response sent"');
    expect(text).not.toContain(SIGNATURE);
  });
});
