import { createServer } from 'node:net';
import { ConfigurationError, EnvironmentError } from '../errors.js';
import { checkLocalAwsOptions } from './kit-options.js';
import { launchMoto, MOTO_HOST } from './moto-process.js';

const COMMAND_ENV = 'CRKIT_MOTO_SERVER';
const PORT_ATTEMPTS = 3;
// moto/core/models.py DEFAULT_ACCOUNT_ID: every request signed with an access key moto did not issue itself (through
// sts:AssumeRole or iam:CreateAccessKey) lands in this account, unless MOTO_ACCOUNT_ID overrides it server-wide.
const MOTO_DEFAULT_ACCOUNT_ID = '123456789012';
// Node 20 before 20.4 has no Symbol.asyncDispose; the `await using` helpers of esbuild (vitest, tsx) then fall back to
// this registered symbol, so disposal works there too.
const asyncDispose: typeof Symbol.asyncDispose =
  Symbol.asyncDispose ?? (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose);

/**
 * How {@link startLocalAws} starts the emulator.
 *
 * @example
 * ```ts
 * import type { LocalAwsOptions } from 'crkit/testing';
 * const options: LocalAwsOptions = { region: 'eu-west-1', serverEnv: { DOCKER_HOST: 'unix:///nonexistent' } };
 * ```
 */
export interface LocalAwsOptions {
  /**
   * The `moto_server` executable, a path or a name looked up on PATH.
   * @default process.env.CRKIT_MOTO_SERVER, else 'moto_server'
   */
  readonly command?: string;
  /**
   * The region clients are configured for (moto serves every region on one endpoint).
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * How long to wait for the emulator to answer HTTP before giving up.
   * @default 20_000
   */
  readonly startupTimeoutMs?: number;
  /**
   * Extra environment variables for the emulator process, merged over `process.env`; for example
   * `{ DOCKER_HOST: 'unix:///nonexistent' }` so Lambda invocations never try Docker. Setting `MOTO_ACCOUNT_ID` here
   * puts every request in that account and so disables moto's per-access-key account isolation.
   * @default {}
   */
  readonly serverEnv?: Readonly<Record<string, string>>;
}

/**
 * Static credentials the emulator accepts (moto checks no signatures).
 *
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { startLocalAws } from 'crkit/testing';
 * const aws = await startLocalAws();
 * const s3 = new S3Client({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials });
 * await aws.stop();
 * ```
 */
export interface LocalAwsCredentials {
  /** @default 'testing' */
  readonly accessKeyId: string;
  /** @default 'testing' */
  readonly secretAccessKey: string;
}

/**
 * Configuration for any AWS SDK v3 client constructed in-process.
 *
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { startLocalAws } from 'crkit/testing';
 * const aws = await startLocalAws();
 * const s3 = new S3Client({ ...aws.clientConfig, requestChecksumCalculation: 'WHEN_REQUIRED' });
 * await aws.stop();
 * ```
 */
export interface LocalAwsClientConfig {
  /** The emulator's URL, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  /** @default 'us-east-1' */
  readonly region: string;
  /** The static test credentials. */
  readonly credentials: LocalAwsCredentials;
  /** S3 only (other clients ignore it): an IP endpoint already implies path style, this makes it explicit. */
  readonly forcePathStyle: true;
}

/**
 * A running emulator; stop it with `stop()` or let `await using` do so.
 *
 * @example
 * ```ts
 * import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
 * import { type LocalAws, startLocalAws } from 'crkit/testing';
 * import { afterAll, beforeAll, expect, it } from 'vitest';
 *
 * let aws: LocalAws;
 * beforeAll(async () => {
 *   aws = await startLocalAws();
 * });
 * afterAll(() => aws?.stop());
 * it('talks to the emulator', async () => {
 *   const sts = new STSClient(aws.clientConfig);
 *   expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(aws.accountId);
 * });
 * ```
 */
export interface LocalAws extends AsyncDisposable {
  /** The emulator's URL, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  /** The loopback port it serves on. */
  readonly port: number;
  /** The region clients are configured for. */
  readonly region: string;
  /** The account that requests with {@link LocalAws.credentials} act in, `123456789012` unless `MOTO_ACCOUNT_ID` is set. */
  readonly accountId: string;
  /** The static test credentials. */
  readonly credentials: LocalAwsCredentials;
  /** `{ endpoint, region, credentials, forcePathStyle }` for `new XxxClient(aws.clientConfig)`. */
  readonly clientConfig: LocalAwsClientConfig;
  /**
   * Environment variables that point an AWS SDK (v3, or any SDK that reads `AWS_ENDPOINT_URL`) at the emulator, for
   * a child process or `vi.stubEnv`. `AWS_PROFILE` in the surrounding environment makes SDK v3 skip these
   * credentials, so unset it.
   */
  readonly env: Readonly<Record<string, string>>;
  /** The emulator's process id. */
  readonly pid: number;
  /** Terminates the emulator and resolves once it has exited; calling it again is harmless. */
  stop(): Promise<void>;
}

/**
 * Starts the local AWS emulator `moto_server` on a free loopback port and resolves once it serves requests. The
 * process is killed by `stop()`, on process exit, and (on POSIX) when the Node process dies by a signal.
 *
 * @throws {ConfigurationError} when an option is unknown (naming the one it resembles) or its value is wrong.
 * @throws {EnvironmentError} when `moto_server` is not installed, exits early or does not answer in time.
 * @example
 * ```ts
 * import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
 * import { startLocalAws } from 'crkit/testing';
 *
 * await using aws = await startLocalAws();
 * const sts = new STSClient(aws.clientConfig);
 * const { Account } = await sts.send(new GetCallerIdentityCommand({}));
 * // Account === aws.accountId
 * ```
 */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  checkLocalAwsOptions(options);
  // An empty CRKIT_MOTO_SERVER counts as unset, as shells often export empty variables.
  const command = options.command ?? (process.env[COMMAND_ENV] || 'moto_server');
  const region = options.region ?? 'us-east-1';
  const startupTimeoutMs = options.startupTimeoutMs ?? 20_000;
  const serverEnv = options.serverEnv ?? {};
  if (command.trim() === '') {
    throw new ConfigurationError('command', 'expected an executable name or path, got ""');
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new ConfigurationError(
      'region',
      `expected a region name such as "us-east-1", got ${JSON.stringify(region)}`,
    );
  }
  if (!Number.isFinite(startupTimeoutMs) || startupTimeoutMs <= 0) {
    throw new ConfigurationError(
      'startupTimeoutMs',
      `expected a positive number of milliseconds, got ${startupTimeoutMs}`,
    );
  }
  const env = { ...process.env, ...serverEnv };

  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await findFreePort();
    const moto = await launchMoto({ command, port, env, startupTimeoutMs });
    if (moto === 'port-taken') continue;
    return localAwsHandle({
      endpoint: `http://${MOTO_HOST}:${port}`,
      region,
      accountId: env.MOTO_ACCOUNT_ID || MOTO_DEFAULT_ACCOUNT_ID,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      pid: moto.pid,
      stop: moto.stop,
    });
  }
  throw new EnvironmentError(
    `${command} lost its port to another process ${PORT_ATTEMPTS} times in a row; retry, or free loopback ports`,
  );
}

/**
 * The {@link LocalAws} handle of an emulator at `endpoint` (`http://127.0.0.1:PORT`), acting as `credentials` in
 * `accountId`. Internal: crkit's own integration tests make one per test file on a shared emulator.
 */
export function localAwsHandle(
  handle: Pick<LocalAws, 'endpoint' | 'region' | 'accountId' | 'credentials' | 'pid' | 'stop'>,
): LocalAws {
  const { endpoint, region, credentials, stop } = handle;
  return {
    ...handle,
    port: Number(new URL(endpoint).port),
    clientConfig: { endpoint, region, credentials, forcePathStyle: true },
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      // Without it, an SDK that finds no credentials first spends seconds probing the EC2 metadata service.
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    [asyncDispose]: stop,
  };
}

// Port 0 makes the kernel pick a free port; it is released again before moto binds it, hence the retry above.
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (cause) =>
      reject(
        new EnvironmentError(`cannot bind a loopback port on ${MOTO_HOST}: ${cause.message}`, { cause }),
      ),
    );
    server.listen(0, MOTO_HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
