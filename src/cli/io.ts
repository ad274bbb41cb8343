import { colourEnabled, type Paint, painter } from './colour.js';

/** Where a command writes, and how it colours. */
export interface CliIo {
  /** Writes to standard output (results: a timeline, a response). */
  out(text: string): void;
  /** Writes to standard error (diagnostics, errors). */
  err(text: string): void;
  readonly paint: Paint;
  readonly env: NodeJS.ProcessEnv;
  /** The directory module paths are resolved from. */
  readonly cwd: string;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    paint: painter(colourEnabled(process.stdout, process.env)),
    env: process.env,
    cwd: process.cwd(),
  };
}
