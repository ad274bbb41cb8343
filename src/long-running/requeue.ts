import { loadRuntimeSdk } from '../sdk/load-runtime-sdk.js';
import type { Continuation, HandOver } from './continuation.js';
import { handOverTarget } from './hand-over-target.js';

type SqsModule = typeof import('@aws-sdk/client-sqs');
const clients = new Map<string, { client: InstanceType<SqsModule['SQSClient']>; url: Promise<string> }>();

/** SQS's longest message delay (SendMessage DelaySeconds, SQS Developer Guide). */
const MAX_DELAY_SECONDS = 900;

/** `arn:PARTITION:sqs:REGION:ACCOUNT:NAME`. */
const QUEUE_ARN = /^arn:[^:]+:sqs:([^:]+):(\d{12}):(.+)$/;

/**
 * Hands a long-running operation back to the SQS queue it came from: the continuation is sent as a new message with
 * a delay (the next check's wait, at most 900 s), and the provider's function receives it like any record. The
 * function's role needs `sqs:SendMessage` and `sqs:GetQueueUrl` on the queue (crkit's CDK construct grants them).
 *
 * @throws {ConfigurationError} (`queueArn`) when `queueArn` is neither a string nor undefined. A missing or malformed
 *   ARN (an unset environment variable) is refused at the first hand-over instead, which crkit answers FAILED: failing
 *   the function's init would leave the stack waiting.
 *
 * @example
 * ```ts
 * import { requeue } from 'crkit/advanced';
 * const handOver = requeue('arn:aws:sqs:us-east-1:123456789012:dns-requests');
 * ```
 */
export function requeue(queueArn: string): HandOver {
  const target = handOverTarget(
    'queueArn',
    queueArn,
    QUEUE_ARN,
    'an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME)',
  );
  return async (continuation: Continuation, signal?: AbortSignal) => {
    const [, region = '', account = '', name = ''] = target();
    const queue = { region, account, name };
    const { GetQueueUrlCommand, SendMessageCommand, SQSClient } = await loadRuntimeSdk<SqsModule>(
      '@aws-sdk/client-sqs',
      'to hand over',
    );
    let entry = clients.get(queueArn);
    if (!entry) {
      const client = new SQSClient({ region: queue.region });
      // Asked of SQS rather than built from the ARN: the endpoint differs by partition and in emulators.
      const url = client
        .send(new GetQueueUrlCommand({ QueueName: queue.name, QueueOwnerAWSAccountId: queue.account }))
        .then(({ QueueUrl }) => QueueUrl ?? Promise.reject(new Error(`no URL for ${queueArn}`)));
      entry = { client, url };
      clients.set(queueArn, entry);
      url.catch(() => clients.delete(queueArn));
    }
    await entry.client.send(
      new SendMessageCommand({
        QueueUrl: await entry.url,
        MessageBody: JSON.stringify(continuation),
        DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(continuation.delayMs / 1000))),
      }),
      signal ? { abortSignal: signal } : {},
    );
  };
}
