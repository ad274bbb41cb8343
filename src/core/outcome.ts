import type { ResourceData } from '../resource/types.js';

/** What a request came to, before it is written as a response body. */
export interface Outcome {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly physicalResourceId: string;
  /** Required by CloudFormation when FAILED; shown in stack events. */
  readonly reason?: string;
  readonly data?: ResourceData;
  readonly noEcho?: boolean;
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

/** The text of any thrown value, for a Reason. */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const message = error.message.trim();
    return message ? `${error.name}: ${message}` : `${error.name} (no message)`;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}
