import { randomUUID } from 'node:crypto';
import { ENV } from '../constants.js';
import { lambdaHandler } from '../entry/lambda.js';
import { lambdaOptionsOf } from '../entry/misdirected.js';
import type { BatchHandlerOptions } from '../entry/process-records.js';
import { snsHandler } from '../entry/sns.js';
import { sqsHandler } from '../entry/sqs.js';
import type { LogAttributes, Logger } from '../logger.js';
import type { Router } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import type { Delivered, RequestDelivery, RequestRoute } from './deliveries.js';

/** Any Lambda handler: `(event, context) => ...`, e.g. `lambdaHandler(...)`, `sqsHandler(...)` or one of your own. */
export type LambdaStyleHandler = (event: never, context: never) => unknown;

/** What a test run drives: a definition or router (crkit wraps it) or a Lambda handler function. */
export type ProviderTarget = AnyResourceDefinition | Router | LambdaStyleHandler;

/** How {@link connectTarget} reaches a provider. */
export interface TargetOptions {
  readonly via: RequestRoute;
  /** How each request travels to the handler. */
  readonly delivery: RequestDelivery;
  /** The origin responses go to, allowed for this provider. */
  readonly origin: string;
  readonly lambdaTimeoutMs: number;
  /** Options for the entry crkit wraps a definition or router in. */
  readonly handlerOptions: BatchHandlerOptions;
  /** Where the logs of a wrapped definition also go. */
  readonly logger: Logger | undefined;
}

/** One request handed to the provider: how long it took, how often it was delivered, what went wrong outside crkit. */
export interface Handed {
  readonly durationMs: number;
  readonly deliveries: number;
  readonly problems: readonly string[];
}

/** A provider ready to receive requests. */
export interface ConnectedTarget {
  /** Log lines of a wrapped definition, unredacted JSON (so a test sees what crkit passed to its logger). */
  readonly logs: readonly string[];
  /** The resource type a definition serves (the first one of a router), if known. */
  readonly resourceType: string | undefined;
  hand(request: Record<string, unknown>): Promise<Handed>;
}

function recordingLogger(lines: string[], forward: Logger | undefined): Logger {
  const at =
    (level: keyof Logger) =>
    (message: string, ...attributes: LogAttributes[]) => {
      lines.push(JSON.stringify(Object.assign({ level, message }, ...attributes)));
      forward?.[level](message, ...attributes);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function lambdaContext(timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  const awsRequestId = randomUUID();
  // What Lambda passes (Node.js runtime, "context object"); cfn-response style handlers read logStreamName.
  return {
    functionName: 'crkit-provider',
    functionVersion: '$LATEST',
    memoryLimitInMB: '128',
    logGroupName: '/aws/lambda/crkit-provider',
    logStreamName: `2026/01/01/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    awsRequestId,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, end - Date.now()),
    done: () => undefined,
    succeed: () => undefined,
    fail: () => undefined,
  };
}

function wrap(target: AnyResourceDefinition | Router, options: TargetOptions, logger: Logger) {
  const entryOptions = {
    ...options.handlerOptions,
    logger,
    allowedResponseOrigins: [...(options.handlerOptions.allowedResponseOrigins ?? []), options.origin],
  };
  if (options.via === 'sqs') return sqsHandler(target, entryOptions);
  if (options.via === 'sns') return snsHandler(target, entryOptions);
  // `false` turns the batch entries' default store off; a Lambda handler has none by default.
  return lambdaHandler(target, lambdaOptionsOf(entryOptions));
}

/** Runs `work` with `origin` allowed through the environment, for handlers crkit did not wrap. */
async function withOriginAllowed<T>(origin: string, work: () => Promise<T>): Promise<T> {
  const before = process.env[ENV.allowResponseOrigins];
  process.env[ENV.allowResponseOrigins] = before ? `${before},${origin}` : origin;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env[ENV.allowResponseOrigins];
    else process.env[ENV.allowResponseOrigins] = before;
  }
}

/** Wraps the target once (so that an idempotency store lives across requests) and hands it requests. */
export function connectTarget(target: ProviderTarget, options: TargetOptions): ConnectedTarget {
  const logs: string[] = [];
  const wrapped = typeof target !== 'function';
  const handler = (wrapped ? wrap(target, options, recordingLogger(logs, options.logger)) : target) as (
    event: unknown,
    context: unknown,
  ) => unknown;
  const resourceType = wrapped
    ? target.kind === 'crkit.router'
      ? target.resourceTypes[0]
      : target.resourceType
    : undefined;

  const thrown = new WeakSet<object>();
  const invoke = async (event: unknown) => {
    try {
      return await handler(event, lambdaContext(options.lambdaTimeoutMs));
    } catch (error) {
      if (typeof error === 'object' && error !== null) thrown.add(error);
      throw error;
    }
  };

  const hand = async (request: Record<string, unknown>): Promise<Handed> => {
    const started = performance.now();
    let delivered: Delivered;
    try {
      delivered = await options.delivery.deliver(request, invoke);
    } catch (error) {
      // CloudFormation invokes Lambda asynchronously: Lambda would run a throwing handler up to twice more.
      const problem =
        typeof error === 'object' && error !== null && !thrown.has(error)
          ? `the request could not be delivered: ${String(error)}`
          : `the handler threw (Lambda would invoke it again): ${String(error)}`;
      delivered = { deliveries: 1, problems: [problem] };
    }
    return { durationMs: Math.round(performance.now() - started), ...delivered };
  };

  return {
    logs,
    resourceType,
    hand: wrapped ? hand : (request) => withOriginAllowed(options.origin, () => hand(request)),
  };
}
