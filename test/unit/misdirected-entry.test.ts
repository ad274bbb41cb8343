import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { snsHandler } from '../../src/entry/sns.js';
import { sqsHandler } from '../../src/entry/sqs.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { createEvent } from '../../src/testing/events.js';
import { testSeams } from '../../src/testing/test-seams.js';
import { contextFor, recordingLogger, responseEndpoint, snsEnvelope, sqsEvent } from './batch-events.js';

const Widget = defineResource({
  resourceType: 'Custom::Widget',
  properties: z.object({ Name: z.string() }),
  create: ({ properties }) => ({ physicalResourceId: `widget-${properties.Name}` }),
  delete: () => {},
});
const request = () => createEvent({ resourceType: 'Custom::Widget', properties: { Name: 'a' } });
const snsEventOf = (message: unknown) => ({
  Records: [{ EventSource: 'aws:sns', Sns: { ...snsEnvelope, Message: JSON.stringify(message) } }],
});

describe('an entry given the wrong kind of event', () => {
  it('sqsHandler answers a direct request through lambdaHandler even with options only batch entries take', async () => {
    const { accepted, transport } = responseEndpoint();
    const { logger } = recordingLogger();
    const handler = sqsHandler(Widget, {
      logger,
      concurrency: 3,
      startCutoffMs: 1000,
      idempotency: false,
      ...testSeams({ transport }),
    });

    await handler(request(), contextFor());

    expect(accepted).toMatchObject([{ Status: 'SUCCESS', PhysicalResourceId: 'widget-a' }]);
  });

  it('sqsHandler answers a direct CloudFormation request and warns to use lambdaHandler', async () => {
    const { accepted, transport } = responseEndpoint();
    const { lines, logger } = recordingLogger();
    const handler = sqsHandler(Widget, { logger, ...testSeams({ transport }) });

    const response = await handler(request(), contextFor());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(accepted).toMatchObject([{ Status: 'SUCCESS', PhysicalResourceId: 'widget-a' }]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message:
          "crkit: sqsHandler received a CloudFormation request invoking the function directly: it is answered, but export lambdaHandler(...) as this function's handler",
      }),
    );
  });

  it('snsHandler answers a direct CloudFormation request and warns to use lambdaHandler', async () => {
    const { accepted, transport } = responseEndpoint();
    const { lines, logger } = recordingLogger();

    await snsHandler(Widget, { logger, ...testSeams({ transport }) })(request(), contextFor());

    expect(accepted).toMatchObject([{ Status: 'SUCCESS', PhysicalResourceId: 'widget-a' }]);
    expect(lines.map((line) => line.message)).toContainEqual(
      expect.stringContaining('export lambdaHandler(...)'),
    );
  });

  it('lambdaHandler answers the requests of an SQS event and warns to use sqsHandler', async () => {
    const { accepted, transport } = responseEndpoint();
    const { lines, logger } = recordingLogger();

    await lambdaHandler(Widget, { logger, ...testSeams({ transport }) })(sqsEvent(request()), contextFor());

    expect(accepted).toMatchObject([{ Status: 'SUCCESS', PhysicalResourceId: 'widget-a' }]);
    expect(lines.map((line) => line.message)).toContainEqual(
      "crkit: lambdaHandler received an SQS event: it is answered, but export sqsHandler(...) as this function's handler",
    );
    expect(lines.map((line) => line.message).join('\n')).not.toContain('ResponseURL is missing');
  });

  it('lambdaHandler answers the request of an SNS event and warns to use snsHandler', async () => {
    const { accepted, transport } = responseEndpoint();
    const { lines, logger } = recordingLogger();

    await lambdaHandler(Widget, { logger, ...testSeams({ transport }) })(snsEventOf(request()), contextFor());

    expect(accepted).toMatchObject([{ Status: 'SUCCESS' }]);
    expect(lines.map((line) => line.message)).toContainEqual(
      expect.stringContaining('export snsHandler(...)'),
    );
  });
});
