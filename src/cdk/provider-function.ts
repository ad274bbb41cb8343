import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { type IRole, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ConfigurationError } from '../errors.js';
import { checkEntry } from './check-entry.js';
import type { CrkitFunctionOptions } from './function-options.js';
import { checkLeastPrivilege } from './least-privilege.js';
import { requireLocalEsbuild } from './local-esbuild.js';

/** What {@link createProviderFunction} made. */
export interface ProviderFunctionParts {
  readonly function: NodejsFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;
}

/** Lambda's limit on a function's timeout. */
const MAX_TIMEOUT_SECONDS = 15 * 60;
const OLDEST_NODE = 22;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The Node.js major version of a runtime such as `nodejs22.x`, or NaN for any other runtime. */
const nodeMajor = (runtime: Runtime): number =>
  runtime.family === RuntimeFamily.NODEJS ? Number(/^nodejs(\d+)/.exec(runtime.name)?.[1]) : Number.NaN;

function checkOptions(options: CrkitFunctionOptions, timeout: Duration, runtime: Runtime): void {
  if (!timeout.isUnresolved()) {
    const seconds = timeout.toSeconds({ integral: false });
    if (!(seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS)) {
      throw new ConfigurationError('timeout', `expected 1 second to 15 minutes, got ${seconds} s`);
    }
  }
  const memory = options.memorySize;
  if (
    memory !== undefined &&
    !Token.isUnresolved(memory) &&
    !(Number.isInteger(memory) && memory >= 128 && memory <= 10240)
  ) {
    throw new ConfigurationError('memorySize', `expected an integer from 128 to 10240 MB, got ${memory}`);
  }
  if (!(nodeMajor(runtime) >= OLDEST_NODE)) {
    throw new ConfigurationError('runtime', `expected Node.js ${OLDEST_NODE} or newer, got ${runtime.name}`);
  }
  if (options.handler !== undefined && !IDENTIFIER.test(options.handler)) {
    throw new ConfigurationError(
      'handler',
      `expected the name of an export, got ${JSON.stringify(options.handler)}`,
    );
  }
}

/**
 * Adds to `scope` a provider's function, bundled from `entry` with a local esbuild (never Docker), with its own role
 * and a log group with retention. The role may write to that log group and do what `statements` allow, nothing more.
 */
export function createProviderFunction(
  scope: Construct,
  options: CrkitFunctionOptions,
  defaultHandler: string,
): ProviderFunctionParts {
  const timeout = options.timeout ?? Duration.minutes(5);
  const runtime = options.runtime ?? Runtime.NODEJS_22_X;
  checkOptions(options, timeout, runtime);
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
