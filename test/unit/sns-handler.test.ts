import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { snsHandler } from '../../src/entry/sns.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { testSeams } from '../../src/testing/test-seams.js';
import fixture from '../fixtures/sns-event.json' with { type: 'json' };
import { recordingLogger, responseEndpoint } from './batch-events.js';

const template = fixture.Records[0] as (typeof fixture.Records)[number];

/** An SNS event as Lambda builds it, one record per message. */
const snsEvent = (...messages: unknown[]) => ({
  Records: messages.map((message) => ({
    ...template,
    Sns: {
      ...template.Sns,
      MessageId: randomUUID(),
      Message: typeof message === 'string' ? message : JSON.stringify(message),
    },
  })),
});

const context = { getRemainingTimeInMillis: () => 30_000 };

const Widget = defineResource({
  resourceType: 'Custom::Widget',
  properties: z.object({ Name: z.string() }),
  create: ({ properties }) => ({ data: { Greeting: `hello ${properties.Name}` } }),
  delete: () => {},
});

describe('snsHandler', () => {
  it('answers the request of a real-shaped SNS event', async () => {
    const { accepted: puts, transport } = responseEndpoint();
    const { logger } = recordingLogger();

    await expect(
      snsHandler(Widget, { logger, ...testSeams({ transport }) })(fixture, context),
    ).resolves.toBeUndefined();

    expect(puts).toEqual([
      expect.objectContaining({
        Status: 'SUCCESS',
        RequestId: '8d2f6c1e-9b0a-4c3d-8e7f-1a2b3c4d5e6f',
        StackId:
          'arn:aws:cloudformation:us-east-1:123456789012:stack/app/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f',
        Data: { Greeting: 'hello widget-1' },
      }),
    ]);
  });

  it('validates properties through the same core as the Lambda entry', async () => {
    const { accepted: puts, transport } = responseEndpoint();
    const { logger } = recordingLogger();
    const event = createEvent({ resourceType: 'Custom::Widget', properties: { Nom: 'x' } });

    await snsHandler(Widget, { logger, ...testSeams({ transport }) })(snsEvent(event), context);

    expect(puts).toEqual([expect.objectContaining({ Status: 'FAILED', RequestId: event.RequestId })]);
    expect(puts[0]?.Reason).toContain('ResourceProperties.Name');
  });

  it('resolves without throwing and logs the message id when a response cannot be delivered', async () => {
    const { transport } = responseEndpoint(() => false);
    const { lines, logger } = recordingLogger();
    const event = snsEvent(createEvent({ resourceType: 'Custom::Widget', properties: { Name: 'x' } }));

    await expect(
      snsHandler(Widget, { logger, retry: { attempts: 1 }, ...testSeams({ transport }) })(event, context),
    ).resolves.toBeUndefined();

    const messageId = event.Records[0]?.Sns.MessageId;
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'error', attributes: expect.objectContaining({ messageId }) }),
    );
  });

  it('drops a message that is not a request, logging why without its content', async () => {
    const { accepted: puts, transport } = responseEndpoint();
    const { lines, logger } = recordingLogger();
    const secret = 'X-Amz-Signature=snssecret42';

    await snsHandler(Widget, { logger, ...testSeams({ transport }) })(
      snsEvent(`ResponseURL=https://x.example/?${secret}`),
      context,
    );

    expect(puts).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        attributes: expect.objectContaining({ problem: 'SNS Message is not JSON' }),
      }),
    );
    expect(JSON.stringify(lines)).not.toContain('snssecret42');
  });

  it('answers each request of a batch once, however many records carry it', async () => {
    const { accepted: puts, transport } = responseEndpoint();
    const { logger } = recordingLogger();
    const event = createEvent({ resourceType: 'Custom::Widget', properties: { Name: 'x' } });

    await snsHandler(Widget, { logger, ...testSeams({ transport }) })(snsEvent(event, event), context);

    expect(puts).toHaveLength(1);
  });
});
