import { snsEvent, sqsEvent } from './envelopes.js';

/** How requests arrive: invoked by CloudFormation, in an SNS event, or in an SQS event behind an SNS topic. */
export type RequestRoute = 'lambda' | 'sns' | 'sqs';

/** What delivering one request came to. */
export interface Delivered {
  /** How often the handler was invoked with the request (SQS delivers again what the handler reports failed). */
  readonly deliveries: number;
  /** What went wrong on the way, e.g. a record the handler kept reporting as failed. */
  readonly problems: readonly string[];
}

/**
 * How a request travels to the handler: `invoke` calls the handler with one Lambda event and resolves with what it
 * returned; a delivery calls it as the trigger would (once, or again while an SQS handler reports the record failed).
 *
 * @example
 * ```ts
 * import type { RequestDelivery } from 'crkit/testing';
 * const direct: RequestDelivery = {
 *   deliver: async (request, invoke) => {
 *     await invoke(request);
 *     return { deliveries: 1, problems: [] };
 *   },
 * };
 * ```
 */
export interface RequestDelivery {
  deliver(request: Record<string, unknown>, invoke: (event: unknown) => Promise<unknown>): Promise<Delivered>;
}

/**
 * How often a record is delivered before it is given up: SQS delivers a message again after a reported failure
 * until its queue's maxReceiveCount, and 3 is a common setting.
 */
export const SQS_MAX_RECEIVES = 3;

/** The message ids an SQS handler's answer reports as failed (its `batchItemFailures`). */
export function failedItems(result: unknown): Set<string> {
  const failures = (result as { batchItemFailures?: unknown } | undefined)?.batchItemFailures;
  const ids = Array.isArray(failures)
    ? failures.map((failure) => String((failure as { itemIdentifier?: unknown }).itemIdentifier))
    : [];
  return new Set(ids);
}

/** Delivers in this process: the request itself, or wrapped in an SNS or SQS event as Lambda would receive it. */
export function inProcessDelivery(via: RequestRoute, raw: boolean): RequestDelivery {
  return {
    async deliver(request, invoke) {
      if (via === 'lambda') await invoke(request);
      if (via === 'sns') await invoke(snsEvent([request]));
      if (via !== 'sqs') return { deliveries: 1, problems: [] };
      for (let deliveries = 1; ; deliveries++) {
        const failed = failedItems(await invoke(sqsEvent([request], { raw })));
        if (failed.size === 0) return { deliveries, problems: [] };
        if (deliveries >= SQS_MAX_RECEIVES) {
          return {
            deliveries,
            problems: [`the SQS handler reported the record as failed ${deliveries} times`],
          };
        }
      }
    },
  };
}
