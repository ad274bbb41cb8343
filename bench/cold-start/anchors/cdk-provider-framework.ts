// AWS CDK's Provider framework (`custom-resources` Provider): its onEvent Lambda, run as CDK deploys it (a folder
// of prebuilt CommonJS files, `@aws-sdk/*` from the Lambda runtime), invoking the user's function through the
// Lambda Invoke API, which a loopback server fakes here.
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startLoopbackServer } from '../../lib/loopback-server.js';
import type { VariantEnvironment } from '../variants.js';

/** The framework's entry file; the Lambda handler is `framework.onEvent`. */
export const FRAMEWORK_FILE = join(
  dirname(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json')),
  'custom-resources/lib/provider-framework/runtime/framework.js',
);

/** The framework reads its user function's ARN from this variable (runtime/consts.js). */
const USER_FUNCTION_ENV = 'USER_ON_EVENT_FUNCTION_ARN';

/**
 * Writes a stand-in for `@aws-sdk/client-sfn`, which the framework requires at load time and the Lambda runtime
 * provides, and returns the folder to put on NODE_PATH. Its `startExecution` keeps the waiter's input in
 * `globalThis.benchWaiterInput` (for a child that plays the waiter state machine) instead of calling AWS.
 */
export async function writeFrameworkStubs(workdir: string): Promise<string> {
  const stubs = join(workdir, 'framework-stubs');
  const sfn = join(stubs, '@aws-sdk', 'client-sfn');
  await mkdir(sfn, { recursive: true });
  await writeFile(
    join(sfn, 'index.js'),
    'exports.SFN = class SFN { async startExecution(input) { globalThis.benchWaiterInput = input; return {}; } };\n',
  );
  return stubs;
}

/**
 * What the framework needs to run outside Lambda: `@aws-sdk/client-sfn` (a stub from {@link writeFrameworkStubs}
 * on NODE_PATH: onEvent without isComplete never calls it), and a Lambda Invoke API (`AWS_ENDPOINT_URL_LAMBDA`)
 * standing in for the user's onEvent function: it answers after `workMs`, as a warm user function doing the same
 * work would; that function's own cold start is not counted.
 */
export function providerFrameworkSetup(workMs: number) {
  return async (workdir: string): Promise<VariantEnvironment> => {
    const stubs = await writeFrameworkStubs(workdir);
    const invokeApi = await startLoopbackServer({
      otherRequest: (_request, _body, response) => {
        const answer = JSON.stringify({ PhysicalResourceId: 'bench-x', Data: { Area: 9 } });
        setTimeout(() => {
          response.writeHead(200, {
            'content-type': 'application/json',
            'x-amz-executed-version': '$LATEST',
          });
          response.end(answer);
        }, workMs);
      },
    });
    return {
      env: {
        NODE_PATH: stubs,
        AWS_ENDPOINT_URL_LAMBDA: invokeApi.origin,
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        [USER_FUNCTION_ENV]: 'arn:aws:lambda:us-east-1:123456789012:function:user-on-event',
      },
      close: () => invokeApi.close(),
    };
  };
}
