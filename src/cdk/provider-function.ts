import { dirname } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IRole, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { checkEntry } from './check-entry.js';
import type { CrkitFunctionOptions } from './function-options.js';
import { checkLeastPrivilege } from './least-privilege.js';
import { LocalProviderBundling } from './local-bundling.js';
import { requireLocalEsbuild } from './local-esbuild.js';
import { nodeMajor } from './prop-rules.js';

/** What {@link createProviderFunction} made. */
export interface ProviderFunctionParts {
  readonly function: LambdaFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;
}

/**
 * Adds to `scope` a provider's function, bundled from `entry` with a local esbuild (never Docker) as
 * `providerBuildOptions` says, with its own role
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
  const esbuild = requireLocalEsbuild();
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

  const bundling = new LocalProviderBundling(
    {
      entry: options.entry,
      target: `node${nodeMajor(runtime)}`,
      sourceMap: options.sourceMap === true,
      externals: options.externals ?? [],
    },
    esbuild,
  );
  const fn = new LambdaFunction(scope, 'Function', {
    // Bundled here with crkit's esbuild options (src/bundling/provider-build.ts); the hash is the bundle's, as NodejsFunction's.
    code: Code.fromAsset(dirname(options.entry), {
      assetHashType: AssetHashType.OUTPUT,
      // LocalProviderBundling never hands over to Docker (it bundles or fails synth); CDK requires an image anyway.
      bundling: { image: DockerImage.fromRegistry('crkit-bundles-locally'), local: bundling },
    }),
    handler: `index.${handler}`,
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
  });
  // A long-running operation is handed over by invoking this same function (crkit's lambdaHandler). A policy of its
  // own: the function depends on its role's default policy, which therefore cannot name the function's ARN.
  new Policy(scope, 'SelfInvoke', {
    roles: [role],
    statements: [new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] })],
  });
  return { function: fn, role, logGroup };
}
