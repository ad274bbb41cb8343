// CDK's Provider framework run as deployed (its prebuilt runtime files), its Lambda Invoke calls answered by a fake
// Lambda API that counts them: the framework's own invocations plus the user functions it invokes.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvent } from '../../src/testing/events.js';
import { FRAMEWORK_FILE, writeFrameworkStubs } from '../cold-start/anchors/cdk-provider-framework.js';
import type { Harness } from '../cold-start/harness.js';
import { buildChildScript } from '../lib/child-script.js';
import { startLoopbackServer } from '../lib/loopback-server.js';
import { childEnvironment, runChild } from '../lib/run-child.js';
import type { FrameworkCountReport } from './framework-count-runner.js';

/** What one request cost under the framework. */
export interface FrameworkCount {
  readonly frameworkInvocations: number;
  readonly userInvocations: number;
  readonly invocations: number;
  /** The user's isComplete calls. */
  readonly checks: number;
  readonly answered: boolean;
}

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:';

/**
 * Serves one Create through the framework. With `checks`, the framework has an isComplete handler and the user's
 * isComplete answers `IsComplete: true` on its `checks`-th call; without it, onEvent answers alone.
 */
export async function countFrameworkInvocations(
  harness: Harness,
  workdir: string,
  checks?: number,
): Promise<FrameworkCount> {
  const stubs = await writeFrameworkStubs(workdir);
  const script = await buildChildScript(
    fileURLToPath(new URL('./framework-count-runner.ts', import.meta.url)),
    join(workdir, 'framework-count-runner.mjs'),
  );
  let onEventCalls = 0;
  let isCompleteCalls = 0;
  const lambdaApi = await startLoopbackServer({
    otherRequest: (request, _body, response) => {
      const isComplete = (request.url ?? '').includes('user-is-complete');
      if (isComplete) isCompleteCalls++;
      else onEventCalls++;
      const answer = isComplete
        ? { IsComplete: isCompleteCalls >= (checks ?? 1) }
        : { PhysicalResourceId: 'job' };
      response.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
      response.end(JSON.stringify(answer));
    },
  });
  const key = `framework-count-${checks ?? 'none'}-${Date.now()}`;
  const event = createEvent({ resourceType: 'Custom::Job', responseUrl: harness.https.responseUrl(key) });
  const arrival = harness.https.arrival(key, 30_000);
  try {
    const { report } = await runChild<FrameworkCountReport>({
      script,
      args: [FRAMEWORK_FILE],
      timeoutMs: 60_000,
      env: childEnvironment({
        ...harness.childEnv,
        NODE_PATH: stubs,
        AWS_ENDPOINT_URL_LAMBDA: lambdaApi.origin,
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        USER_ON_EVENT_FUNCTION_ARN: `${ARN}user-on-event`,
        ...(checks === undefined
          ? {}
          : {
              USER_IS_COMPLETE_FUNCTION_ARN: `${ARN}user-is-complete`,
              WAITER_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:waiter',
            }),
        BENCH_EVENT: JSON.stringify(event),
      }),
    });
    if ('error' in report) throw new Error(`the framework failed: ${report.error}`);
    const put = await arrival;
    harness.https.forget(key);
    const userInvocations = onEventCalls + isCompleteCalls;
    return {
      frameworkInvocations: report.frameworkInvocations,
      userInvocations,
      invocations: report.frameworkInvocations + userInvocations,
      checks: isCompleteCalls,
      answered: (JSON.parse(put.body) as { Status?: string }).Status === 'SUCCESS',
    };
  } finally {
    arrival.catch(() => undefined);
    await lambdaApi.close();
  }
}
