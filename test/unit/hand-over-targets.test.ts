import { describe, expect, it } from 'vitest';
import { requeue, selfInvoke } from '../../src/advanced.js';
import { ConfigurationError } from '../../src/errors.js';
import type { Continuation } from '../../src/long-running/continuation.js';

// Never sent: a target that does not pass is refused before any SDK loads.
const continuation = {} as Continuation;

describe('requeue and selfInvoke check the target they are given', () => {
  it.each([
    [
      'requeue',
      () => requeue(123 as never),
      'queueArn: expected an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME), got 123',
    ],
    ['requeue', () => requeue({ delaySecond: 5 } as never), 'queueArn: expected an SQS queue ARN'],
    [
      'requeue',
      () => requeue(null as never),
      'queueArn: expected an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME), got null',
    ],
    [
      'selfInvoke',
      () => selfInvoke({ functionNam: 'x' } as never),
      'functionArn: expected a Lambda function name or ARN',
    ],
    [
      'selfInvoke',
      () => selfInvoke(42 as never),
      'functionArn: expected a Lambda function name or ARN, got 42',
    ],
  ])('%s refuses a value that is not a string when it is made', (_, make, message) => {
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(message);
  });

  // An environment variable read at init may be unset or wrong: refusing it at init would fail the function's init
  // and leave the stack waiting, so the hand-over refuses it, and crkit answers FAILED with the message.
  it.each([
    [
      'requeue',
      () => requeue('not-an-arn'),
      'queueArn: expected an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME), got "not-an-arn"',
    ],
    [
      'requeue',
      () => requeue('https://sqs.us-east-1.amazonaws.com/123456789012/q'),
      'queueArn: expected an SQS queue ARN',
    ],
    [
      'requeue',
      () => requeue(process.env.CRKIT_TEST_UNSET_QUEUE_ARN as string),
      'queueArn: expected an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME), got nothing',
    ],
    ['selfInvoke', () => selfInvoke(''), 'functionArn: expected a Lambda function name or ARN, got ""'],
    [
      'selfInvoke',
      () => selfInvoke(undefined as never),
      'functionArn: expected a Lambda function name or ARN, got nothing',
    ],
  ])('%s made with a missing or malformed string refuses it at the hand-over', async (_, make, message) => {
    const handOver = make();

    const handedOver = handOver(continuation);

    await expect(handedOver).rejects.toThrow(ConfigurationError);
    await expect(handedOver).rejects.toThrow(message);
  });
});
