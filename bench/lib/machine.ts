import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';

/**
 * One line naming the machine, the Node version and the load, so that results from elsewhere are not compared
 * blindly.
 *
 * @example
 * ```ts
 * describeMachine(); // 'Intel(R) Xeon(R) Processor, 2 cores, 7.8 GiB, Linux 6.1, Node v20.20.2'
 * ```
 */
export function describeMachine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  return `${model}, ${cores.length} cores, ${memory}, Linux ${release()}, Node ${process.version}`;
}

/** The 1-minute load average from /proc, or undefined off Linux: a busy machine inflates every figure. */
export function loadAverage(): number | undefined {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}
