// The rows of the hang table: crkit and the tools users would pick instead, each with a call that never returns.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvent } from '../../src/testing/events.js';
import { FRAMEWORK_FILE, writeFrameworkStubs } from '../cold-start/anchors/cdk-provider-framework.js';
import { AWS_CUSTOM_RESOURCE_FILE } from '../cold-start/cognito/variants.js';
import { buildBundle } from '../lib/bundle.js';
import { type LoopbackServer, startLoopbackServer } from '../lib/loopback-server.js';
import { startSilentServer } from './silent-server.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** One row: a handler that hangs, and how long its Lambda gives it. */
export interface HangRow {
  readonly id: string;
  readonly label: string;
  /** The Lambda timeout shown; for the framework, the user function's. */
  readonly timeout: string;
  readonly file: string;
  readonly exportName: string;
  /** The remaining time the handler's context starts with; the runner ends the invocation then. */
  readonly remainingMs: number;
  readonly event: (responseUrl: string) => Record<string, unknown>;
  readonly env: Readonly<Record<string, string>>;
  readonly runs: number;
  readonly source: string;
  /** It sends its answer to port 443 whatever the URL says (cfn-response, CDK's handlers). */
  readonly needsPort443?: boolean;
}

/** Everything the rows need: bundles, the silent server, the framework's fake Lambda API. */
export interface HangSetup {
  readonly rows: readonly HangRow[];
  close(): Promise<void>;
}

const benchEvent = (responseUrl: string) =>
  createEvent({ resourceType: 'Custom::Bench', properties: { Name: 'x', Size: 3 }, responseUrl });

/** The user function's timeout behind the framework, after which Lambda ends it and Invoke reports the error. */
const USER_TIMEOUT_MS = 3000;

// Lambda answers a synchronous Invoke of a timed-out function with 200, an Unhandled function error and the timeout
// message as the payload (Lambda API reference, Invoke: X-Amz-Function-Error).
function timingOutLambdaApi(): Promise<LoopbackServer> {
  return startLoopbackServer({
    otherRequest: (_request, _body, response) => {
      setTimeout(() => {
        response.writeHead(200, {
          'content-type': 'application/json',
          'x-amz-function-error': 'Unhandled',
          'x-amz-executed-version': '$LATEST',
        });
        response.end(
          JSON.stringify({ errorMessage: `Task timed out after ${USER_TIMEOUT_MS / 1000}.00 seconds` }),
        );
      }, USER_TIMEOUT_MS);
    },
  });
}

/** Builds the hanging handlers and starts the servers they hang on. */
export async function setUpHangRows(workdir: string, runs: number): Promise<HangSetup> {
  const silent = await startSilentServer();
  const lambdaApi = await timingOutLambdaApi();
  const stubs = await writeFrameworkStubs(workdir);
  const bundle = async (id: string, entry: string) =>
    (await buildBundle({ entry: here(entry), outdir: join(workdir, 'bundles', id) })).file;
  const crkit = await bundle('crkit-hang', './handlers/crkit-hang.ts');
  const cfnResponse = await bundle('cfn-response-hang', './handlers/cfn-response-hang.ts');
  const sdkEnv = {
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const silentEnv = { BENCH_SILENT_URL: `${silent.origin}/never` };
  const measured = 'measured';
  const rows: HangRow[] = [15_000, 3000].map((remainingMs) => ({
    id: `crkit-${remainingMs}`,
    label: 'crkit lambdaHandler (default timeoutMarginMs 3000, at most ¼ of the time)',
    timeout: `${remainingMs / 1000} s`,
    file: crkit,
    exportName: 'handler',
    remainingMs,
    event: benchEvent,
    env: silentEnv,
    runs,
    source: measured,
  }));
  rows.push(
    {
      id: 'cfn-response',
      label: 'cfn-response handler (answers FAILED on errors; the call hangs instead)',
      timeout: '3 s',
      file: cfnResponse,
      exportName: 'handler',
      remainingMs: 3000,
      event: benchEvent,
      env: silentEnv,
      runs,
      source: measured,
      needsPort443: true,
    },
    {
      id: 'aws-custom-resource',
      label: 'AwsCustomResource handler (AdminCreateUser to a silent endpoint)',
      timeout: '3 s',
      file: AWS_CUSTOM_RESOURCE_FILE,
      exportName: 'handler',
      remainingMs: 3000,
      event: (responseUrl) => {
        const call = {
          service: '@aws-sdk/client-cognito-identity-provider',
          action: 'AdminCreateUser',
          parameters: { UserPoolId: 'us-east-1_bench', Username: 'u' },
          physicalResourceId: { id: 'bench-x' },
        };
        const properties = { Create: JSON.stringify(call), InstallLatestAwsSdk: 'false' };
        return createEvent({ resourceType: 'Custom::AWS', properties, responseUrl });
      },
      env: { ...sdkEnv, AWS_ENDPOINT_URL: silent.origin },
      runs,
      source: measured,
      needsPort443: true,
    },
    {
      id: 'cdk-provider-framework',
      label: 'CDK Provider framework onEvent (the user onEvent hangs until its timeout)',
      timeout: `user function ${USER_TIMEOUT_MS / 1000} s (framework 15 min)`,
      file: FRAMEWORK_FILE,
      exportName: 'onEvent',
      remainingMs: 15 * 60_000,
      event: benchEvent,
      env: {
        ...sdkEnv,
        NODE_PATH: stubs,
        AWS_ENDPOINT_URL_LAMBDA: lambdaApi.origin,
        USER_ON_EVENT_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:user-on-event',
      },
      runs,
      source: 'measured; the user function timing out is played by a fake Lambda API',
      needsPort443: true,
    },
  );
  return {
    rows,
    async close() {
      await Promise.all([silent.close(), lambdaApi.close()]);
    },
  };
}
