import type { Logger } from '../logger.js';
import type { Router } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { type LambdaContext, type LambdaHandlerOptions, lambdaHandler } from './lambda.js';
import type { BatchHandlerOptions } from './process-records.js';
import { snsHandler } from './sns.js';
import { sqsHandler } from './sqs.js';

/** crkit's Lambda entries, each for one kind of event. */
export type EntryName = 'lambdaHandler' | 'sqsHandler' | 'snsHandler';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The entry an event is made for: a CloudFormation request invoking the function directly is `lambdaHandler`'s,
 * an SQS or SNS event (`Records` whose `eventSource` is `aws:sqs`, or `EventSource` `aws:sns`) the batch entries'.
 * Undefined for anything else, which the entry itself reports.
 */
export function entryFor(event: unknown): EntryName | undefined {
  if (!isObject(event)) return undefined;
  if (typeof event.RequestType === 'string' && ('ResponseURL' in event || 'StackId' in event))
    return 'lambdaHandler';
  const [first] = Array.isArray(event.Records) ? (event.Records as unknown[]) : [];
  if (!isObject(first)) return undefined;
  if (first.eventSource === 'aws:sqs') return 'sqsHandler';
  if (first.EventSource === 'aws:sns') return 'snsHandler';
  return undefined;
}

const KIND: Record<EntryName, string> = {
  lambdaHandler: 'a CloudFormation request invoking the function directly',
  sqsHandler: 'an SQS event',
  snsHandler: 'an SNS event',
};

/**
 * The entry `event` is made for when it is not `entry`, after a warning that names the right one; the caller then
 * answers through that entry, so a misconfigured function still answers CloudFormation instead of staying silent.
 */
export function misdirected(event: unknown, entry: EntryName, logger: Logger): EntryName | undefined {
  const right = entryFor(event);
  if (right === undefined || right === entry) return undefined;
  logger.warn(
    `crkit: ${entry} received ${KIND[right]}: it is answered, but export ${right}(...) as this function's handler`,
    { entry, expected: right },
  );
  return right;
}

/**
 * A batch entry's options as `lambdaHandler` takes them: without the batch's own (`concurrency`, `startCutoffMs`),
 * and `idempotency: false` meaning none. Test seams go along.
 */
export function lambdaOptionsOf(options: BatchHandlerOptions | undefined): LambdaHandlerOptions | undefined {
  if (options === undefined) return undefined;
  const { idempotency, concurrency: _concurrency, startCutoffMs: _cutoff, ...rest } = options;
  return idempotency === false || idempotency === undefined ? rest : { ...rest, idempotency };
}

/**
 * For `entry`: answers an event made for another entry through that entry (made on first need), after the warning
 * of {@link misdirected}, logged through `logger` (the entry's, guarded); resolves to false, having done nothing,
 * for the entry's own events.
 */
export function answerMisdirected(
  target: AnyResourceDefinition | Router,
  options: LambdaHandlerOptions | BatchHandlerOptions | undefined,
  entry: EntryName,
  logger: Logger,
): (event: unknown, context: LambdaContext | undefined) => Promise<boolean> {
  const entries = new Map<EntryName, (event: unknown, context?: LambdaContext) => Promise<unknown>>();
  const make = (name: EntryName) =>
    name === 'lambdaHandler'
      ? lambdaHandler(target, lambdaOptionsOf(options as BatchHandlerOptions | undefined))
      : (name === 'sqsHandler' ? sqsHandler : snsHandler)(target, options as BatchHandlerOptions | undefined);
  return async (event, context) => {
    const right = misdirected(event, entry, logger);
    if (right === undefined) return false;
    const answer = entries.get(right) ?? make(right);
    entries.set(right, answer);
    await answer(event, context);
    return true;
  };
}
