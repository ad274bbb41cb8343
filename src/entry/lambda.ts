import { delay } from '../core/lazy-builtins.js';
import { entryOptions, type HandlerOptions, handlerOptionsShape, resolveOptions } from '../core/options.js';
import { serveRequest } from '../core/serve-request.js';
import { errorText } from '../error-text.js';
import type { IdempotencyStore } from '../idempotency/store.js';
import type { HandOver } from '../long-running/continuation.js';
import { selfInvoke } from '../long-running/self-invoke.js';
import { type Router, toRouter } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { aFunction, withMethods } from '../validation/option-rules.js';
import { lazy, option, type RulesShape } from '../validation/option-schemas.js';
import { answerMisdirected } from './misdirected.js';

/** The part of the Lambda context crkit reads (declared here so that no `@types/aws-lambda` is needed). */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
  /** The function's ARN, where a long-running operation is handed over to. */
  readonly invokedFunctionArn?: string;
}

/** Options of {@link lambdaHandler}. */
export interface LambdaHandlerOptions extends HandlerOptions {
  /**
   * How a long-running operation is passed to a new invocation when this one nears its end.
   * @default an asynchronous Invoke of this function (`context.invokedFunctionArn`)
   */
  readonly handOver?: HandOver;
  /**
   * Where duplicate deliveries of a request are recognised, so its handler runs once and it is answered once (Lambda
   * may deliver an asynchronous event more than once). `idempotencyFromEnvironment()` (`crkit/idempotency/dynamodb`)
   * gives the DynamoDB store crkit's CDK constructs configure.
   * @default none: every invocation runs
   */
  readonly idempotency?: IdempotencyStore;
}

const STORE_METHODS = ['claim', 'complete', 'release'];
const STORE = 'an idempotency store such as memoryIdempotencyStore()';

/** An idempotency store: the methods crkit calls; the batch entries also take `false` (none). */
export const idempotencyStore = (orFalse: boolean) =>
  orFalse
    ? withMethods(STORE_METHODS, `${STORE}, or false for none`, [false])
    : withMethods(STORE_METHODS, STORE);

/** A hand-over: a function crkit calls with the continuation. */
export const HAND_OVER = aFunction('a function (continuation, signal) => Promise<void>');

/** Options only the batch entries take, each named when given to `lambdaHandler`. */
const BATCH_ONLY = 'an option of sqsHandler and snsHandler, not of lambdaHandler';

const lambdaOptions = lazy(() =>
  entryOptions(
    {
      ...handlerOptionsShape(),
      handOver: option(HAND_OVER).optional(),
      idempotency: option(idempotencyStore(false)).optional(),
    } satisfies RulesShape<LambdaHandlerOptions>,
    { concurrency: BATCH_ONLY, startCutoffMs: BATCH_ONLY },
  ),
);

/** A Lambda handler for custom-resource events; it never throws. */
export type CustomResourceLambdaHandler = (event: unknown, context?: LambdaContext) => Promise<void>;

/** Lambda's longest timeout, used when no context says how much time is left. */
const LAMBDA_MAX_MS = 15 * 60 * 1000;

/** Remaining time, asked of the context; the late handler may run until just before the Lambda ends. */
export function remainingTime(context: LambdaContext | undefined): number {
  let remaining: unknown;
  try {
    remaining = context?.getRemainingTimeInMillis?.();
  } catch {
    remaining = undefined;
  }
  return typeof remaining === 'number' && Number.isFinite(remaining) ? remaining : LAMBDA_MAX_MS;
}

/** Waits for what a timed-out handler is still doing, but never past the end of the invocation. */
export async function settleLate(late: Promise<void> | undefined, remainingMs: number): Promise<void> {
  if (!late) return;
  let timer: NodeJS.Timeout | undefined;
  const end = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, remainingMs - 100));
  });
  await Promise.race([late, end]);
  clearTimeout(timer);
}

/**
 * The Lambda handler for one resource definition or a router: answers every request exactly once, before the
 * deadline, and never throws or rejects (Lambda retries a failed asynchronous invocation, which would run a create
 * again). A long-running operation (a handler that returns `pending`) is checked in-process and, when the invocation
 * nears its end, continued by an asynchronous invocation of the same function.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource, lambdaHandler } from 'crkit';
 *
 * const Greeting = defineResource({
 *   resourceType: 'Custom::Greeting',
 *   properties: z.object({ Name: z.string() }),
 *   create: ({ properties }) => ({ data: { Text: `Hello, ${properties.Name}` } }),
 *   delete: () => {},
 * });
 * export const handler = lambdaHandler(Greeting, { timeoutMarginMs: 5000 });
 * ```
 */
export function lambdaHandler(
  target: AnyResourceDefinition | Router,
  options?: LambdaHandlerOptions,
): CustomResourceLambdaHandler {
  const router = toRouter(target);
  const { resolved, given } = resolveOptions(options, lambdaOptions());
  const elsewhere = answerMisdirected(target, given, 'lambdaHandler', resolved.logger);
  const wait = (ms: number, signal: AbortSignal) => delay(ms, signal).catch(() => undefined);
  return async (event, context) => {
    try {
      if (await elsewhere(event, context)) return;
      const started = resolved.now();
      const remaining = remainingTime(context);
      const arn = context?.invokedFunctionArn;
      const result = await serveRequest(event, {
        router,
        options: resolved,
        remainingMs: remaining,
        store: given.idempotency,
        // A Lambda event is not delivered again on request: if the store fails, answer anyway.
        redeliverable: false,
        wait,
        signal: new AbortController().signal,
        handOver: given.handOver ?? (arn ? selfInvoke(arn) : undefined),
      });
      await settleLate('late' in result ? result.late : undefined, remaining - (resolved.now() - started));
    } catch (error) {
      // serveRequest does not throw; this is the last guard, so that the invocation still ends cleanly.
      console.error(
        JSON.stringify({ level: 'error', message: 'crkit: unexpected error', error: errorText(error) }),
      );
    }
  };
}
