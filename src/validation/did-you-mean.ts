/** Edits (insertions, deletions, substitutions) turning `a` into `b`, ignoring case. */
function distance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * The known name closest to a mistyped one (`hndler` gives `handler`, `--steps` gives `--step`), or undefined when
 * none is close: at most a third of the name's letters differ, and never more than 3.
 */
export function closestName(given: string, known: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(given.length / 3)));
  let best: { name: string; edits: number } | undefined;
  for (const name of known) {
    const edits = distance(given, name);
    if (edits <= limit && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

/** ` (did you mean "handler"?)`, or an empty string when no known name is close. */
export function didYouMean(given: string, known: readonly string[]): string {
  const name = closestName(given, known);
  return name === undefined ? '' : ` (did you mean ${JSON.stringify(name)}?)`;
}
