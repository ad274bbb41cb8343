import { createJsonLogger, type LogLevel } from '../logger.js';
import type { ConnectProviderOptions } from '../testing/connect-provider.js';
import type { RequestRoute } from '../testing/deliveries.js';
import { type AwsTarget, prepareAws } from './aws-target.js';
import type { CliIo } from './io.js';
import { type LoadedProvider, loadProvider } from './load-provider.js';
import { oneOf, secondsFlag } from './parse.js';
import { runSetup } from './run-setup.js';
import { UsageError } from './usage-error.js';

/** The flags `invoke` and `lifecycle` share, for node:util's parseArgs. */
export const PROVIDER_FLAGS = {
  'resource-type': { type: 'string' },
  'logical-id': { type: 'string' },
  'stack-id': { type: 'string' },
  export: { type: 'string' },
  via: { type: 'string' },
  raw: { type: 'boolean' },
  local: { type: 'boolean' },
  timeout: { type: 'string' },
  'log-level': { type: 'string' },
  setup: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The shared flags as parsed. */
export interface ProviderFlagValues {
  readonly 'resource-type'?: string | undefined;
  readonly 'logical-id'?: string | undefined;
  readonly 'stack-id'?: string | undefined;
  readonly export?: string | undefined;
  readonly via?: string | undefined;
  readonly raw?: boolean | undefined;
  readonly local?: boolean | undefined;
  readonly timeout?: string | undefined;
  readonly 'log-level'?: string | undefined;
  readonly setup?: string | undefined;
}

/** The shared flags as `--help` shows them. */
export const PROVIDER_FLAGS_HELP = `  --resource-type T     the ResourceType sent (default: the definition's own; required for a handler export)
  --export NAME         the module export to use (default: its one definition or router, else \`handler\`)
  --via lambda|sns|sqs  how requests arrive: invoked directly, in an SNS event, or in an SQS event (default lambda)
  --raw                 with --via sqs: raw message delivery (the body is the request, not an SNS notification)
  --local               run against the local AWS emulator (moto_server), started and stopped by crkit
  --logical-id ID       the LogicalResourceId (default Resource)
  --stack-id ARN        the StackId (default a new stack in account 123456789012)
  --timeout SECONDS     the Lambda timeout each request gets (default 30)
  --log-level LEVEL     crkit's log lines to stderr: debug, info, warn or error (default warn)
  --setup MODULE        run this module's default export first, to prepare what the provider needs (a bucket)
  -h, --help            show this help`;

/** A provider loaded and connected as the flags say, ready to receive requests. */
export interface ProviderSession {
  readonly loaded: LoadedProvider;
  readonly aws: AwsTarget;
  readonly resourceType: string;
  readonly connect: ConnectProviderOptions;
  readonly via: RequestRoute;
  /** The header line: what runs, against what. */
  readonly header: string;
}

/**
 * Starts the emulator when asked (before the module loads, so that its AWS clients point there), loads the module
 * and resolves the shared flags. The caller stops `aws` when done.
 */
export async function openProviderSession(
  command: string,
  modulePath: string | undefined,
  values: ProviderFlagValues,
  io: CliIo,
): Promise<ProviderSession> {
  if (!modulePath)
    throw new UsageError(
      `missing <module>: crkit ${command} path/to/provider.ts; see crkit ${command} --help`,
    );
  const via = oneOf('--via', values.via, ['lambda', 'sns', 'sqs'] as const, 'lambda');
  if (values.raw && via !== 'sqs') throw new UsageError('--raw applies to --via sqs only');
  const level = oneOf<LogLevel>(
    '--log-level',
    values['log-level'],
    ['debug', 'info', 'warn', 'error'],
    'warn',
  );
  const lambdaTimeoutMs = secondsFlag('--timeout', values.timeout, 30_000);
  const aws = await prepareAws(values.local === true, io.env);
  try {
    if (values.setup !== undefined) await runSetup(values.setup, io.cwd, aws.aws);
    const loaded = await loadProvider(modulePath, {
      cwd: io.cwd,
      exportName: values.export,
      resourceType: values['resource-type'],
      via,
    });
    const resourceType = values['resource-type'] ?? loaded.resourceType;
    if (!resourceType) {
      throw new UsageError(
        `--resource-type: the export ${loaded.exportName} is a handler function, which does not say what it serves: ` +
          'pass --resource-type Custom::Name',
      );
    }
    const logger = createJsonLogger({ level, write: (line) => io.err(`${line}\n`) });
    return {
      loaded,
      aws,
      resourceType,
      via,
      connect: { via, raw: values.raw === true, lambdaTimeoutMs, logger },
      header:
        `${resourceType} from ${modulePath} (export ${loaded.exportName}), via ${via}${values.raw ? ' (raw)' : ''}, ` +
        `against ${aws.description}; responses to a local capture`,
    };
  } catch (error) {
    await aws.stop();
    throw error;
  }
}
