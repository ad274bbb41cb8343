/**
 * The DynamoDB-backed idempotency store, on its own subpath (`crkit/idempotency/dynamodb`) so that crkit's main
 * entry never needs its optional peers `@aws-lambda-powertools/idempotency`, `@aws-sdk/client-dynamodb` and
 * `@aws-sdk/lib-dynamodb`.
 */
import { IdempotencyConfig, IdempotencyItemAlreadyExistsError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { IdempotencyRecord as PowertoolsRecord } from '@aws-lambda-powertools/idempotency/persistence';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CrkitError } from '../errors.js';
import { aString, integerFrom, nonEmptyString, withMethods } from '../validation/option-rules.js';
import { lazy, option, optionsObject, parseOptions, type RulesShape } from '../validation/option-schemas.js';
import {
  DEFAULT_EXPIRES_AFTER_SECONDS,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type IdempotencyStore,
  type StoredResponse,
} from './store.js';

/** Options of {@link dynamoDbIdempotencyStore}. */
export interface DynamoDbIdempotencyStoreOptions {
  /**
   * The table: partition key `id` (string); enable time to live on the attribute `expiration`. It holds response
   * bodies, `Data` included: restrict who may read it, and encrypt it with your own KMS key when `Data` is secret.
   */
  readonly tableName: string;
  /** The DynamoDB client. @default a new `DynamoDBClient` configured from the environment */
  readonly client?: DynamoDBClient;
  /** How long a request is remembered after it was claimed or answered. @default 10800 (3 hours) */
  readonly expiresAfterSeconds?: number;
  /**
   * The start of every key: Lambdas sharing a table recognise each other's duplicates only with the same prefix.
   * @default 'crkit'
   */
  readonly keyPrefix?: string;
}

const CLAIM_TRIES = 3;

const dynamoDbStoreOptions = lazy(() =>
  optionsObject({
    tableName: option(nonEmptyString('the name of a DynamoDB table')),
    client: option(withMethods(['send'], 'a DynamoDBClient')).optional(),
    expiresAfterSeconds: option(integerFrom(1, undefined, 'seconds')).optional(),
    keyPrefix: option(aString).optional(),
  } satisfies RulesShape<DynamoDbIdempotencyStoreOptions>),
);

function storedResponse(data: unknown): StoredResponse {
  const value = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (
    typeof value.body !== 'string' ||
    typeof value.delivered !== 'boolean' ||
    typeof value.responseUrlHash !== 'string'
  ) {
    throw new CrkitError(
      'the idempotency table holds a COMPLETED record crkit did not write; give crkit a table (or keyPrefix) of its own',
    );
  }
  return { body: value.body, delivered: value.delivered, responseUrlHash: value.responseUrlHash };
}

/** The record that stands in the way of a claim, or `undefined` when it has lapsed meanwhile (claim again). */
function standing(record: PowertoolsRecord): IdempotencyRecord | undefined {
  const status = record.getStatus();
  if (status === 'COMPLETED') return { status, response: storedResponse(record.getResponse()) };
  const until = record.inProgressExpiryTimestamp ?? Number.POSITIVE_INFINITY;
  return status === 'INPROGRESS' && until > Date.now()
    ? { status: 'IN_PROGRESS', inProgressUntil: until }
    : undefined;
}

/**
 * An idempotency store in a DynamoDB table, shared by every Lambda that uses it, built on the Powertools
 * idempotency persistence layer (a conditional put claims a request; its record expires with the table's TTL).
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource, sqsHandler } from 'crkit';
 * import { dynamoDbIdempotencyStore } from 'crkit/idempotency/dynamodb';
 *
 * const Noop = defineResource({
 *   resourceType: 'Custom::Noop',
 *   properties: z.object({}),
 *   create: () => {},
 *   delete: () => {},
 * });
 * export const handler = sqsHandler(Noop, {
 *   idempotency: dynamoDbIdempotencyStore({ tableName: process.env.IDEMPOTENCY_TABLE ?? 'crkit-idempotency' }),
 * });
 * ```
 */
export function dynamoDbIdempotencyStore(options: DynamoDbIdempotencyStoreOptions): IdempotencyStore {
  const given = parseOptions(dynamoDbStoreOptions(), options);
  const expiresAfterSeconds = given.expiresAfterSeconds ?? DEFAULT_EXPIRES_AFTER_SECONDS;
  const layer = new DynamoDBPersistenceLayer({
    tableName: given.tableName,
    ...(given.client ? { awsSdkV3Client: given.client } : {}),
  });
  // The prefix replaces Powertools' default (the function's name), so that two Lambdas share keys.
  layer.configure({
    config: new IdempotencyConfig({ expiresAfterSeconds }),
    keyPrefix: given.keyPrefix ?? 'crkit',
  });

  return {
    async claim(key: string, inProgressUntil: number): Promise<IdempotencyClaim> {
      for (let attempt = 1; attempt <= CLAIM_TRIES; attempt++) {
        try {
          await layer.saveInProgress(key, Math.max(1, inProgressUntil - Date.now()));
          return { claimed: true };
        } catch (error) {
          if (!(error instanceof IdempotencyItemAlreadyExistsError)) throw error;
          const existing = error.existingRecord ?? (await layer.getRecord(key).catch(() => undefined));
          const record = existing && standing(existing);
          if (record) return { claimed: false, record };
        }
      }
      throw new CrkitError(`could not claim idempotency key ${key}: its record kept changing; try again`);
    },
    async complete(key: string, response: StoredResponse): Promise<void> {
      await layer.saveSuccess(key, { ...response });
    },
    async release(key: string): Promise<void> {
      await layer.deleteRecord(key);
    },
  };
}
