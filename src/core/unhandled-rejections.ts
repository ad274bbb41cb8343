import { errorText } from '../error-text.js';
import type { Logger } from '../logger.js';

type Listener = (...args: unknown[]) => void;
/** The events held while a request is in flight: a stray promise's rejection, a stray timer's throw. */
const EVENTS = ['unhandledRejection', 'uncaughtException'] as const;
/** The listeners held aside while crkit serves requests. */
let held: Record<(typeof EVENTS)[number], Listener[]> | undefined;
/** The loggers of the requests in flight; a rejection is logged to the newest. */
const inFlight = new Set<Logger>();

const onUnhandled: Record<(typeof EVENTS)[number], Listener> = {
  unhandledRejection: (reason: unknown) => report('unhandled promise rejection', reason),
  uncaughtException: (error: unknown) => report('uncaught exception', error),
};

function report(what: string, error: unknown): void {
  const logger = [...inFlight].at(-1);
  logger?.error(`${what} while a request was running; the request goes on`, { error: errorText(error) });
}

const noop = () => undefined;

/**
 * Holds `unhandledRejection` and `uncaughtException` while a request is in flight (from its start until its answer
 * and any late work it leaves). A handler that starts a promise and lets it reject, or a timer that throws, would
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
    held = { unhandledRejection: [], uncaughtException: [] };
    for (const event of EVENTS) {
      held[event] = process.listeners(event as 'unhandledRejection') as Listener[];
      process.removeAllListeners(event);
      process.on(event as 'unhandledRejection', onUnhandled[event]);
    }
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
    for (const event of EVENTS) {
      process.off(event as 'unhandledRejection', onUnhandled[event]);
      for (const restored of held?.[event] ?? []) process.on(event as 'unhandledRejection', restored);
    }
    held = undefined;
  };
}
