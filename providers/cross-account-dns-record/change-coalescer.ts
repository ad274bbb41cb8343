import type { Change } from '@aws-sdk/client-route-53';
import { ConfigurationError } from 'crkit';

/** What {@link createChangeCoalescer} takes. */
export interface ChangeCoalescerOptions {
  /** Sends one change batch to one hosted zone and resolves to its change id. */
  readonly send: (hostedZoneId: string, changes: readonly Change[]) => Promise<string>;
  /** How long a batch stays open for more changes after its first. @default 25 */
  readonly windowMs?: number;
  /** The most changes in one batch; a full batch is sent at once. @default 100 */
  readonly maxChanges?: number;
  /**
   * Whether an error rejects a batch for what it holds, so each of its changes is worth trying alone.
   * @default {@link isChangeRejection}
   */
  readonly isRejection?: (error: unknown) => boolean;
}

/** Combines the changes submitted to one hosted zone within a short window into one change batch. */
export interface ChangeCoalescer {
  /** Submits one change; resolves to the id of the change batch that carried it, or rejects with its own error. */
  submit(hostedZoneId: string, change: Change): Promise<string>;
}

/**
 * Route 53's limits on one ChangeResourceRecordSets request: 1,000 ResourceRecord elements and 32,000 characters in
 * all values (API Reference, ChangeResourceRecordSets), an UPSERT counting twice (re:Post knowledge center, "How can
 * I avoid Route 53 API throttling errors?"). Older versions of that reference also allow at most 100 Change elements,
 * hence the default `maxChanges`.
 */
const MAX_RECORDS = 1000;
const MAX_VALUE_CHARACTERS = 32_000;

/**
 * Whether an error says a change batch holds a change Route 53 will not make: `InvalidChangeBatch` (real Route 53:
 * a CREATE of an existing record, a DELETE of a missing one or with other values) or `InvalidInput` (malformed
 * values; the emulator moto also answers it for a DELETE of a missing record).
 *
 * @example
 * ```ts
 * import { isChangeRejection } from './change-coalescer.js';
 * isChangeRejection(Object.assign(new Error('exists'), { name: 'InvalidChangeBatch' })); // true
 * ```
 */
export function isChangeRejection(error: unknown): boolean {
  return error instanceof Error && (error.name === 'InvalidChangeBatch' || error.name === 'InvalidInput');
}

interface Submission {
  readonly change: Change;
  readonly resolve: (changeId: string) => void;
  readonly reject: (error: unknown) => void;
}

interface Batch {
  readonly submissions: Submission[];
  records: number;
  characters: number;
  timer?: NodeJS.Timeout;
}

function weight(change: Change): { records: number; characters: number } {
  const values = change.ResourceRecordSet?.ResourceRecords ?? [];
  const factor = change.Action === 'UPSERT' ? 2 : 1;
  const characters = values.reduce((sum, record) => sum + (record.Value?.length ?? 0), 0);
  return { records: values.length * factor, characters: characters * factor };
}

/**
 * A change coalescer: records of one SQS batch run concurrently in one invocation, and each submits its own change;
 * those for the same zone that arrive within `windowMs` of the first (up to `maxChanges` and Route 53's size limits)
 * go out as one ChangeResourceRecordSets call, every submitter getting the shared change id. Route 53 applies a
 * batch all or nothing (API Reference, ChangeResourceRecordSets, "Change Batches and Transactional Changes"), so a
 * batch it rejects is sent again one change at a time, in the order submitted: one bad record fails only itself.
 *
 * @throws {ConfigurationError} when an option is out of range.
 * @example
 * ```ts
 * import { createChangeCoalescer } from './change-coalescer.js';
 * const coalescer = createChangeCoalescer({ send: async (zone, changes) => `/change/${changes.length}` });
 * const change = {
 *   Action: 'UPSERT' as const,
 *   ResourceRecordSet: { Name: 'a.example.com.', Type: 'A' as const, TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] },
 * };
 * const [first, second] = await Promise.all([coalescer.submit('Z1', change), coalescer.submit('Z1', change)]);
 * // first === second === '/change/2'
 * ```
 */
export function createChangeCoalescer(options: ChangeCoalescerOptions): ChangeCoalescer {
  const { send } = options;
  const windowMs = options.windowMs ?? 25;
  const maxChanges = options.maxChanges ?? 100;
  const isRejection = options.isRejection ?? isChangeRejection;
  if (!(Number.isFinite(windowMs) && windowMs >= 0)) {
    throw new ConfigurationError('windowMs', `expected a number of milliseconds >= 0, got ${windowMs}`);
  }
  if (!(Number.isInteger(maxChanges) && maxChanges >= 1)) {
    throw new ConfigurationError('maxChanges', `expected an integer >= 1, got ${maxChanges}`);
  }
  const open = new Map<string, Batch>();

  async function run(hostedZoneId: string, submissions: readonly Submission[]): Promise<void> {
    try {
      const changeId = await send(
        hostedZoneId,
        submissions.map((submission) => submission.change),
      );
      for (const submission of submissions) submission.resolve(changeId);
    } catch (error) {
      if (submissions.length === 1 || !isRejection(error)) {
        for (const submission of submissions) submission.reject(error);
        return;
      }
      for (const submission of submissions) {
        await send(hostedZoneId, [submission.change]).then(submission.resolve, submission.reject);
      }
    }
  }

  function flush(hostedZoneId: string, batch: Batch): void {
    if (open.get(hostedZoneId) === batch) open.delete(hostedZoneId);
    clearTimeout(batch.timer);
    void run(hostedZoneId, batch.submissions);
  }

  return {
    submit: (hostedZoneId, change) =>
      new Promise<string>((resolve, reject) => {
        const size = weight(change);
        let batch = open.get(hostedZoneId);
        if (
          batch &&
          (batch.records + size.records > MAX_RECORDS ||
            batch.characters + size.characters > MAX_VALUE_CHARACTERS)
        ) {
          flush(hostedZoneId, batch);
          batch = undefined;
        }
        if (!batch) {
          const fresh: Batch = { submissions: [], records: 0, characters: 0 };
          fresh.timer = setTimeout(() => flush(hostedZoneId, fresh), windowMs);
          open.set(hostedZoneId, fresh);
          batch = fresh;
        }
        batch.submissions.push({ change, resolve, reject });
        batch.records += size.records;
        batch.characters += size.characters;
        if (batch.submissions.length >= maxChanges) flush(hostedZoneId, batch);
      }),
  };
}
