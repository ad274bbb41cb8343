import { loadRuntimeSdk } from '../sdk/load-runtime-sdk.js';
import type { Continuation, HandOver } from './continuation.js';

type LambdaModule = typeof import('@aws-sdk/client-lambda');
let client: InstanceType<LambdaModule['LambdaClient']> | undefined;

/**
 * Hands a long-running operation to a new invocation of the same function: an asynchronous `Invoke` (the function's
 * role needs `lambda:InvokeFunction` on itself; crkit's CDK construct grants it). The SDK is loaded only when a
 * hand-over happens; the Lambda Node.js runtime ships it.
 *
 * @example
 * ```ts
 * import { selfInvoke } from 'crkit/advanced';
 * const handOver = selfInvoke('arn:aws:lambda:us-east-1:123456789012:function:provider');
 * ```
 */
export function selfInvoke(functionArn: string): HandOver {
  return async (continuation: Continuation, signal?: AbortSignal) => {
    const { InvokeCommand, LambdaClient } = await loadRuntimeSdk<LambdaModule>(
      '@aws-sdk/client-lambda',
      'to hand over',
    );
    client ??= new LambdaClient({});
    const response = await client.send(
      new InvokeCommand({
        FunctionName: functionArn,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(continuation)),
      }),
      signal ? { abortSignal: signal } : {},
    );
    if (response.StatusCode !== 202)
      throw new Error(`Lambda answered ${response.StatusCode} to the asynchronous Invoke`);
  };
}
