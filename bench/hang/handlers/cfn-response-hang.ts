// A careful cfn-response handler (it answers FAILED on any error) whose call hangs instead of failing.
import * as response from 'cfn-response';
import { hangingCall } from './hanging-call.js';

/** Answers SUCCESS after the call, FAILED if it throws; the promise settles when cfn-response ends the invocation. */
export async function handler(event: unknown, context: Record<string, unknown>): Promise<void> {
  let status: 'SUCCESS' | 'FAILED' = response.SUCCESS;
  try {
    await hangingCall();
  } catch {
    status = response.FAILED;
  }
  await new Promise<void>((resolve) => {
    response.send(event, { ...context, done: () => resolve() }, status, {}, 'bench-x');
  });
}
