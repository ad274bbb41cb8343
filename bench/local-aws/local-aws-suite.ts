import { spawnSync } from 'node:child_process';
import { startLocalAws } from '../../src/testing/local-aws.js';
import { type Summary, summarize } from '../lib/stats.js';
import { markdownTable, msRange } from '../lib/table.js';

/** What the local-aws suite measured, in milliseconds. */
export interface LocalAwsResult {
  /** `startLocalAws()`: from the call to an emulator answering on its port. */
  readonly start: Summary;
  /** `stop()`: from the call to the process gone. */
  readonly stop: Summary;
  /** The floor under `start`: a Python interpreter that starts and exits (`python3 -c pass`), as moto_server is one. */
  readonly python: Summary;
}

/**
 * Starts and stops the local AWS emulator `runs` times, one after the other, as a test file of the test kit does,
 * beside the start of a bare Python interpreter measured in the same rounds.
 */
export async function runLocalAwsSuite({ runs }: { readonly runs: number }): Promise<LocalAwsResult> {
  const start: number[] = [];
  const stop: number[] = [];
  const python: number[] = [];
  for (let round = 0; round < runs; round++) {
    const began = performance.now();
    spawnSync('python3', ['-c', 'pass']);
    python.push(performance.now() - began);
    const starting = performance.now();
    const aws = await startLocalAws();
    start.push(performance.now() - starting);
    const stopping = performance.now();
    await aws.stop();
    stop.push(performance.now() - stopping);
  }
  return { start: summarize(start), stop: summarize(stop), python: summarize(python) };
}

/** The suite's table: each step's median (min–max) in ms, and the start's ratio to a bare interpreter's. */
export function formatLocalAws(result: LocalAwsResult): string {
  return markdownTable(
    ['step', 'ms, median (min–max)', 'vs python3 -c pass'],
    [
      ['python3 -c pass (floor)', msRange(result.python), '×1.00'],
      [
        'startLocalAws(): call to emulator ready',
        msRange(result.start),
        `×${(result.start.median / result.python.median).toFixed(2)}`,
      ],
      ['stop(): call to process gone', msRange(result.stop), '—'],
    ],
  );
}
