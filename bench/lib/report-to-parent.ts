import { writeSync } from 'node:fs';

/**
 * Runs a child process's measurement and writes its report, or its error, as one JSON line to file descriptor 3,
 * the pipe the parent reads; then exits (0, or 1 on an error) so no timer keeps the child alive.
 *
 * @example
 * ```ts
 * reportToParent(async () => ({ ms: performance.now() }));
 * ```
 */
export function reportToParent(measure: () => Promise<unknown>): void {
  measure().then(
    (report) => {
      writeSync(3, `${JSON.stringify(report)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      writeSync(3, `${JSON.stringify({ error: String(error) })}\n`);
      process.exit(1);
    },
  );
}
