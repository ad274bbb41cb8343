import { createServer } from 'node:net';
import type { Message } from '@aws-sdk/client-sqs';

/** The SQS event Lambda's event source mapping builds from received messages. */
export function lambdaEvent(messages: readonly Message[], queueArn: string, awsRegion: string) {
  return {
    Records: messages.map((message) => ({
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: message.Attributes ?? {},
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          {
            ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
            ...(value.BinaryValue === undefined
              ? {}
              : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
            stringListValues: [],
            binaryListValues: [],
            dataType: value.DataType ?? 'String',
          },
        ]),
      ),
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion,
    })),
  };
}

/** The origin of a loopback port nothing listens on: a connection to it is refused at once. */
export async function closedLoopbackOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
