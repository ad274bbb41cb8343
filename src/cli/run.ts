import { ConfigurationError, CrkitError, EnvironmentError } from '../errors.js';
import { didYouMean } from '../validation/did-you-mean.js';
import { runDemoCommand } from './demo-command.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { MAIN_HELP } from './help.js';
import { runInvoke } from './invoke.js';
import type { CliIo } from './io.js';
import { runLifecycle } from './lifecycle-command.js';
import { UsageError } from './usage-error.js';
import { crkitVersion } from './version.js';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<ExitCode>> = {
  invoke: runInvoke,
  lifecycle: runLifecycle,
  demo: runDemoCommand,
};

/** The exit code for an error a command threw, after saying what to do about it. */
function report(error: unknown, io: CliIo): ExitCode {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError || error instanceof ConfigurationError) {
    io.err(`crkit: ${message}\n`);
    return EXIT.usage;
  }
  if (error instanceof EnvironmentError) {
    io.err(`crkit: ${message}\n`);
    return EXIT.environment;
  }
  if (error instanceof CrkitError) {
    io.err(`crkit: ${message}\n`);
    return EXIT.failed;
  }
  io.err(`crkit: unexpected error: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  return EXIT.failed;
}

/** Runs one `crkit` command line and returns its exit code; never throws. */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)(MAIN_HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.out(`crkit ${crkitVersion()}\n`);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    const known = Object.keys(COMMANDS);
    io.err(
      `crkit: unknown command ${JSON.stringify(command)}${didYouMean(command, [...known, '--version', '--help'])}; ` +
        `the commands are ${known.join(', ')} (see crkit --help)\n`,
    );
    return EXIT.usage;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    return report(error, io);
  }
}
