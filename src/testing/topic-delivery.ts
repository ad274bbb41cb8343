import { type Delivered, failedItems, type RequestDelivery, SQS_MAX_RECEIVES } from './deliveries.js';
import { checkTopicDeliveryOptions } from './kit-options.js';

/** AWS SDK client configuration, as `LocalAws.clientConfig` gives it (or with an assumed role's credentials). */
export interface AwsClientConfig {
  readonly endpoint?: string;
  readonly region: string;
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

/** Options of {@link topicDelivery}. */
export interface TopicDeliveryOptions {
  /** The provider's topic, the ServiceToken stacks publish their requests to. */
  readonly topicArn: string;
  /** The queue subscribed to the topic, which the provider's function reads. */
  readonly queueUrl: string;
  /** The requester's side: CloudFormation publishes on behalf of the stack's account. */
  readonly publisher: AwsClientConfig;
  /** The provider's side, which receives from the queue. @default `publisher` */
  readonly consumer?: AwsClientConfig;
  /** How long to wait for a published request to reach the queue. @default 10_000 */
  readonly receiveTimeoutMs?: number;
}

// CloudFormation's subject for custom-resource notifications.
const SUBJECT = 'AWS CloudFormation custom resource request';

/**
 * Delivers each request through a real SNS topic and SQS queue (of the local emulator, or of AWS): publishes it to
 * the topic, receives it from the queue, hands the handler the SQS event Lambda's event source mapping would build,
 * then deletes the message, or makes it visible again and redelivers it when the handler reports it failed. Use it
 * with `via: 'sqs'`. Loads `@aws-sdk/client-sns` and `@aws-sdk/client-sqs` on first use.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource } from 'crkit';
 * import { playLifecycle, type LocalAws, topicDelivery } from 'crkit/testing';
 *
 * declare const aws: LocalAws;
 * declare const topicArn: string;
 * declare const queueUrl: string;
 * const Noop = defineResource({ resourceType: 'Custom::Noop', properties: z.object({}), create: () => {}, delete: () => {} });
 * const delivery = topicDelivery({ topicArn, queueUrl, publisher: aws.clientConfig });
 * await playLifecycle(Noop, { via: 'sqs', delivery, serviceToken: topicArn, steps: [{ create: {} }, 'delete'] });
 * ```
 */
export function topicDelivery(options: TopicDeliveryOptions): RequestDelivery {
  checkTopicDeliveryOptions(options);
  const clients = (async () => {
    const { SNSClient, PublishCommand } = await import('@aws-sdk/client-sns');
    const sqsModule = await import('@aws-sdk/client-sqs');
    const sqs = new sqsModule.SQSClient(options.consumer ?? options.publisher);
    const { Attributes } = await sqs.send(
      new sqsModule.GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['QueueArn'] }),
    );
    return {
      sns: new SNSClient(options.publisher),
      PublishCommand,
      sqs,
      sqsModule,
      queueArn: Attributes?.QueueArn ?? '',
    };
  })();
  // A client that cannot be made (an SDK package missing) fails the first delivery, not the process, unhandled.
  clients.catch(() => undefined);
  const waitMs = options.receiveTimeoutMs ?? 10_000;

  return {
    async deliver(request, invoke): Promise<Delivered> {
      const { sns, PublishCommand, sqs, sqsModule, queueArn } = await clients;
      const Message = JSON.stringify(request);
      await sns.send(new PublishCommand({ TopicArn: options.topicArn, Subject: SUBJECT, Message }));
      const QueueUrl = options.queueUrl;
      const until = Date.now() + waitMs;
      for (let deliveries = 0; Date.now() < until; ) {
        const received = await sqs.send(
          new sqsModule.ReceiveMessageCommand({
            QueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            AttributeNames: ['All'],
          }),
        );
        const messages = received.Messages ?? [];
        if (messages.length === 0) continue;
        deliveries++;
        const region = queueArn.split(':')[3] ?? '';
        const result = await invoke({
          Records: messages.map((message) => lambdaRecord(message, queueArn, region)),
        });
        const failed = failedItems(result);
        for (const { MessageId, ReceiptHandle } of messages) {
          // A failed record comes back once its visibility timeout ends; 0 brings it back at once.
          if (failed.has(MessageId ?? '')) {
            const visible = { QueueUrl, ReceiptHandle, VisibilityTimeout: 0 };
            await sqs.send(new sqsModule.ChangeMessageVisibilityCommand(visible));
          } else {
            await sqs.send(new sqsModule.DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
          }
        }
        if (failed.size === 0) return { deliveries, problems: [] };
        if (deliveries >= SQS_MAX_RECEIVES) {
          return {
            deliveries,
            problems: [`the SQS handler reported the record as failed ${deliveries} times`],
          };
        }
      }
      return {
        deliveries: 0,
        problems: [`the request did not reach ${QueueUrl} within ${waitMs} ms of publishing`],
      };
    },
  };
}

interface ReceivedMessage {
  readonly MessageId?: string | undefined;
  readonly ReceiptHandle?: string | undefined;
  readonly Body?: string | undefined;
  readonly MD5OfBody?: string | undefined;
  readonly Attributes?: Record<string, string> | undefined;
}

/** One record of the SQS event Lambda's event source mapping builds from a received message. */
function lambdaRecord(message: ReceivedMessage, queueArn: string, awsRegion: string) {
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: message.Attributes ?? {},
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion,
  };
}
