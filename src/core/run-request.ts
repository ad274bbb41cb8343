import type { HandOver } from '../long-running/continuation.js';
import type { Router } from '../resource/router.js';
import type { Deadlines } from './deadline.js';
import { type Decision, decide } from './decide.js';
import type { ResolvedOptions } from './options.js';
import { errorText } from './outcome.js';
import { failureId } from './physical-id.js';
import type { Reply } from './reply.js';
import { textField } from './text-field.js';

/** What running one request through the core needs besides the request. */
export interface RunContext {
  readonly router: Router;
  readonly options: ResolvedOptions;
  readonly deadlines: Deadlines;
  /** Time left in the invocation when the request started (ms). */
  readonly remainingMs: number;
  readonly start: number;
  readonly reply: Reply;
  readonly handOver?: HandOver | undefined;
}

/** What became of a request in the core: its answer went out (or the operation was handed over), and what runs on. */
export interface RunResult {
  /** After a timeout: the late handler's settling (and any clean-up); an entry point may wait for it. */
  readonly late?: Promise<void>;
}

/**
 * One request (or a continuation of a long-running one), from raw event to answer: decide the outcome (parse,
 * route, run the handler under its watchdog, check completion), then answer it through `reply`, which
 * fits and sends it once. When the operation must go on in a new invocation it is handed over instead. Never
 * throws: a defect still gets an answer.
 */
export async function runRequest(raw: unknown, request: unknown, context: RunContext): Promise<RunResult> {
  const { options, reply } = context;
  const ids = {
    requestId: textField(request, 'RequestId'),
    logicalResourceId: textField(request, 'LogicalResourceId'),
    resourceType: textField(request, 'ResourceType'),
    requestType: textField(request, 'RequestType'),
  };
  const decided: Decision = await decide(raw, context).catch(
    (error: unknown): Decision => ({
      // Only a defect (in crkit or an injected dependency) lands here; it still gets an answer.
      kind: 'answer',
      outcome: {
        status: 'FAILED',
        physicalResourceId: reply.madeId ?? failureId(request),
        reason: `internal error: ${errorText(error)}`,
      },
      timedOut: false,
    }),
  );
  if (decided.kind === 'handed-over') {
    options.logger.info('handed over', { ...ids, attempt: decided.attempt });
    return {};
  }
  options.logger.info('handler finished', {
    ...ids,
    outcome: decided.outcome.status,
    timedOut: decided.timedOut,
    durationMs: options.now() - context.start,
  });
  const sent = await reply.send(decided.outcome);
  const line = {
    ...ids,
    outcome: sent.outcome.status,
    attempts: sent.delivery.attempts,
    durationMs: options.now() - context.start,
  };
  if (sent.delivery.delivered) options.logger.info('response sent', line);
  else options.logger.error('response not delivered', { ...line, error: sent.delivery.error });
  return decided.late ? { late: decided.late } : {};
}
