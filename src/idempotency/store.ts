/** What the first delivery of a request stored once it had answered: enough to answer a duplicate the same way. */
export interface StoredResponse {
  /** The response body exactly as it was PUT (or tried), at most 4096 bytes. */
  readonly body: string;
  /** Whether CloudFormation's response bucket accepted the body. */
  readonly delivered: boolean;
  /**
   * SHA-256 of the ResponseURL the body belongs to (never the URL itself: it is a credential). A duplicate that
   * carries another ResponseURL is not sent the stored body, so a forged request cannot read a stored `Data`.
   */
  readonly responseUrlHash: string;
}

/** One request's state in an {@link IdempotencyStore}. */
export type IdempotencyRecord =
  | {
      readonly status: 'IN_PROGRESS';
      /** Epoch ms when the claim lapses: the end of the invocation that holds it. */
      readonly inProgressUntil: number;
    }
  | { readonly status: 'COMPLETED'; readonly response: StoredResponse };

/** The answer to a claim: the caller now holds the request, or someone else's record of it. */
export type IdempotencyClaim =
  | { readonly claimed: true }
  | { readonly claimed: false; readonly record: IdempotencyRecord };

/**
 * Where the SNS and SQS entries remember requests, so that duplicate deliveries of one request (same StackId and
 * RequestId) run the handler once and answer once. Keys are SHA-256 hex digests. A store must make `claim` atomic:
 * of two concurrent claims of one key, exactly one succeeds.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource, memoryIdempotencyStore, sqsHandler } from 'crkit';
 * import type { IdempotencyStore } from 'crkit/advanced';
 *
 * const Noop = defineResource({
 *   resourceType: 'Custom::Noop',
 *   properties: z.object({}),
 *   create: () => {},
 *   delete: () => {},
 * });
 * const store: IdempotencyStore = memoryIdempotencyStore({ expiresAfterSeconds: 3 * 3600 });
 * export const handler = sqsHandler(Noop, { idempotency: store });
 * ```
 */
export interface IdempotencyStore {
  /**
   * Claims `key` until `inProgressUntil` (epoch ms). Succeeds when the key is unknown, its record expired, or its
   * IN_PROGRESS claim lapsed; otherwise returns the record that stands.
   */
  claim(key: string, inProgressUntil: number): Promise<IdempotencyClaim>;
  /** Records what was answered (again, to note a later delivery), replacing the claim; starts the record's expiry. */
  complete(key: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose request turned out to be unanswerable, so that nothing blocks a later delivery. */
  release(key: string): Promise<void>;
}

/** How long a record is kept by default: 3 hours (CloudFormation waits at most 1 hour for a response). */
export const DEFAULT_EXPIRES_AFTER_SECONDS = 3 * 60 * 60;
