import type { ConnectedProvider, Exchange } from './connect-provider.js';

/** What CloudFormation was doing when it sent a request: a step's own request, or one of its follow-ups. */
export type LifecycleAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'cleanup-delete'
  | 'rollback-update'
  | 'rollback-delete';

/** One request of the timeline and what came of it. */
export interface LifecycleEntry extends Exchange {
  /** The index of the step that caused the request. */
  readonly step: number;
  readonly action: LifecycleAction;
  readonly startedAt: Date;
  /** Whether the answer met the step's expectation (follow-ups expect SUCCESS). */
  readonly expected: boolean;
  /** Why the answer did not meet the step's expectation (also listed in `problems`). */
  readonly unmet?: string;
}

/** Reported as the timeline unfolds: a request about to be sent, then its entry. */
export type LifecycleProgress =
  | {
      readonly kind: 'started';
      readonly step: number;
      readonly action: LifecycleAction;
      readonly logicalResourceId: string;
      readonly at: Date;
    }
  | { readonly kind: 'finished'; readonly entry: LifecycleEntry };

/** What `playLifecycle` returns: every request in order, and whether all went as CloudFormation needs. */
export interface LifecycleTimeline {
  readonly entries: readonly LifecycleEntry[];
  /** Every answer accepted by CloudFormation and as expected. */
  readonly ok: boolean;
  /** Each problem, prefixed with its step and action. */
  readonly problems: readonly string[];
  /** The physical id the resource has at the end, if it still exists. */
  readonly physicalResourceId: string | undefined;
  /** Log lines of a wrapped definition or router (unredacted JSON). */
  readonly logs: readonly string[];
}

/**
 * The final timeline: every entry checked again at the end, so that a late second answer (a handler still running
 * after a timeout) counts too.
 */
export async function summariseTimeline(
  provider: ConnectedProvider,
  entries: readonly LifecycleEntry[],
  physicalResourceId: string | undefined,
  unplayed: readonly string[] = [],
): Promise<LifecycleTimeline> {
  const rechecked = await provider.recheck();
  const final = entries.map((entry, index) => {
    const again = rechecked[index];
    const late = again ? again.problems.filter((problem) => !entry.problems.includes(problem)) : [];
    return late.length === 0 ? entry : { ...entry, accepted: false, problems: [...entry.problems, ...late] };
  });
  const problems = [
    ...final.flatMap((entry) =>
      entry.problems.map((problem) => `step ${entry.step + 1} (${entry.action}): ${problem}`),
    ),
    ...unplayed,
  ];
  return {
    entries: final,
    ok: problems.length === 0,
    problems,
    physicalResourceId,
    logs: provider.logs,
  };
}
