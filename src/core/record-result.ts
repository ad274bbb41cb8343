/**
 * What became of one record of an SNS or SQS batch. Only `retry` asks for the record to be delivered again; the
 * union is open to more kinds (a long-running resource's "continue later" is meant to become one, which the SQS
 * entry would re-queue with a delay).
 */
export type RecordResult =
  | {
      /** A response reached CloudFormation: SUCCESS or FAILED, from this run or re-sent from a stored one. */
      readonly kind: 'answered';
      readonly status: 'SUCCESS' | 'FAILED';
      /** The handler did not run: the body stored by an earlier delivery was sent. */
      readonly resent: boolean;
      /** After a timeout, what the late handler is still doing; the entry waits for it within the invocation. */
      readonly late?: Promise<void>;
    }
  | {
      /** An earlier delivery of the same request already answered it; nothing was done. */
      readonly kind: 'duplicate';
    }
  | {
      /** A long-running operation goes on in a new invocation (or a re-queued message), which will answer. */
      readonly kind: 'handed-over';
    }
  | {
      /** Not a request that can ever be answered (bad JSON, not an object, no usable ResponseURL): never retried. */
      readonly kind: 'dropped';
      readonly problem: string;
    }
  | {
      /** Not answered yet, but it may be: the response could not be delivered, or the request could not be run. */
      readonly kind: 'retry';
      readonly problem: string;
      readonly late?: Promise<void>;
    };
