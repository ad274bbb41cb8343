// One emulator for every Cognito row (started by the first row's setup, stopped after the last one's close), a
// user pool per row and a username per run, so that no run meets a user an earlier one made.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createEvent } from '../../../src/testing/events.js';
import { type LocalAws, startLocalAws } from '../../../src/testing/local-aws.js';
import type { PreparedRequest, VariantEnvironment } from '../variants.js';

/** Where the children find `@aws-sdk/*` (external to every bundle), as Lambda's NODE_PATH finds its runtime's. */
export const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

/** What every Cognito row's children get besides their own variables. */
export const COGNITO_CHILD_ENV = {
  NODE_PATH: NODE_MODULES,
  // The SDK warns once per process that its 2027 releases need Node 22; the warning is not what is measured.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
} as const;

let shared: { aws: Promise<LocalAws>; users: number } | undefined;

async function acquire(): Promise<{ aws: LocalAws; release: () => Promise<void> }> {
  shared ??= { aws: startLocalAws(), users: 0 };
  const entry = shared;
  entry.users++;
  const aws = await entry.aws;
  let released = false;
  return {
    aws,
    async release() {
      if (released) return;
      released = true;
      entry.users--;
      if (entry.users === 0) {
        if (shared === entry) shared = undefined;
        await aws.stop();
      }
    },
  };
}

/**
 * How one row's request looks: crkit's resource and the hand-written ones, one AwsCustomResource, one
 * `Custom::SdkCall` making both calls, or two AwsCustomResources (the second for AdminSetUserPassword).
 */
export type CognitoRequestKind =
  | 'test-user'
  | 'aws-custom-resource'
  | 'sdk-call'
  | 'aws-custom-resource-pair';

// A literal password in both the SdkCall and the AwsCustomResource rows, so that both make the same two calls
// (reading it from Secrets Manager, as SdkCallValue does, would add a call to crkit's row only).
const PASSWORD = 'Bench-Passw0rd!';

/** An AwsCustomResource Create request, as it synthesises one: the call as JSON text, no SDK download. */
function awsCustomResourceEvent(
  action: string,
  parameters: Record<string, unknown>,
  id: string,
  responseUrl: string,
) {
  const call = {
    service: '@aws-sdk/client-cognito-identity-provider',
    action,
    parameters,
    physicalResourceId: { id },
  };
  const properties = { Create: JSON.stringify(call), InstallLatestAwsSdk: 'false' };
  return createEvent({ resourceType: 'Custom::AWS', properties, responseUrl });
}

function prepare(kind: CognitoRequestKind, userPoolId: string, responseUrl: string, key: string) {
  const username = `u-${key}`;
  // crkit answers `<pool>|<secret>|<username>`, the others the username itself.
  const isExpectedId = (id: string) => id === username || id.endsWith(`|${username}`);
  if (kind === 'test-user') {
    const properties = { UserPoolId: userPoolId, Username: username };
    const event = createEvent({ resourceType: 'Custom::CognitoTestUser', properties, responseUrl });
    return { event, isExpectedId };
  }
  const user = { UserPoolId: userPoolId, Username: username };
  const confirm = { ...user, Password: PASSWORD, Permanent: true };
  if (kind === 'sdk-call') {
    const OnCreate = JSON.stringify([
      {
        Service: 'cognito-identity-provider',
        Action: 'AdminCreateUser',
        Input: { ...user, MessageAction: 'SUPPRESS' },
      },
      {
        Service: 'cognito-identity-provider',
        Action: 'AdminSetUserPassword',
        Input: confirm,
        Sensitive: true,
      },
    ]);
    const properties = { OnCreate, PhysicalResourceId: JSON.stringify({ Id: username }) };
    return { event: createEvent({ resourceType: 'Custom::SdkCall', properties, responseUrl }), isExpectedId };
  }
  const created = awsCustomResourceEvent(
    'AdminCreateUser',
    { ...user, MessageAction: 'SUPPRESS' },
    username,
    responseUrl,
  );
  if (kind === 'aws-custom-resource') return { event: created, isExpectedId };
  // The second resource depends on the first: CloudFormation sends it once the first answered, to the same function.
  const confirmed = awsCustomResourceEvent('AdminSetUserPassword', confirm, username, responseUrl);
  return { event: confirmed, isExpectedId, before: [created] };
}

/** A Cognito row's environment: the shared emulator, a user pool of its own, and a request per run. */
export interface CognitoEnvironment extends VariantEnvironment {
  readonly aws: LocalAws;
  request(responseUrl: string, key: string): Promise<PreparedRequest>;
}

/**
 * Starts (or joins) the shared emulator and makes the row's user pool; its children reach the emulator through the
 * standard SDK variables (`AWS_ENDPOINT_URL`, ...).
 */
export async function cognitoEnvironment(
  kind: CognitoRequestKind,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<CognitoEnvironment> {
  const { aws, release } = await acquire();
  const client = new CognitoIdentityProviderClient(aws.clientConfig);
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: `bench-${randomUUID()}` }));
  client.destroy();
  const userPoolId = UserPool?.Id;
  if (!userPoolId) throw new Error('the emulator made no user pool');
  return {
    aws,
    env: { ...aws.env, ...COGNITO_CHILD_ENV, ...extraEnv },
    request: async (responseUrl, key) => prepare(kind, userPoolId, responseUrl, key),
    close: release,
  };
}
