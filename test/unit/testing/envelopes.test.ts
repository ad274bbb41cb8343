import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snsHandler } from '../../../src/entry/sns.js';
import { sqsHandler } from '../../../src/entry/sqs.js';
import { ConfigurationError } from '../../../src/errors.js';
import { snsEvent, sqsEvent } from '../../../src/testing/envelopes.js';
import { createEvent } from '../../../src/testing/events.js';
import { startResponseCapture } from '../../../src/testing/response-capture.js';
import { widgets } from './widgets.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), 'utf8')) as {
    Records: Record<string, unknown>[];
  };
const keys = (value: unknown) => Object.keys(value as object).sort();
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('snsEvent and sqsEvent', () => {
  it('shape each record like the events Lambda receives from SNS and from SQS', () => {
    const request = createEvent({ resourceType: 'Custom::Widget' });
    const sns = fixture('sns-event').Records[0] as { Sns: object };
    const sqs = fixture('sqs-event').Records[0] as { body: string; attributes: object };

    const [snsRecord] = snsEvent([request]).Records;
    const [sqsRecord] = sqsEvent([request]).Records;

    expect(keys(snsRecord)).toEqual(keys(sns));
    expect(keys(snsRecord?.Sns)).toEqual(keys(sns.Sns));
    expect(keys(sqsRecord)).toEqual(keys(sqs));
    expect(keys(sqsRecord?.attributes)).toEqual(keys(sqs.attributes));
    expect(keys(JSON.parse(sqsRecord?.body ?? '{}'))).toEqual(keys(JSON.parse(sqs.body)));
    expect(JSON.parse(JSON.parse(sqsRecord?.body ?? '{}').Message)).toEqual(request);
    expect(JSON.parse(snsRecord?.Sns.Message ?? '{}')).toEqual(request);
  });

  it('carry the request as the bare body with raw message delivery, one record and message id per request', () => {
    const first = createEvent({ resourceType: 'Custom::Widget' });
    const second = createEvent({ resourceType: 'Custom::Widget' });

    const { Records } = sqsEvent([first, second], { raw: true, queueArn: 'arn:aws:sqs:eu-west-1:1:q' });

    expect(Records.map((record) => JSON.parse(record.body))).toEqual([first, second]);
    expect(new Set(Records.map((record) => record.messageId)).size).toBe(2);
    expect(Records[0]).toMatchObject({ eventSourceARN: 'arn:aws:sqs:eu-west-1:1:q', awsRegion: 'eu-west-1' });
  });

  type Entry = (
    target: ReturnType<typeof widgets>['Widget'],
    origin: string,
    request: object,
  ) => Promise<unknown>;
  const options = (origin: string) => ({ logger: quiet, allowedResponseOrigins: [origin] });
  const entries: [string, Entry][] = [
    ['SQS entry, enveloped', (w, origin, r) => sqsHandler(w, options(origin))(sqsEvent([r]))],
    ['SQS entry, raw', (w, origin, r) => sqsHandler(w, options(origin))(sqsEvent([r], { raw: true }))],
    ['SNS entry', (w, origin, r) => snsHandler(w, options(origin))(snsEvent([r]))],
  ];

  it.each(entries)(
    'are unwrapped by the %s of crkit, which answers the request inside',
    async (_name, invoke) => {
      const { Widget } = widgets();
      const capture = await startResponseCapture();
      const responseUrl = capture.responseUrl();
      const request = createEvent({ resourceType: 'Custom::Widget', responseUrl, properties: { Name: 'a' } });

      await invoke(Widget, capture.origin, request);

      expect(capture.responseFor(responseUrl)?.body).toMatchObject({
        Status: 'SUCCESS',
        PhysicalResourceId: 'widget-a',
        RequestId: request.RequestId,
      });
      await capture.close();
    },
  );

  it.each([
    [
      'snsEvent',
      () => snsEvent('x' as never),
      'requests: expected an array of CloudFormation requests, got "x"',
    ],
    [
      'sqsEvent',
      () => sqsEvent(undefined as never),
      'requests: expected an array of CloudFormation requests, got nothing',
    ],
  ])('%s refuses requests that are not an array, naming them', (_, make, message) => {
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(message);
  });
});
