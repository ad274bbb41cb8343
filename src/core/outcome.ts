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
