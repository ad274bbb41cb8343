import { delay } from '../core/lazy-builtins.js';
import { testSeamsOf } from '../test-seams.js';
import { integerFrom, milliseconds } from '../validation/option-rules.js';
import { option, type RulesShape } from '../validation/option-schemas.js';

/** How a batch of SNS or SQS records is worked through. */
export interface BatchOptions {
  /** How many records of one batch are processed at the same time. @default 10 */
  readonly concurrency?: number;
  /**
   * A record is not started when less than this remains before the invocation's deadline (capped at a quarter of
   * the time the batch had): it is left for a later delivery instead of being answered FAILED for lack of time.
   * @default 10000
   */
  readonly startCutoffMs?: number;
}

/** The rules of {@link BatchOptions}. */
export const batchOptionsShape = (): RulesShape<BatchOptions> => ({
  concurrency: option(integerFrom(1, 1000)).optional(),
  startCutoffMs: option(milliseconds).optional(),
});

/** Batch options with every default filled in. */
export interface ResolvedBatchOptions {
  readonly concurrency: number;
  readonly startCutoffMs: number;
  readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** How one item of a batch ended. `not-started` and `unfinished` items ran out of the invocation's time. */
export type Settled<R> =
  | { readonly status: 'done'; readonly value: R }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'not-started' }
  | { readonly status: 'unfinished' };

/** What each item's work is given: when the batch must be over, and a signal that fires then. */
export interface BatchSlot {
  readonly deadline: number;
  readonly signal: AbortSignal;
}

const defaultWait = (ms: number, signal: AbortSignal): Promise<void> =>
  delay(ms, signal).catch(() => undefined);

/** Fills in the defaults of batch options (checked with the entry's options); `wait` may be a test seam. */
export function resolveBatchOptions(options: BatchOptions = {}): ResolvedBatchOptions {
  return {
    concurrency: options.concurrency ?? 10,
    startCutoffMs: options.startCutoffMs ?? 10_000,
    wait: testSeamsOf(options).wait ?? defaultWait,
  };
}

/**
 * Runs `work` over `items`, at most `concurrency` at a time, each isolated from the others (a throw settles only
 * its own item), and returns by `deadline` (epoch ms) whatever happens: items still running then are `unfinished`,
 * items not yet started when less than the start cut-off remained are `not-started`.
 */
export async function runBatch<T, R>(
  items: readonly T[],
  work: (item: T, slot: BatchSlot) => Promise<R>,
  settings: ResolvedBatchOptions & { readonly now: () => number; readonly deadline: number },
): Promise<Settled<R>[]> {
  const { now, deadline } = settings;
  const results: Settled<R>[] = items.map(() => ({ status: 'not-started' }));
  const cutoff = Math.min(settings.startCutoffMs, Math.max(0, deadline - now()) / 4);
  const controller = new AbortController();
  const slot: BatchSlot = { deadline, signal: controller.signal };
  let next = 0;
  const worker = async () => {
    while (next < items.length && deadline - now() >= cutoff && !controller.signal.aborted) {
      const index = next++;
      results[index] = { status: 'unfinished' };
      try {
        const value = await work(items[index] as T, slot);
        if (!controller.signal.aborted) results[index] = { status: 'done', value };
      } catch (error) {
        if (!controller.signal.aborted) results[index] = { status: 'failed', error };
      }
    }
  };
  const workers = Array.from({ length: Math.min(settings.concurrency, items.length) }, worker);
  const timer = new AbortController();
  await Promise.race([Promise.all(workers), settings.wait(Math.max(0, deadline - now()), timer.signal)]);
  timer.abort();
  // From here on, the results are final: work that settles later no longer changes what the entry reports.
  controller.abort();
  return results;
}
