import { parseArgs } from 'node:util';
import { EnvironmentError } from '../errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { DEMO_HELP } from './help.js';
import type { CliIo } from './io.js';
import { parseCommandLine } from './parse.js';
import { UsageError } from './usage-error.js';

// The AWS SDK clients the demo's providers and checks use (dev dependencies of crkit, not dependencies).
const DEMO_PACKAGES = [
  '@aws-sdk/client-cognito-identity-provider',
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-ec2',
  '@aws-sdk/client-route-53',
  '@aws-sdk/client-sns',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-sts',
  '@aws-sdk/client-s3',
  '@aws-sdk/s3-request-presigner',
];

/** The demo loads the providers and their AWS SDK clients: only when asked for. */
async function loadDemo() {
  try {
    return await import('./demo/demo.js');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new EnvironmentError(
      `crkit demo needs the AWS SDK clients of its providers (${(error as Error).message}): ` +
        `npm install --save-dev ${DEMO_PACKAGES.join(' ')}`,
      { cause: error },
    );
  }
}

/**
 * `crkit demo`'s command line: its flags are read, `--help` answered and a usage error reported before the demo's
 * providers and their AWS SDK clients load (a second or more).
 */
export async function runDemoCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandLine(
    'demo',
    () =>
      parseArgs({
        args,
        options: { help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      }),
    ['help'],
  );
  if (values.help) {
    io.out(DEMO_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0)
    throw new UsageError(`crkit demo takes no arguments, got ${positionals.join(' ')}`);
  return (await loadDemo()).runDemo(io);
}
