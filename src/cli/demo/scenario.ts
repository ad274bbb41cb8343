import type { LifecycleProgress, LifecycleTimeline } from '../../testing/lifecycle-timeline.js';
import type { LocalAws } from '../../testing/local-aws.js';
import type { S3ResponseBucket } from '../../testing/s3-responses.js';
import type { CliIo } from '../io.js';
import { stackEventPrinter } from '../stack-events.js';

/** An outcome checked in the emulator after a step, e.g. that the user is CONFIRMED. */
export interface Verification {
  readonly what: string;
  readonly ok: boolean;
  /** What was found instead, when not ok. */
  readonly detail?: string;
}

/** What one provider's part of the demo came to. */
export interface ScenarioResult {
  readonly title: string;
  readonly timelines: readonly LifecycleTimeline[];
  readonly verifications: readonly Verification[];
}

/** What every scenario gets: the emulator, where responses go, and a live printer with checks in between. */
export interface DemoContext {
  readonly aws: LocalAws;
  readonly responses: S3ResponseBucket;
  readonly io: CliIo;
}

/** Prints a timeline live and records checks of the emulator's state, printed right under the step they follow. */
export function demoRecorder(io: CliIo) {
  const verifications: Verification[] = [];
  const print = stackEventPrinter((line) => io.out(`${line}\n`), io.paint);
  const verify = async (what: string, check: () => Promise<string | undefined>) => {
    let detail: string | undefined;
    try {
      detail = await check();
    } catch (error) {
      detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    verifications.push(detail === undefined ? { what, ok: true } : { what, ok: false, detail });
    const mark = detail === undefined ? io.paint('green', '✓') : io.paint('red', '✗');
    io.out(`${' '.repeat(14)}${mark} ${what}${detail === undefined ? '' : io.paint('red', `: ${detail}`)}\n`);
  };
  /** An `onProgress` that prints, then runs the check `after` picks for the finished request, if any. */
  const progress =
    (after: (progress: Extract<LifecycleProgress, { kind: 'finished' }>) => Promise<void> | undefined) =>
    async (event: LifecycleProgress) => {
      print(event);
      if (event.kind === 'finished') await after(event);
    };
  return { verifications, verify, progress };
}

/** `undefined` when `actual` equals `expected` (as JSON), else what was found. */
export function differs(actual: unknown, expected: unknown): string | undefined {
  const a = JSON.stringify(actual);
  return a === JSON.stringify(expected) ? undefined : `found ${a}`;
}
