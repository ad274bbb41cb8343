import type { Logger } from '../logger.js';
import { errorText } from './outcome.js';

/** The listeners held aside while crkit serves requests, and how many requests are in flight. */
let held: ((...args: unknown[]) => void)[] | undefined;
let inFlight = 0;

function onUnhandled(logger: Logger) {
  return (reason: unknown) => {
    logger.error('unhandled promise rejection while a request was running; the request goes on', {
      error: errorText(reason),
    });
  };
}

let listener: ((reason: unknown) => void) | undefined;

/**
 * Holds `unhandledRejection` while a request is in flight. A handler that starts a promise and lets it reject would
 * otherwise end the invocation before the answer: Node exits with code 1, and Lambda's runtime reports
 * `Runtime.UnhandledPromiseRejection`, exits, and retries an asynchronous invocation, which runs create again
 * (aws-lambda-nodejs-runtime-interface-client registers `process.on('unhandledRejection')` to do so). While held, such
 * a rejection is logged at `error` and the request goes on to its answer; the listeners held aside (the runtime's,
 * a test runner's) are put back when the last request in flight is over, or at `until` (epoch ms) at the latest.
 * Returns the release, which waits for `late` (what a timed-out handler still does) first.
 */
export function guardUnhandledRejections(
  logger: Logger,
): (late: Promise<unknown> | undefined, until: number) => Promise<void> {
  if (inFlight++ === 0) {
    held = process.listeners('unhandledRejection') as ((...args: unknown[]) => void)[];
    process.removeAllListeners('unhandledRejection');
    listener = onUnhandled(logger);
    process.on('unhandledRejection', listener);
  }
  let released = false;
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
    if (released) return;
    released = true;
    if (--inFlight > 0) return;
    if (listener) process.off('unhandledRejection', listener);
    for (const restored of held ?? []) process.on('unhandledRejection', restored);
    held = undefined;
    listener = undefined;
  };
}

const noop = () => undefined;
