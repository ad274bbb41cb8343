import { checkTestSeams, TEST_SEAMS, type TestSeams } from '../test-seams.js';

/**
 * Fakes of the I/O crkit does (the response PUT, the clock, sleeping, jitter, a batch's wait), to spread into the
 * options of `lambdaHandler`, `snsHandler`, `sqsHandler`, `allowAccounts` or `memoryIdempotencyStore` (`now`). The
 * seams are not options: they ride under a symbol key, so the options' types (and a production user's
 * autocompletion) never show them and the options' checks never refuse them. Give every seam in one call: a later
 * spread replaces an earlier one.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource, lambdaHandler } from 'crkit';
 * import { type ResponseTransport, testSeams } from 'crkit/testing';
 *
 * const Noop = defineResource({
 *   resourceType: 'Custom::Noop',
 *   properties: z.object({}),
 *   create: () => {},
 *   delete: () => {},
 * });
 * const bodies: string[] = [];
 * const transport: ResponseTransport = async ({ body }) => {
 *   bodies.push(body);
 *   return { statusCode: 200 };
 * };
 * const handler = lambdaHandler(Noop, { timeoutMarginMs: 1000, ...testSeams({ transport, random: () => 0 }) });
 * ```
 */
export function testSeams(seams: TestSeams): object {
  const checked = checkTestSeams(seams);
  // Typed `object`: spread alone into options whose keys are all optional, a symbol-keyed type would be "no
  // properties in common" (TS2559) for the compiler; `{}` is not.
  const carrier: { readonly [TEST_SEAMS]: TestSeams } = { [TEST_SEAMS]: checked };
  return carrier;
}
