/** Reads `read()`, or `fallback` when reading throws (a hostile getter, a Proxy trap). */
function tryRead(read: () => string, fallback: string): string {
  try {
    const text = read();
    return typeof text === 'string' ? text : fallback;
  } catch {
    return fallback;
  }
}

/**
 * The text of any thrown value, for a Reason or a log line. It never throws: a value whose getters, `toJSON` or
 * Proxy traps throw is described as such.
 */
export function errorText(error: unknown): string {
  const unreadable = 'a thrown value that could not be read';
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return tryRead(() => String(error), unreadable);
  const isError = tryRead(() => String(error instanceof Error), 'false') === 'true';
  if (isError) {
    const name = tryRead(() => String((error as Error).name), 'Error');
    const message = tryRead(() => String((error as Error).message).trim(), '');
    return message ? `${name}: ${message}` : `${name} (no message)`;
  }
  return tryRead(
    () => JSON.stringify(error) ?? String(error),
    tryRead(() => Object.prototype.toString.call(error), unreadable),
  );
}
