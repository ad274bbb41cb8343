// The Cognito test-user rows of the cold-start table: crkit's provider against the same work written by hand, the
// AwsCustomResource handler and CDK's Provider framework, all against one emulator.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleSpec, Variant } from '../variants.js';
import { frameworkCognitoSetup } from './framework-cognito.js';
import { cognitoEnvironment } from './local-cognito.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const CDK = dirname(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json'));

/** The handler AwsCustomResource deploys, as it ships (prebuilt, `@aws-sdk/*` from the runtime). */
export const AWS_CUSTOM_RESOURCE_FILE = join(
  CDK,
  'custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js',
);

/** The bundles of the Cognito rows. */
export const COGNITO_BUNDLES: readonly BundleSpec[] = [
  { id: 'cognito-floor', entry: here('./handlers/floor-cognito.ts') },
  { id: 'cognito-floor-min', entry: here('./handlers/floor-cognito-min.ts') },
  { id: 'cognito-crkit', entry: here('../../../providers/cognito-test-user/handler.ts') },
  { id: 'cognito-sdk-call', entry: here('../../../providers/sdk-call/handler.ts') },
  { id: 'aws-custom-resource', prebuilt: AWS_CUSTOM_RESOURCE_FILE },
  {
    id: 'cdk-provider-framework',
    prebuilt: join(CDK, 'custom-resources/lib/provider-framework/runtime/framework.js'),
  },
];

const GROUP = 'https, Cognito test user on the emulator';
const common = { group: GROUP, protocol: 'https', workMs: 0 } as const;

/** The Cognito rows; the like-for-like hand-written handler is the floor. */
export const COGNITO_VARIANTS: readonly Variant[] = [
  {
    ...common,
    id: 'cognito-floor',
    label: 'hand-written, node:https: DescribeUserPool, CreateSecret, AdminCreateUser, AdminSetUserPassword',
    bundle: 'cognito-floor',
    floor: true,
    setup: () => cognitoEnvironment('test-user'),
  },
  {
    ...common,
    id: 'cognito-floor-min',
    label: 'hand-written, node:https: AdminCreateUser, AdminSetUserPassword only (reference)',
    bundle: 'cognito-floor-min',
    setup: () => cognitoEnvironment('test-user'),
  },
  {
    ...common,
    id: 'cognito-crkit',
    label: 'crkit providers/cognito-test-user (the same 4 calls)',
    bundle: 'cognito-crkit',
    setup: () => cognitoEnvironment('test-user'),
  },
  {
    ...common,
    id: 'cognito-aws-custom-resource',
    label: 'AwsCustomResource handler (AdminCreateUser only: one call per resource)',
    bundle: 'aws-custom-resource',
    needsPort443: true,
    setup: () => cognitoEnvironment('aws-custom-resource'),
  },
  {
    ...common,
    id: 'cognito-sdk-call',
    label:
      'crkit SdkCallResource: one Custom::SdkCall, AdminCreateUser then AdminSetUserPassword (1 invocation)',
    bundle: 'cognito-sdk-call',
    setup: () => cognitoEnvironment('sdk-call'),
  },
  {
    ...common,
    id: 'cognito-aws-custom-resource-pair',
    label:
      'two AwsCustomResources: AdminCreateUser, then AdminSetUserPassword (2 invocations in series, the second warm)',
    bundle: 'aws-custom-resource',
    needsPort443: true,
    setup: () => cognitoEnvironment('aws-custom-resource-pair'),
  },
  {
    ...common,
    id: 'cognito-cdk-provider-framework',
    label: 'CDK Provider framework onEvent + user onEvent (the same 4 calls), 2 cold invocations in series',
    bundle: 'cdk-provider-framework',
    exportName: 'onEvent',
    needsPort443: true,
    setup: frameworkCognitoSetup,
  },
];

/** What the Cognito table's reader must know to compare its rows fairly. */
export const COGNITO_NOTES: readonly string[] = [
  'Every row creates a fresh user (a user pool per row, a username per run) on one moto emulator; each answer is ' +
    'checked (SUCCESS, the right PhysicalResourceId). `@aws-sdk/*` comes from node_modules through NODE_PATH, as ' +
    "from the Lambda runtime's.",
  "Work differs where the label says so: crkit, the floor and the framework's user function make the same 4 calls " +
    '(DescribeUserPool, CreateSecret, AdminCreateUser, AdminSetUserPassword); crkit also validates the properties ' +
    'with zod and generates the password from the pool policy. AwsCustomResource makes one call per resource: a ' +
    'CONFIRMED user would need a second AwsCustomResource (a second, warm, invocation) for AdminSetUserPassword.',
  "A CONFIRMED user from plain SDK calls: crkit's SdkCallResource makes AdminCreateUser and AdminSetUserPassword " +
    '(Permanent: true) in one request, one invocation; AwsCustomResource needs two resources, so two requests to ' +
    "the same function, the second sent once the first answered (the time runs to the second answer; CloudFormation's " +
    'own delay between the two resources is not included). Both take the password as a literal here; ' +
    'SdkCallValue.fromSecret would add a GetSecretValue call.',
  'CDK Provider framework: the time includes the user onEvent function, run as a second cold process (its bundle, ' +
    '2 KiB, is not in the bundle columns; peak RSS is the framework process alone).',
];
