import type { LifecycleAction, LifecycleEntry, LifecycleProgress } from '../testing/lifecycle-timeline.js';
import type { Paint } from './colour.js';

const OPERATION: Record<LifecycleAction, 'CREATE' | 'UPDATE' | 'DELETE'> = {
  create: 'CREATE',
  update: 'UPDATE',
  delete: 'DELETE',
  'cleanup-delete': 'DELETE',
  'rollback-update': 'UPDATE',
  'rollback-delete': 'DELETE',
};

// What CloudFormation is doing, as its stack events would let a reader tell: shown on the IN_PROGRESS line.
const PHASE: Partial<Record<LifecycleAction, string>> = {
  'cleanup-delete': 'cleanup: removing the resource the update replaced',
  'rollback-update': 'rollback: restoring the previous properties',
  'rollback-delete': 'rollback: removing the resource whose create failed',
};

const STATUS_WIDTH = 20;
const time = (date: Date) => date.toISOString().slice(11, 23);

/** The CloudFormation resource status an entry ends in, e.g. `UPDATE_COMPLETE` or `CREATE_FAILED`. */
export function finalStatus(entry: LifecycleEntry): string {
  return `${OPERATION[entry.action]}_${entry.response?.Status === 'SUCCESS' ? 'COMPLETE' : 'FAILED'}`;
}

function detail(entry: LifecycleEntry): string {
  const response = entry.response;
  if (!response) return 'no response: CloudFormation would wait for it until the resource times out';
  if (response.Status === 'FAILED') return response.Reason ?? '(no reason)';
  const previous = entry.request.PhysicalResourceId;
  const replaced = entry.action.endsWith('update') && previous !== response.PhysicalResourceId;
  return replaced
    ? `${response.PhysicalResourceId} (replaces ${String(previous)})`
    : response.PhysicalResourceId;
}

/**
 * Prints a lifecycle as CloudFormation's stack events, live: a line when a request starts (`*_IN_PROGRESS`) and one
 * when it is answered, with the time taken and the physical id or the reason; problems follow, marked.
 */
export function stackEventPrinter(write: (line: string) => void, paint: Paint) {
  const statusColour = (status: string) =>
    status.endsWith('COMPLETE') ? 'green' : status.endsWith('FAILED') ? 'red' : 'yellow';
  const line = (at: Date, logicalId: string, status: string, duration: string, text: string) =>
    write(
      `${paint('dim', time(at))}  ${logicalId}  ${paint(statusColour(status), status.padEnd(STATUS_WIDTH))} ${duration.padStart(8)}  ${text}`.trimEnd(),
    );
  const note = (text: string, colour: 'red' | 'dim') => write(`${' '.repeat(14)}${paint(colour, text)}`);
  return (progress: LifecycleProgress): void => {
    if (progress.kind === 'started') {
      const status = `${OPERATION[progress.action]}_IN_PROGRESS`;
      line(progress.at, progress.logicalResourceId, status, '', PHASE[progress.action] ?? '');
      return;
    }
    const { entry } = progress;
    const at = new Date(entry.startedAt.getTime() + entry.durationMs);
    line(
      at,
      String(entry.request.LogicalResourceId),
      finalStatus(entry),
      `${entry.durationMs} ms`,
      detail(entry),
    );
    const failed = entry.response?.Status === 'FAILED';
    // The reason is on the line already: a FAILED where SUCCESS was expected needs no repeating.
    if (entry.unmet) note(`✗ ${failed ? 'expected SUCCESS' : entry.unmet}`, 'red');
    else if (failed) note('(failed as expected)', 'dim');
    for (const problem of entry.problems) if (problem !== entry.unmet) note(`✗ ${problem}`, 'red');
  };
}
