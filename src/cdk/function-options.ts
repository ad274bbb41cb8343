import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { aBoolean, aString, integerFrom, matching, nonEmptyString } from '../validation/option-rules.js';
import { listOf, option, type RulesShape } from '../validation/option-schemas.js';
import { cdkObject, duration, nodeRuntime, orToken, removalPolicy } from './prop-rules.js';

/**
 * How a provider's Lambda function is bundled and run; shared by {@link CrkitProvider} and
 * {@link CrkitSnsProvider}.
 *
 * @example
 * ```ts
 * import { Duration } from 'aws-cdk-lib';
 * import type { CrkitFunctionOptions } from 'crkit/cdk';
 *
 * const options: CrkitFunctionOptions = { entry: 'src/widget-provider.ts', timeout: Duration.minutes(2) };
 * ```
 */
export interface CrkitFunctionOptions {
  /** The module to bundle (`.ts` or `.js`); it must export the handler named by `handler`. */
  readonly entry: string;
  /** The name of the handler export in `entry`. @default 'handler' (for an SNS-backed provider 'queueHandler') */
  readonly handler?: string;
  /** How long one invocation may run: from 1 second to 15 minutes. @default Duration.minutes(5) */
  readonly timeout?: Duration;
  /** Memory in MB: from 128 to 10240. @default 256 */
  readonly memorySize?: number;
  /** How long the function's logs are kept. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** What becomes of the log group when the stack deletes it. @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** What the provider may do, each action named (no wildcard actions, no NotAction). @default none */
  readonly statements?: readonly PolicyStatement[];
  /** Environment variables of the function, e.g. `CRKIT_LOG_LEVEL`. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** A Node.js runtime, 22 or newer. @default Runtime.NODEJS_22_X */
  readonly runtime?: Runtime;
  /** The processor architecture; the bundle is plain JavaScript either way. @default Architecture.ARM_64 */
  readonly architecture?: Architecture;
  /**
   * Modules left out of the bundle and loaded at run time instead (e.g. a package a Lambda layer provides, or an
   * optional dependency the provider never loads). The AWS SDK v3 (`@aws-sdk/*`), which the Lambda runtime ships, is
   * always left out. @default []
   */
  readonly externals?: readonly string[];
  /**
   * Ship a source map with the bundle and turn on Node's `--enable-source-maps`, so stack traces name the
   * original files; it makes the asset several times larger. @default false
   */
  readonly sourceMap?: boolean;
}

/** Lambda's longest timeout (Lambda Developer Guide, "Configure Lambda function timeout": 900 seconds). */
const MAX_TIMEOUT_SECONDS = 15 * 60;
/** The oldest Node.js runtime a provider may run on. */
export const OLDEST_NODE = 22;

/** The rules of {@link CrkitFunctionOptions}, for each provider construct to extend with its own. */
export const functionOptionsShape = (): RulesShape<CrkitFunctionOptions> => ({
  entry: option(nonEmptyString('the path of a module')),
  handler: option(matching(/^[A-Za-z_$][\w$]*$/, 'the name of an export')).optional(),
  timeout: option(duration('1 second to 15 minutes', (s) => s >= 1 && s <= MAX_TIMEOUT_SECONDS)).optional(),
  memorySize: option(orToken(integerFrom(128, 10240, 'MB'))).optional(),
  logRetention: option(
    orToken({
      expected: 'a RetentionDays',
      test: (value: unknown) => Number.isInteger(value) && (value as number) > 0,
    }),
  ).optional(),
  logRemovalPolicy: option(removalPolicy).optional(),
  statements: listOf(cdkObject('a PolicyStatement'), 'a list of PolicyStatements').optional(),
  environment: option(cdkObject('an object of environment variables')).optional(),
  runtime: option(nodeRuntime(OLDEST_NODE)).optional(),
  architecture: option(cdkObject('an Architecture')).optional(),
  externals: listOf(aString, 'a list of module names').optional(),
  sourceMap: option(aBoolean).optional(),
});
