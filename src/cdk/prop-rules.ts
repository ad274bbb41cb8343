import { type Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { type Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { shown } from '../validation/format-issues.js';
import type { Rule } from '../validation/option-schemas.js';

/**
 * The rules of construct props that know CDK: a deploy-time value (a token) passes, as only CloudFormation knows it;
 * durations are read in seconds. Runtime code never loads this module.
 */

/** `rule`, or a token whose value CloudFormation decides at deploy time. */
export const orToken = (rule: Rule): Rule => ({
  expected: rule.expected,
  test: (value) => Token.isUnresolved(value) || rule.test(value),
});

// Read by shape, not `instanceof`: an app may hold another copy of aws-cdk-lib than crkit's.
const isDuration = (value: unknown): value is Duration =>
  typeof (value as Partial<Duration> | null)?.toSeconds === 'function' &&
  typeof (value as Partial<Duration> | null)?.isUnresolved === 'function';
const seconds = (value: unknown) =>
  isDuration(value) ? `${value.toSeconds({ integral: false })} s` : shown(value, 'nothing');

/** A `Duration` (any when its value is a token) whose seconds pass `test`, e.g. `1 second to 15 minutes`. */
export const duration = (expected: string, test: (seconds: number) => boolean): Rule => ({
  expected: (value) => `expected ${expected}, got ${seconds(value)}`,
  test: (value) => isDuration(value) && (value.isUnresolved() || test(value.toSeconds({ integral: false }))),
});

/** The Node.js major version of a Lambda runtime such as `nodejs22.x`, or NaN for any other runtime. */
export const nodeMajor = (runtime: Runtime): number =>
  runtime.family === RuntimeFamily.NODEJS ? Number(/^nodejs(\d+)/.exec(runtime.name)?.[1]) : Number.NaN;

/** A Lambda Node.js runtime, `oldest` or newer. */
export const nodeRuntime = (oldest: number): Rule => ({
  expected: (value) =>
    `expected Node.js ${oldest} or newer, got ${(value as Partial<Runtime> | null)?.name ?? shown(value, 'nothing')}`,
  test: (value) =>
    typeof (value as Partial<Runtime> | null)?.name === 'string' && nodeMajor(value as Runtime) >= oldest,
});

const REMOVAL_POLICIES: readonly unknown[] = Object.values(RemovalPolicy);

/** A `RemovalPolicy`. */
export const removalPolicy: Rule = {
  expected: `a RemovalPolicy (${REMOVAL_POLICIES.map((policy) => JSON.stringify(policy)).join(', ')})`,
  test: (value) => REMOVAL_POLICIES.includes(value),
};

/** A CDK construct or object passed on as it is (a role, a hosted zone, a policy statement); `noun` says which. */
export const cdkObject = (noun: string): Rule => ({
  expected: noun,
  test: (value) => typeof value === 'object' && value !== null,
});
