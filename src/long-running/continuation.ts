import * as z from 'zod';

/** Tells a continuation apart from a CloudFormation request in an entry point's input. */
export const CONTINUATION_KIND = 'crkit.continuation';

/**
 * A long-running operation handed from one invocation to the next: the original request (ResponseURL included, so
 * the next invocation can answer; it is never logged), the id to answer, the state to check, and the clock.
 */
const buildSchema = () =>
  z.object({
    kind: z.literal(CONTINUATION_KIND),
    version: z.literal(1),
    /** New for each hand-over; a duplicated delivery of one hand-over repeats it. */
    id: z.string().min(1),
    request: z.record(z.string(), z.unknown()),
    operation: z.enum(['Create', 'Update', 'Delete']),
    physicalResourceId: z.string().min(1),
    state: z.unknown(),
    /** Epoch milliseconds when the operation started, for its total timeout. */
    startedAt: z.number(),
    /** Checks made so far, to continue the backoff where it was. */
    attempt: z.number().int().min(0),
    /** How long to wait before the next check: a queue delays the message by it. */
    delayMs: z.number().min(0),
  });

let schema: ReturnType<typeof buildSchema> | undefined;

/** The continuation's schema, built when the first continuation arrives: most cold starts never need it. */
export function continuationSchema(): ReturnType<typeof buildSchema> {
  schema ??= buildSchema();
  return schema;
}

/** A long-running operation on its way to the next invocation. */
export type Continuation = z.infer<ReturnType<typeof buildSchema>>;

/**
 * Passes a continuation to a new invocation (a Lambda invoking itself, an SQS message sent again with a delay).
 * `signal` aborts when the invocation's deadline comes: stop then, crkit answers FAILED instead.
 */
export type HandOver = (continuation: Continuation, signal?: AbortSignal) => Promise<void>;

/** Whether an entry point's input is a continuation rather than a request. */
export function isContinuation(raw: unknown): raw is { kind: typeof CONTINUATION_KIND; request: unknown } {
  return typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === CONTINUATION_KIND;
}
