// CDK's Provider framework serving the Cognito test user: its onEvent Lambda invokes the user's onEvent function,
// which a fake Lambda Invoke API runs as a fresh (cold) process doing the four calls against the emulator. Both
// cold starts are on the path to the response, as on a first deployment.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle } from '../../lib/bundle.js';
import { buildChildScript } from '../../lib/child-script.js';
import { startLoopbackServer } from '../../lib/loopback-server.js';
import { childEnvironment, runChild } from '../../lib/run-child.js';
import { writeFrameworkStubs } from '../anchors/cdk-provider-framework.js';
import type { VariantEnvironment } from '../variants.js';
import type { InvokeReport } from './invoke-runner.js';
import { COGNITO_CHILD_ENV, cognitoEnvironment, NODE_MODULES } from './local-cognito.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const USER_FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:user-on-event';

/**
 * The framework row's setup: the shared emulator and a user pool, the user's onEvent bundle, and a Lambda Invoke API
 * (`AWS_ENDPOINT_URL_LAMBDA`) that runs it in a fresh process per Invoke and answers what it returned.
 */
export async function frameworkCognitoSetup(workdir: string): Promise<VariantEnvironment> {
  const base = await cognitoEnvironment('test-user');
  const stubs = await writeFrameworkStubs(workdir);
  const userBundle = await buildBundle({
    entry: here('./handlers/framework-user-on-event.ts'),
    outdir: join(workdir, 'bundles', 'cognito-user-on-event'),
  });
  const runner = await buildChildScript(here('./invoke-runner.ts'), join(workdir, 'invoke-runner.mjs'));
  const userEnv = { ...base.aws.env, ...COGNITO_CHILD_ENV };
  const invokeApi = await startLoopbackServer({
    otherRequest: (_request, body, response) => {
      runChild<InvokeReport>({
        script: runner,
        args: [userBundle.file],
        env: childEnvironment({ ...userEnv, BENCH_EVENT: body }),
      }).then(
        ({ report }) => {
          // Lambda answers 200 either way; a function error is flagged in a header and the payload holds it.
          const failed = 'error' in report;
          response.writeHead(200, {
            'content-type': 'application/json',
            'x-amz-executed-version': '$LATEST',
            ...(failed ? { 'x-amz-function-error': 'Unhandled' } : {}),
          });
          response.end(JSON.stringify(failed ? { errorMessage: report.error } : report.result));
        },
        () => response.destroy(),
      );
    },
  });
  return {
    env: {
      ...base.env,
      NODE_PATH: `${stubs}:${NODE_MODULES}`,
      AWS_ENDPOINT_URL_LAMBDA: invokeApi.origin,
      USER_ON_EVENT_FUNCTION_ARN: USER_FUNCTION_ARN,
    },
    request: base.request,
    async close() {
      await invokeApi.close();
      await base.close();
    },
  };
}
