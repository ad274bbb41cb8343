import { errorText } from '../error-text.js';
import type { Router } from '../resource/router.js';
import type { AnyResourceDefinition } from '../resource/types.js';
import { unwrapContinuation, unwrapSnsEvent } from './envelope.js';
import type { LambdaContext } from './lambda.js';
import { type BatchHandlerOptions, createRecordProcessor } from './process-records.js';

/** A Lambda handler for an SNS topic of custom-resource requests; it never throws. */
export type SnsLambdaHandler = (event: unknown, context?: LambdaContext) => Promise<void>;

/**
 * The Lambda handler for a function subscribed to the provider's SNS topic (the topic is the `ServiceToken`). Each
 * request is answered through the same core as `lambdaHandler`, at most once across duplicate deliveries. It never
 * throws: SNS invokes Lambda asynchronously and a thrown error would make Lambda run the whole event again, so a
 * response that could not be delivered is logged instead (subscribe an SQS queue and use `sqsHandler` to have such
 * records delivered again).
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource, snsHandler } from 'crkit';
 *
 * const Greeting = defineResource({
 *   resourceType: 'Custom::Greeting',
 *   properties: z.object({ Name: z.string() }),
 *   create: ({ properties }) => ({ data: { Text: `Hello, ${properties.Name}` } }),
 *   delete: () => {},
 * });
 * export const handler = snsHandler(Greeting);
 * ```
 */
export function snsHandler(
  target: AnyResourceDefinition | Router,
  options?: BatchHandlerOptions,
): SnsLambdaHandler {
  const { process, elsewhere } = createRecordProcessor(target, options, 'snsHandler');
  return async (event, context) => {
    try {
      if (await elsewhere(event, context)) return;
      await process(unwrapContinuation(event) ?? unwrapSnsEvent(event), context);
    } catch (error) {
      // Only an event that cannot be read lands here; the invocation still ends cleanly.
      console.error(
        JSON.stringify({ level: 'error', message: 'crkit: unexpected error', error: errorText(error) }),
      );
    }
  };
}
