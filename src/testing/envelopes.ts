import { createHash, randomUUID } from 'node:crypto';
import { checkEnvelopeOptions } from './kit-options.js';

/** Where the envelopes say the requests came from; every field has a default shaped like the real thing. */
export interface EnvelopeOptions {
  /** The topic that carried the requests (the provider's `ServiceToken`). @default `arn:aws:sns:us-east-1:123456789012:crkit-provider` */
  readonly topicArn?: string;
  /** The queue subscribed to the topic. @default `arn:aws:sqs:us-east-1:123456789012:crkit-provider-requests` */
  readonly queueArn?: string;
}

/** Options of {@link sqsEvent}. */
export interface SqsEventOptions extends EnvelopeOptions {
  /** Raw message delivery: the body is the request itself rather than an SNS notification around it. @default false */
  readonly raw?: boolean;
}

const DEFAULT_TOPIC = 'arn:aws:sns:us-east-1:123456789012:crkit-provider';
const DEFAULT_QUEUE = 'arn:aws:sqs:us-east-1:123456789012:crkit-provider-requests';
// CloudFormation's subject for custom-resource notifications, as in test/fixtures/sns-event.json.
const SUBJECT = 'AWS CloudFormation custom resource request';
// Signing fields are placeholders: crkit never checks an SNS signature (SQS and Lambda already authenticated it).
const SIGNATURE = 'EXAMPLE-crkit-test-signature==';

const regionOf = (arn: string) => arn.split(':')[3] || 'us-east-1';
const textOf = (request: unknown) => (typeof request === 'string' ? request : JSON.stringify(request));

function notification(request: unknown, topicArn: string) {
  const region = regionOf(topicArn);
  return {
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Subject: SUBJECT,
    Message: textOf(request),
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    Signature: SIGNATURE,
    SigningCertURL: `https://sns.${region}.amazonaws.com/SimpleNotificationService-crkit.pem`,
    UnsubscribeURL: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:${randomUUID()}`,
  };
}

/**
 * The event Lambda receives from an SNS topic, one record per request (an object is sent as its JSON text, a string
 * as is), shaped like the one CloudFormation's notifications produce.
 *
 * @example
 * ```ts
 * import { createEvent, snsEvent } from 'crkit/testing';
 * const event = snsEvent([createEvent({ resourceType: 'Custom::Widget' })]);
 * event.Records[0]?.Sns.Message; // the request as JSON text
 * ```
 */
export function snsEvent(requests: readonly unknown[], options: EnvelopeOptions = {}) {
  checkEnvelopeOptions('snsEvent', requests, options);
  const topicArn = options.topicArn ?? DEFAULT_TOPIC;
  return {
    Records: requests.map((request) => {
      const { SigningCertURL, UnsubscribeURL, ...sns } = notification(request, topicArn);
      // Lambda's SNS event spells these two fields `...Url`, unlike the notification JSON an SQS body holds.
      return {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          ...sns,
          SigningCertUrl: SigningCertURL,
          UnsubscribeUrl: UnsubscribeURL,
          MessageAttributes: {},
        },
      };
    }),
  };
}

/**
 * The event Lambda's SQS event source mapping builds, one record per request: with `raw` the body is the request,
 * otherwise the SNS notification that carried it (raw message delivery off, the default of a subscription).
 *
 * @example
 * ```ts
 * import { createEvent, sqsEvent } from 'crkit/testing';
 * const request = createEvent({ resourceType: 'Custom::Widget' });
 * const event = sqsEvent([request, request], { raw: true }); // the same request delivered twice
 * event.Records.length; // 2
 * ```
 */
export function sqsEvent(requests: readonly unknown[], options: SqsEventOptions = {}) {
  checkEnvelopeOptions('sqsEvent', requests, options);
  const queueArn = options.queueArn ?? DEFAULT_QUEUE;
  const topicArn = options.topicArn ?? DEFAULT_TOPIC;
  return {
    Records: requests.map((request) => {
      const body = options.raw ? textOf(request) : JSON.stringify(notification(request, topicArn), null, 2);
      const sent = Date.now();
      return {
        messageId: randomUUID(),
        receiptHandle: `AQEB${randomUUID().replaceAll('-', '')}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(sent),
          SenderId: 'AIDAIT2UOQQY3AUEKVGXU',
          ApproximateFirstReceiveTimestamp: String(sent + 12),
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: regionOf(queueArn),
      };
    }),
  };
}
