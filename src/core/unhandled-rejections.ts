import type { Logger } from '../logger.js';
import { errorText } from './outcome.js';

/** The listeners held aside while crkit serves requests. */
let held: ((...args: unknown[]) => void)[] | undefined;
/** The loggers of the requests in flight; a rejection is logged to the newest. */
const inFlight = new Set<Logger>();

function onUnhandled(reason: unknown): void {
  const logger = [...inFlight].at(-1);
  logger?.error('unhandled promise rejection while a request was running; the request goes on', {
    error: errorText(reason),
  });
}

const noop = () => undefined;

/**
 * Holds `unhandledRejection` while a request is in flight. A handler that starts a promise and lets it reject would
 * otherwise end the invocation before the answer: Node exits with code 1, and Lambda's runtime reports
 * `Runtime.UnhandledPromiseRejection`, exits, and retries an asynchronous invocation, which runs create again
 * (aws-lambda-nodejs-runtime-interface-client registers `process.on('unhandledRejection')` to do so). While held, such
 * a rejection is logged at `error` and the request goes on to its answer; the listeners held aside (the runtime's,
 * a test runner's) are put back when the last request in flight is over.
 * Returns the release, which first waits for `late` (what a timed-out handler still does), until `until` (epoch ms)
 * at the latest.
 */
export function guardUnhandledRejections(
  logger: Logger,
): (late: Promise<unknown> | undefined, until: number) => Promise<void> {
  // A distinct object per request, so that two requests with one logger are counted apart.
  const entry: Logger = { ...logger };
  if (inFlight.size === 0) {
    held = process.listeners('unhandledRejection') as ((...args: unknown[]) => void)[];
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', onUnhandled);
  }
  inFlight.add(entry);
  return async (late, until) => {
    if (late) {
      let timer: NodeJS.Timeout | undefined;
      const end = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, until - Date.now()));
        timer.unref();
      });
      await Promise.race([late.then(noop, noop), end]);
      clearTimeout(timer);
    }
    if (!inFlight.delete(entry) || inFlight.size > 0) return;
    process.off('unhandledRejection', onUnhandled);
    for (const restored of held ?? []) process.on('unhandledRejection', restored);
    held = undefined;
  };
}
