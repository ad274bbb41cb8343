import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IRole, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { checkEntry } from './check-entry.js';
import type { CrkitFunctionOptions } from './function-options.js';
import { checkLeastPrivilege } from './least-privilege.js';
import { requireLocalEsbuild } from './local-esbuild.js';
import { nodeMajor } from './prop-rules.js';

/** What {@link createProviderFunction} made. */
export interface ProviderFunctionParts {
  readonly function: NodejsFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;
}

/**
 * Adds to `scope` a provider's function, bundled from `entry` with a local esbuild (never Docker), with its own role
 * and a log group with retention. The role may write to that log group and do what `statements` allow, nothing more.
 * The construct has checked `options` (`functionOptionsShape`).
 */
export function createProviderFunction(
  scope: Construct,
  options: CrkitFunctionOptions,
  defaultHandler: string,
): ProviderFunctionParts {
  const timeout = options.timeout ?? Duration.minutes(5);
  const runtime = options.runtime ?? Runtime.NODEJS_22_X;
  checkLeastPrivilege(options.statements ?? [], 'statements');
  requireLocalEsbuild();
  const handler = options.handler ?? defaultHandler;
  checkEntry(options.entry, handler, options.externals);

  const role = new Role(scope, 'Role', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: 'crkit custom-resource provider',
  });
  for (const statement of options.statements ?? []) role.addToPrincipalPolicy(statement);
  const logGroup = new LogGroup(scope, 'Logs', {
    retention: options.logRetention ?? RetentionDays.ONE_MONTH,
    removalPolicy: options.logRemovalPolicy ?? RemovalPolicy.DESTROY,
  });
  logGroup.grantWrite(role);

  const fn = new NodejsFunction(scope, 'Function', {
    entry: options.entry,
    handler,
    runtime,
    architecture: options.architecture ?? Architecture.ARM_64,
    timeout,
    memorySize: options.memorySize ?? 256,
    role,
    logGroup,
    environment: {
      ...(options.sourceMap === true ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      ...options.environment,
    },
    description: 'crkit custom-resource provider',
    bundling: {
      // Without a local esbuild NodejsFunction would build a Docker image; requireLocalEsbuild() rules that out.
      forceDockerBundling: false,
      format: OutputFormat.ESM,
      target: `node${nodeMajor(runtime)}`,
      mainFields: ['module', 'main'],
      // CommonJS dependencies bundled into ESM call require(); Node's ESM scope has none, so provide one.
      banner:
        "import { createRequire as __crkitRequire } from 'node:module'; const require = __crkitRequire(import.meta.url);",
      minify: true,
      // A source map is several times the bundle's size and unused unless Node is told to read it.
      sourceMap: options.sourceMap === true,
      // The AWS SDK v3 ships with the Lambda Node.js runtime (NodejsFunction's own default for Node 18 and later).
      externalModules: ['@aws-sdk/*', ...(options.externals ?? [])],
    },
  });
  // A long-running operation is handed over by invoking this same function (crkit's lambdaHandler). A policy of its
  // own: the function depends on its role's default policy, which therefore cannot name the function's ARN.
  new Policy(scope, 'SelfInvoke', {
    roles: [role],
    statements: [new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] })],
  });
  return { function: fn, role, logGroup };
}
