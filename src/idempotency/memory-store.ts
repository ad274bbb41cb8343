import { TEST_SEAM_HINTS, testSeamsOf } from '../test-seams.js';
import { integerFrom, positive } from '../validation/option-rules.js';
import { lazy, option, optionsObject, parseOptions, type RulesShape } from '../validation/option-schemas.js';
import {
  DEFAULT_EXPIRES_AFTER_SECONDS,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type IdempotencyStore,
  type StoredResponse,
} from './store.js';

/** Options of {@link memoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** How long a request is remembered after it was claimed or answered. @default 10800 (3 hours) */
  readonly expiresAfterSeconds?: number;
  /** The most requests remembered; the oldest are forgotten first. @default 1000 */
  readonly maxRecords?: number;
}

const memoryStoreOptions = lazy(() =>
  optionsObject(
    {
      expiresAfterSeconds: option(positive('seconds')).optional(),
      maxRecords: option(integerFrom(1)).optional(),
    } satisfies RulesShape<MemoryIdempotencyStoreOptions>,
    TEST_SEAM_HINTS,
  ),
);

interface Entry {
  readonly record: IdempotencyRecord;
  readonly expiresAt: number;
}

/**
 * An idempotency store held in the memory of one warm Lambda: duplicates that reach the same instance are
 * recognised, those that reach another instance are not (use `dynamoDbIdempotencyStore` from
 * `crkit/idempotency/dynamodb` for that). The SNS and SQS entries use one per handler unless told otherwise.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource, memoryIdempotencyStore, snsHandler } from 'crkit';
 *
 * const Noop = defineResource({
 *   resourceType: 'Custom::Noop',
 *   properties: z.object({}),
 *   create: () => {},
 *   delete: () => {},
 * });
 * export const handler = snsHandler(Noop, { idempotency: memoryIdempotencyStore({ maxRecords: 500 }) });
 * ```
 */
export function memoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore {
  const given = parseOptions(memoryStoreOptions(), options);
  const ttlMs = (given.expiresAfterSeconds ?? DEFAULT_EXPIRES_AFTER_SECONDS) * 1000;
  const maxRecords = given.maxRecords ?? 1000;
  const now = testSeamsOf(options).now ?? Date.now;
  // A Map iterates in insertion order and every write re-inserts with the same time to live, so the oldest entry
  // is always first: pruning stops at the first live one.
  const entries = new Map<string, Entry>();
  const put = (key: string, record: IdempotencyRecord) => {
    entries.delete(key);
    entries.set(key, { record, expiresAt: now() + ttlMs });
  };
  const prune = () => {
    const time = now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt > time && entries.size <= maxRecords) break;
      entries.delete(key);
    }
  };
  return {
    claim(key: string, inProgressUntil: number): Promise<IdempotencyClaim> {
      prune();
      const current = entries.get(key)?.record;
      const lapsed = current?.status === 'IN_PROGRESS' && current.inProgressUntil <= now();
      if (current && !lapsed) return Promise.resolve({ claimed: false, record: current });
      put(key, { status: 'IN_PROGRESS', inProgressUntil });
      return Promise.resolve({ claimed: true });
    },
    complete(key: string, response: StoredResponse): Promise<void> {
      put(key, { status: 'COMPLETED', response });
      prune();
      return Promise.resolve();
    },
    release(key: string): Promise<void> {
      entries.delete(key);
      return Promise.resolve();
    },
  };
}
