import { entryOptions, type HandlerOptions, handlerOptionsShape, resolveOptions } from '../core/options.js';
import type { RecordResult } from '../core/record-result.js';
import { serveRequest } from '../core/serve-request.js';
import { errorText } from '../error-text.js';
import { memoryIdempotencyStore } from '../idempotency/memory-store.js';
import type { IdempotencyStore } from '../idempotency/store.js';
import type { HandOver } from '../long-running/continuation.js';
import { requeue } from '../long-running/requeue.js';
import { selfInvoke } from '../long-running/self-invoke.js';
import { type Router, toRouter } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { lazy, option, type RulesShape } from '../validation/option-schemas.js';
import {
  type BatchOptions,
  batchOptionsShape,
  resolveBatchOptions,
  runBatch,
  type Settled,
} from './batch.js';
import type { UnwrappedRecord } from './envelope.js';
import { HAND_OVER, idempotencyStore, type LambdaContext, remainingTime } from './lambda.js';
import { answerMisdirected } from './misdirected.js';

/** Options of `snsHandler` and `sqsHandler`: the core's, how a batch is worked through, and idempotency. */
export interface BatchHandlerOptions extends HandlerOptions, BatchOptions {
  /**
   * Where duplicate deliveries of a request are recognised, so that its handler runs once and it is answered once.
   * `false` runs every delivery.
   * @default a `memoryIdempotencyStore()` of this handler (duplicates reaching the same warm Lambda)
   */
  readonly idempotency?: IdempotencyStore | false;
  /**
   * How a long-running operation is passed on when the invocation nears its end.
   * @default back to the SQS queue the record came from, with a delay (`requeue`); for SNS, an asynchronous Invoke
   * of this function (`selfInvoke`)
   */
  readonly handOver?: HandOver;
}

const batchHandlerOptions = lazy(() =>
  entryOptions({
    ...handlerOptionsShape(),
    ...batchOptionsShape(),
    idempotency: option(idempotencyStore(true)).optional(),
    handOver: option(HAND_OVER).optional(),
  } satisfies RulesShape<BatchHandlerOptions>),
);

/** What became of one record, for the entry to report: `retry` means it should be delivered again. */
export interface ProcessedRecord {
  readonly id: string;
  readonly retry: boolean;
}

/** Kept free at the end of the invocation, so that the entry returns its answer before Lambda stops it. */
const FINISH_RESERVE_MS = 250;

/** Processes the records of one invocation; shared by the SNS and SQS entries. */
export type RecordProcessor = (
  records: readonly UnwrappedRecord[],
  context: LambdaContext | undefined,
) => Promise<ProcessedRecord[]>;

function toRecordResult(settled: Settled<RecordResult>): RecordResult {
  switch (settled.status) {
    case 'done':
      return settled.value;
    case 'failed':
      return { kind: 'retry', problem: `internal error: ${errorText(settled.error)}` };
    case 'not-started':
      return { kind: 'retry', problem: 'not started: too little of the invocation was left' };
    case 'unfinished':
      return { kind: 'retry', problem: 'not finished before the end of the invocation' };
    default:
      return settled satisfies never;
  }
}

/**
 * Builds the record processor of an entry: each request goes through the core (`serveRequest`) once, guarded by the
 * idempotency store, with bounded concurrency and within the invocation's deadline; and the answer to an event made
 * for another entry, with the same options as checked. The trigger of `sqsHandler` delivers a record again when
 * asked; that of `snsHandler` does not.
 */
export function createRecordProcessor(
  target: AnyResourceDefinition | Router,
  options: BatchHandlerOptions | undefined,
  entry: 'sqsHandler' | 'snsHandler',
): { readonly process: RecordProcessor; readonly elsewhere: ReturnType<typeof answerMisdirected> } {
  const redeliverable = entry === 'sqsHandler';
  const router = toRouter(target);
  const { resolved, given } = resolveOptions(options, batchHandlerOptions());
  const elsewhere = answerMisdirected(target, given, entry, resolved.logger);
  const batch = resolveBatchOptions(given);
  const store = given.idempotency === false ? undefined : (given.idempotency ?? memoryIdempotencyStore());
  const { logger, now } = resolved;
  const handOverFor = (record: { readonly source?: string }, context: LambdaContext | undefined) => {
    if (given.handOver) return given.handOver;
    if (record.source) return requeue(record.source);
    return context?.invokedFunctionArn ? selfInvoke(context.invokedFunctionArn) : undefined;
  };

  const process: RecordProcessor = async (records, context) => {
    const deadline = now() + remainingTime(context) - FINISH_RESERVE_MS;
    const settled = await runBatch(
      records,
      (record, slot) =>
        'request' in record
          ? serveRequest(record.request, {
              handOver: handOverFor(record, context),
              router,
              options: resolved,
              store,
              remainingMs: deadline - now(),
              redeliverable,
              wait: batch.wait,
              signal: slot.signal,
            })
          : Promise.resolve<RecordResult>({ kind: 'dropped', problem: record.problem }),
      { ...batch, now, deadline },
    );
    const results = settled.map(toRecordResult);
    const late: Promise<void>[] = [];
    const processed = results.map((result, index): ProcessedRecord => {
      const messageId = records[index]?.id ?? '';
      if (result.kind === 'dropped') {
        logger.error('record dropped: not an answerable custom-resource request', {
          messageId,
          problem: result.problem,
        });
      } else if (result.kind === 'retry') {
        logger.error(
          redeliverable ? 'record left for redelivery' : 'record not answered; SNS does not redeliver it',
          {
            messageId,
            problem: result.problem,
          },
        );
      } else if (result.kind === 'duplicate') {
        logger.info('duplicate delivery: already answered', { messageId });
      } else if (result.kind === 'handed-over') {
        logger.info('long-running operation handed over', { messageId });
      }
      if ((result.kind === 'answered' || result.kind === 'retry') && result.late) late.push(result.late);
      return { id: messageId, retry: result.kind === 'retry' };
    });
    if (late.length > 0) {
      // A timed-out handler may still be finishing (and cleaning up): let it, within the invocation.
      const timer = new AbortController();
      await Promise.race([Promise.all(late), batch.wait(Math.max(0, deadline - now()), timer.signal)]);
      timer.abort();
    }
    return processed;
  };
  return { process, elsewhere };
}
