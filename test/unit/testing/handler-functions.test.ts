import { describe, expect, it } from 'vitest';
import { ENV } from '../../../src/constants.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { connectProvider } from '../../../src/testing/connect-provider.js';
import { createEvent } from '../../../src/testing/events.js';
import { playLifecycle } from '../../../src/testing/lifecycle.js';
import { startResponseCapture } from '../../../src/testing/response-capture.js';
import { widgets } from './widgets.js';

type Request = Record<string, string>;

/** A hand-written Lambda handler that answers with `body(request)`, `times` times, the way cfn-response does. */
function rawHandler(body: (request: Request) => Record<string, unknown>, times = 1) {
  return async (event: Request) => {
    for (let i = 0; i < times; i++) {
      await fetch(event.ResponseURL as string, { method: 'PUT', body: JSON.stringify(body(event)) });
    }
  };
}

const echo = (request: Request) => ({
  StackId: request.StackId,
  RequestId: request.RequestId,
  LogicalResourceId: request.LogicalResourceId,
});

describe('a Lambda handler function under test', () => {
  it('plays the lifecycle of a crkit handler, allowing the response origin only while it runs', async () => {
    const { store, Widget } = widgets();
    const before = process.env[ENV.allowResponseOrigins];

    const timeline = await playLifecycle(lambdaHandler(Widget), {
      resourceType: 'Custom::Widget',
      steps: [{ create: { Name: 'a' } }, { update: { Name: 'b' }, expect: 'replacement' }, 'delete'],
    });

    expect(timeline.problems).toEqual([]);
    expect(store.size).toBe(0);
    expect(process.env[ENV.allowResponseOrigins]).toBe(before);
  });

  it('flags two responses to one request, an oversized body, an empty id and a missing Reason', async () => {
    const twice = rawHandler((r) => ({ ...echo(r), Status: 'SUCCESS', PhysicalResourceId: 'x' }), 2);
    const huge = rawHandler((r) => ({
      ...echo(r),
      Status: 'SUCCESS',
      PhysicalResourceId: 'x',
      Data: { Big: 'b'.repeat(5000) },
    }));
    const empty = rawHandler((r) => ({ ...echo(r), Status: 'FAILED', PhysicalResourceId: '' }));
    const request = createEvent({ resourceType: 'Custom::Raw' });

    const problems = [];
    for (const handler of [twice, huge, empty]) {
      const provider = await connectProvider(handler);
      problems.push((await provider.send(request)).problems);
      await provider.close();
    }

    expect(problems[0]).toEqual(['2 responses arrived for one request; CloudFormation takes exactly one']);
    expect(problems[1]).toEqual([
      expect.stringMatching(/^response 1 is 5\d{3} bytes, over CloudFormation's 4096-byte limit$/),
    ]);
    expect(problems[2]).toEqual([
      'PhysicalResourceId is ""; it must be a non-empty string',
      'FAILED without a Reason',
    ]);
  });

  it('flags a handler that never answers, and one that answers for another request', async () => {
    const silent = async () => {};
    const wrongIds = rawHandler((r) => ({
      ...echo(r),
      RequestId: 'other',
      Status: 'SUCCESS',
      PhysicalResourceId: 'x',
    }));
    const request = createEvent({ resourceType: 'Custom::Raw' });

    const silentProvider = await connectProvider(silent, { responseWaitMs: 50 });
    const wrongProvider = await connectProvider(wrongIds);
    const unanswered = await silentProvider.send(request);
    const misdirected = await wrongProvider.send(request);
    await Promise.all([silentProvider.close(), wrongProvider.close()]);

    expect(unanswered).toMatchObject({ accepted: false, responses: 0 });
    expect(unanswered.problems).toEqual(['no response arrived: CloudFormation would wait until its timeout']);
    expect(misdirected.problems).toEqual([`RequestId is "other", not the request's "${request.RequestId}"`]);
  });

  it('answers to a given capture, which stays open, and notes a response that arrives after the exchange', async () => {
    const capture = await startResponseCapture();
    let late: Promise<unknown> = Promise.resolve();
    const lateSecond = async (event: Request) => {
      const body = JSON.stringify({ ...echo(event), Status: 'SUCCESS', PhysicalResourceId: 'x' });
      await fetch(event.ResponseURL as string, { method: 'PUT', body });
      late = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        fetch(event.ResponseURL as string, { method: 'PUT', body }),
      );
    };
    const provider = await connectProvider(lateSecond, { responses: capture });

    const exchange = await provider.send(createEvent({ resourceType: 'Custom::Raw' }));
    await late;
    const [again] = await provider.recheck();
    await provider.close();

    expect(exchange.accepted).toBe(true);
    expect(again).toMatchObject({ accepted: false, responses: 2 });
    expect(capture.responses).toHaveLength(2);
    await capture.close();
  });

  it('delivers the last request again, ResponseURL and all; agreeing answers to it are fine', async () => {
    const answer = rawHandler((r) => ({ ...echo(r), Status: 'SUCCESS', PhysicalResourceId: 'same' }));
    const provider = await connectProvider(answer);

    await expect(provider.sendAgain()).rejects.toThrow('sendAgain: nothing was sent yet: call send() first');
    const first = await provider.send(createEvent({ resourceType: 'Custom::Raw' }));
    const again = await provider.sendAgain();
    const rechecked = await provider.recheck();
    await provider.close();

    expect(again.request).toEqual(first.request);
    expect(again).toMatchObject({ accepted: true, responses: 2 });
    expect(rechecked.map((exchange) => exchange.problems)).toEqual([[], []]);
  });

  it('reports a handler that throws, as Lambda would run it again', async () => {
    const throwing = async () => {
      throw new Error('boom');
    };
    const provider = await connectProvider(throwing, { responseWaitMs: 10 });

    const exchange = await provider.send(createEvent({ resourceType: 'Custom::Raw' }));
    await provider.close();

    expect(exchange.problems).toContain('the handler threw (Lambda would invoke it again): Error: boom');
  });
});
