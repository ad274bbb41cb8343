import { errorText } from '../error-text.js';
import type { Router } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { type UnwrappedRecord, unwrapContinuation, unwrapSqsEvent } from './envelope.js';
import type { LambdaContext } from './lambda.js';
import { type BatchHandlerOptions, createRecordProcessor } from './process-records.js';

/** The partial batch response Lambda reads when the event source mapping has `ReportBatchItemFailures`. */
export interface SqsBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/** A Lambda handler for an SQS queue of custom-resource requests; it never throws. */
export type SqsLambdaHandler = (event: unknown, context?: LambdaContext) => Promise<SqsBatchResponse>;

/**
 * The Lambda handler for an SQS queue subscribed to the provider's SNS topic (raw message delivery on or off). Each
 * request is answered through the same core as `lambdaHandler`, at most once across duplicate deliveries; the
 * answer lists as batch item failures only the records worth delivering again: those whose response could not be
 * delivered and those the invocation had no time left for. A request answered FAILED was delivered and is not
 * retried; a message that is no request at all is logged and dropped. Enable `ReportBatchItemFailures` on the event
 * source mapping, or Lambda deletes the whole batch whatever the answer. Records are processed concurrently, so a
 * FIFO queue's order within a message group is not kept.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource, sqsHandler } from 'crkit';
 *
 * const Greeting = defineResource({
 *   resourceType: 'Custom::Greeting',
 *   properties: z.object({ Name: z.string() }),
 *   create: ({ properties }) => ({ data: { Text: `Hello, ${properties.Name}` } }),
 *   delete: () => {},
 * });
 * export const handler = sqsHandler(Greeting, { concurrency: 5 });
 * ```
 */
export function sqsHandler(
  target: AnyResourceDefinition | Router,
  options?: BatchHandlerOptions,
): SqsLambdaHandler {
  const { process, elsewhere } = createRecordProcessor(target, options, 'sqsHandler');
  return async (event, context) => {
    let records: UnwrappedRecord[] = [];
    try {
      if (await elsewhere(event, context)) return { batchItemFailures: [] };
      records = unwrapContinuation(event) ?? unwrapSqsEvent(event);
      const processed = await process(records, context);
      return { batchItemFailures: failures(processed.filter((record) => record.retry)) };
    } catch (error) {
      // Only an event that cannot be read lands here. Which records were answered is unknown: have them all
      // delivered again, which idempotency makes harmless.
      console.error(
        JSON.stringify({ level: 'error', message: 'crkit: unexpected error', error: errorText(error) }),
      );
      return { batchItemFailures: failures(records) };
    }
  };
}

// An empty itemIdentifier makes Lambda fail the whole batch (Lambda Developer Guide, "partial batch responses").
function failures(records: readonly { readonly id: string }[]): { itemIdentifier: string }[] {
  return records.filter((record) => record.id !== '').map((record) => ({ itemIdentifier: record.id }));
}
