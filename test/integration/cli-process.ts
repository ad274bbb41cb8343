import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The provider fixtures the CLI tests drive. */
export const WIDGET = 'test/fixtures/providers/widget.ts';
export const FAILING = 'test/fixtures/providers/failing.ts';
/** An ANSI escape, what colour output is made of. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI escape is what colour output is made of.
export const ANSI = /\u001b\[\d+m/;

/** What one run of the CLI came to. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `crkit` as a user would (through tsx, as `npm start` does), with colour settings only from `env`. */
export function crkit(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const { NO_COLOR, FORCE_COLOR, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: root, env: { ...inherited, ...env }, timeout: 45_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}
