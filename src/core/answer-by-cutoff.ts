import { resultOf } from './answer-once.js';
import type { Deadlines } from './deadline.js';
import type { ResolvedOptions } from './options.js';
import type { RecordResult } from './record-result.js';
import type { Reply } from './reply.js';
import { textField } from './text-field.js';

/** What the cut-off watches: the request's reply, its deadlines and when it started. */
export interface CutoffContext {
  readonly options: ResolvedOptions;
  readonly reply: Reply;
  readonly deadlines: Deadlines;
  readonly start: number;
}

/**
 * The invocation's one deadline: the request's own result when it comes before the cut-off; else FAILED at the
 * cut-off naming the stage still running (unless a hand-over under way finishes by `deadlines.handOver`, or the
 * request was answered and crkit is only storing its outcome).
 */
export async function answerByCutoff(
  work: Promise<RecordResult>,
  request: unknown,
  flight: CutoffContext,
): Promise<RecordResult> {
  const { options, reply, deadlines, start } = flight;
  let timer: NodeJS.Timeout | undefined;
  const cutoff = new Promise<'cutoff'>((resolve) => {
    timer = setTimeout(() => resolve('cutoff'), Math.max(0, deadlines.cutoff - options.now()));
  });
  const first = await Promise.race([work, cutoff]);
  clearTimeout(timer);
  if (first !== 'cutoff') return first;
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  if (!reply.done && reply.handingOver) {
    // A hand-over is under way: answering FAILED now while it may still succeed could answer twice.
    let wait: NodeJS.Timeout | undefined;
    const until = new Promise<void>((resolve) => {
      wait = setTimeout(resolve, Math.max(0, deadlines.handOver + 25 - options.now()));
    });
    await Promise.race([reply.handingOver, until]);
    clearTimeout(wait);
    // Its outcome (handed over, or FAILED) goes out through the reply; give it the turn it takes.
    await Promise.race([work, new Promise((resolve) => setImmediate(resolve))]);
  }
  if (reply.done) {
    // Answered (or handed over) already, but crkit is still awaiting something after it (storing the outcome).
    const sent = await reply.answered;
    return sent ? resultOf(sent, settled) : { kind: 'handed-over' as const };
  }
  const seconds = Math.round((deadlines.cutoff - start) / 100) / 10;
  const reason = `timed out after ${seconds} s: ${reply.stage} did not finish before the invocation's deadline`;
  const sent = await reply.send(reply.failure(reason));
  options.logger.error('answered at the deadline', {
    requestId: textField(request, 'RequestId'),
    logicalResourceId: textField(request, 'LogicalResourceId'),
    stage: reply.stage,
    outcome: sent.outcome.status,
  });
  return resultOf(sent, settled);
}
