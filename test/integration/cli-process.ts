import { execFile } from 'node:child_process';
import { environment, ROOT, type Run } from '../helpers/cli.js';

export { ANSI, FAILING, WIDGET } from '../helpers/cli.js';

/**
 * Runs `crkit` as a user would (through tsx, as `npm start` does), in a process of its own, with colour settings only
 * from `env`. Most CLI tests run it in-process (`runCrkit`, test/helpers/cli.ts); these are the ones that need the
 * process: its exit code, Node's own module loading, or the environment `--local` sets for the provider.
 */
export function crkit(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: ROOT, env: environment(env), timeout: 45_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}
