import { loadRuntimeSdk } from '../sdk/load-runtime-sdk.js';
import type { Continuation, HandOver } from './continuation.js';
import { handOverTarget } from './hand-over-target.js';

type LambdaModule = typeof import('@aws-sdk/client-lambda');
let client: InstanceType<LambdaModule['LambdaClient']> | undefined;

/**
 * Hands a long-running operation to a new invocation of the same function: an asynchronous `Invoke` (the function's
 * role needs `lambda:InvokeFunction` on itself; crkit's CDK construct grants it). The SDK is loaded only when a
 * hand-over happens; the Lambda Node.js runtime ships it.
 *
 * @throws {ConfigurationError} (`functionArn`) when `functionArn` is neither a string nor undefined. A missing or empty
 *   one is refused at the first hand-over instead, which crkit answers FAILED: failing the function's init would
 *   leave the stack waiting.
 *
 * @example
 * ```ts
 * import { selfInvoke } from 'crkit/advanced';
 * const handOver = selfInvoke('arn:aws:lambda:us-east-1:123456789012:function:provider');
 * ```
 */
export function selfInvoke(functionArn: string): HandOver {
  // Lambda's FunctionName: a name, a partial ARN or an ARN, each with an optional version or alias (Invoke, Lambda
  // API Reference).
  const target = handOverTarget('functionArn', functionArn, /^\S+$/, 'a Lambda function name or ARN');
  return async (continuation: Continuation, signal?: AbortSignal) => {
    const [functionName] = target();
    const { InvokeCommand, LambdaClient } = await loadRuntimeSdk<LambdaModule>(
      '@aws-sdk/client-lambda',
      'to hand over',
    );
    client ??= new LambdaClient({});
    const response = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(continuation)),
      }),
      signal ? { abortSignal: signal } : {},
    );
    if (response.StatusCode !== 202)
      throw new Error(`Lambda answered ${response.StatusCode} to the asynchronous Invoke`);
  };
}
