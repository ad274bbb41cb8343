import { fileURLToPath } from 'node:url';
import { colourEnabled, painter } from '../../src/cli/colour.js';
import { runCli } from '../../src/cli/run.js';

/** The repository root, where `crkit` runs in these tests (as `npm run crkit` does). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
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

/** The environment a run sees: this process's, with colour settings only from `env`. */
export function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  const { NO_COLOR, FORCE_COLOR, ...inherited } = process.env;
  return { ...inherited, ...env };
}

/**
 * Runs `crkit` in this process, through the entry `src/cli/main.ts` hands the process to (`runCli`), with standard
 * output and error captured as a pipe would have them (not a terminal, so colour only when `FORCE_COLOR` asks).
 * The environment is a copy: a command that sets variables for a provider (`--local`) must run in a process of its
 * own (`crkit` in test/integration/cli-process.ts).
 */
export async function runCrkit(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const seen = environment(env);
  const code = await runCli(args, {
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    paint: painter(colourEnabled({ isTTY: false }, seen)),
    env: seen,
    cwd: ROOT,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}
