/**
 * Runs `work` over `items` with at most `concurrency` running at once, and returns the results in the items' order.
 *
 * @example
 * ```ts
 * const lengths = await mapWithConcurrency(['a', 'bb', 'ccc'], 2, async (item) => item.length); // [1, 2, 3]
 * ```
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  }
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
