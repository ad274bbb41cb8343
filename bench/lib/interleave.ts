/** Options of {@link interleave}. */
export interface InterleaveOptions {
  /** Rounds whose results are thrown away (they warm the disk cache). @default 1 */
  readonly warmupRounds?: number;
  /** Shuffles a round's order; `Math.random` unless a test fixes it. @default Math.random */
  readonly random?: () => number;
  /** Called after each measured round, e.g. to print progress. @default nothing */
  readonly onRound?: (round: number, rounds: number) => void;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Measures every item once per round, in a new random order each round and one at a time, so that slow drift of
 * the machine (thermal, other load) spreads over all items instead of favouring the ones measured first.
 *
 * @example
 * ```ts
 * const samples = await interleave(['a', 'b'], 5, async (item) => item.length);
 * samples.get('a'); // five values
 * ```
 */
export async function interleave<T, R>(
  items: readonly T[],
  rounds: number,
  measure: (item: T, round: number) => Promise<R>,
  options: InterleaveOptions = {},
): Promise<Map<T, R[]>> {
  const samples = new Map<T, R[]>(items.map((item) => [item, []]));
  const warmup = options.warmupRounds ?? 1;
  const random = options.random ?? Math.random;
  for (let round = -warmup; round < rounds; round++) {
    for (const item of shuffled(items, random)) {
      const result = await measure(item, round);
      if (round >= 0) samples.get(item)?.push(result);
    }
    if (round >= 0) options.onRound?.(round + 1, rounds);
  }
  return samples;
}
