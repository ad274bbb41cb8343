import { PROVIDER_ENV } from '../constants.js';
import type { IdempotencyStore } from './store.js';

/**
 * The durable idempotency store named by the `CRKIT_IDEMPOTENCY_TABLE` environment variable (set by crkit's CDK
 * constructs when they make a table), or undefined when it is unset. The DynamoDB store, and with it Powertools and
 * the DynamoDB client, loads on first use only.
 *
 * @example
 * ```ts
 * import { memoryIdempotencyStore, sqsHandler } from 'crkit';
 * import { idempotencyFromEnvironment } from 'crkit/idempotency/dynamodb';
 * declare const definition: Parameters<typeof sqsHandler>[0];
 * export const handler = sqsHandler(definition, {
 *   idempotency: idempotencyFromEnvironment() ?? memoryIdempotencyStore(),
 * });
 * ```
 */
export function idempotencyFromEnvironment(): IdempotencyStore | undefined {
  const tableName = process.env[PROVIDER_ENV.idempotencyTable];
  if (!tableName) return undefined;
  let store: Promise<IdempotencyStore> | undefined;
  const load = () =>
    (store ??= import('./dynamodb-store.js').then((module) =>
      module.dynamoDbIdempotencyStore({ tableName }),
    ));
  return {
    claim: async (key, inProgressUntil) => (await load()).claim(key, inProgressUntil),
    complete: async (key, response) => (await load()).complete(key, response),
    release: async (key) => (await load()).release(key),
  };
}
