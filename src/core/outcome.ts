import type { ResourceData } from '../resource/types.js';

/** What a request came to, before it is written as a response body. */
export interface Outcome {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly physicalResourceId: string;
  /** Required by CloudFormation when FAILED; shown in stack events. */
  readonly reason?: string;
  readonly data?: ResourceData;
  readonly noEcho?: boolean;
  /**
   * The id under which `create` made a resource (a Create, or an Update that replaces), when it is not the id
   * answered: crkit then deletes it before answering, so that nothing is left behind unknown to CloudFormation.
   */
  readonly made?: string;
}

/** A handler answered `pending`: its operation goes on, checked by `isComplete`. */
export interface PendingOutcome {
  readonly status: 'PENDING';
  /** The id to answer once complete (a Create's own id, or the current one). */
  readonly physicalResourceId: string;
  /** The operation still running; `Create` also for a replacing update. */
  readonly operation: 'Create' | 'Update' | 'Delete';
  readonly state: unknown;
}

/** What running a handler comes to: an answer, or work still going on. */
export type HandlerOutcome = Outcome | PendingOutcome;

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
