import { setTimeout as sleep } from 'node:timers/promises';
import { allowAccounts } from '../access/allow-accounts.js';
import { PROVIDER_ENV } from '../constants.js';
import { ConfigurationError } from '../errors.js';
import type { CustomResourceEvent } from '../event/schema.js';
import { createJsonLogger, guardLogger, type Logger } from '../logger.js';
import { originProblem, originsFromEnvironment } from '../response/response-url.js';
import type { RetryOptions, SendDependencies } from '../response/send-response.js';
import { defaultTransport, preloadTransport, type ResponseTransport } from '../response/transport.js';

/** Options shared by every entry point (`lambdaHandler`, and the SNS and SQS entries). */
export interface HandlerOptions {
  /** Where crkit logs. A Powertools `Logger` fits. @default a JSON logger, level from `CRKIT_LOG_LEVEL`, else warn */
  readonly logger?: Logger;
  /**
   * Origins besides CloudFormation's S3 response buckets that may receive responses, e.g. `http://127.0.0.1:4566`
   * for a local emulator. The `CRKIT_ALLOW_RESPONSE_ORIGINS` environment variable adds to it.
   * @default []
   */
  readonly allowedResponseOrigins?: readonly string[];
  /**
   * How long before the deadline (the Lambda's remaining time or the resource's `ServiceTimeout`, whichever ends
   * first) crkit answers FAILED and aborts the handler. Capped at a quarter of the time available; at least 500.
   * @default 3000
   */
  readonly timeoutMarginMs?: number;
  /**
   * Decides who may ask, after the request is parsed and before anything else: return a reason to refuse it
   * (answered FAILED with that reason, without calling any handler) or `undefined` to serve it.
   * @default every request is served
   */
  readonly authorize?: (event: CustomResourceEvent) => string | undefined | Promise<string | undefined>;
  /** How the response PUT is retried. @default 5 tries, 250 ms first backoff doubling to 4 s, full jitter */
  readonly retry?: RetryOptions;
  /** How the response PUT is sent. @default undici, falling back to `node:https` when undici throws */
  readonly transport?: ResponseTransport;
  /** The clock, in epoch milliseconds (for tests). @default Date.now */
  readonly now?: () => number;
  /** Waits between tries (for tests). @default node:timers/promises setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (for tests). @default Math.random */
  readonly random?: () => number;
}

/** Options with every default filled in. */
export interface ResolvedOptions extends SendDependencies {
  readonly logger: Logger;
  readonly allowedResponseOrigins: readonly string[];
  readonly timeoutMarginMs: number;
  readonly retry: RetryOptions;
  readonly preload: () => void;
  readonly authorize: NonNullable<HandlerOptions['authorize']>;
}

function checkOrigin(origin: string): string {
  const problem = originProblem(origin);
  if (problem !== undefined) throw new ConfigurationError('allowedResponseOrigins', problem);
  return origin;
}

function checkRetry(retry: RetryOptions): RetryOptions {
  const { attempts } = retry;
  if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 1 && attempts <= 10)) {
    throw new ConfigurationError('retry.attempts', `expected an integer from 1 to 10, got ${attempts}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'attemptTimeoutMs'] as const) {
    const value = retry[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new ConfigurationError(`retry.${key}`, `expected a number of milliseconds >= 0, got ${value}`);
    }
  }
  return retry;
}

/**
 * `authorize`, behind the allowlist crkit's SNS provider construct puts in the function's environment
 * (`CRKIT_ALLOWED_ACCOUNTS`, `CRKIT_ALLOWED_ORGANIZATIONS`): configured there, it is enforced without any code.
 */
function withEnvironmentAllowlist(
  authorize: HandlerOptions['authorize'],
): NonNullable<HandlerOptions['authorize']> {
  const list = (name: string) =>
    (process.env[name] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const accounts = list(PROVIDER_ENV.allowedAccounts);
  const organizations = list(PROVIDER_ENV.allowedOrganizations);
  const configured = [PROVIDER_ENV.allowedAccounts, PROVIDER_ENV.allowedOrganizations].some(
    (name) => (process.env[name] ?? '') !== '',
  );
  if (!configured) return authorize ?? (() => undefined);
  // Set but naming no one: fail closed rather than serve everyone.
  if (accounts.length === 0 && organizations.length === 0) {
    return () =>
      `refused: ${PROVIDER_ENV.allowedAccounts} and ${PROVIDER_ENV.allowedOrganizations} name no account`;
  }
  const gate = allowAccounts({ accounts, organizations });
  return async (event) => (await gate(event)) ?? authorize?.(event);
}

/** The smallest `timeoutMarginMs`: below it the answer may leave after the invocation has ended. */
const MIN_MARGIN_MS = 500;

function checkLogger(logger: unknown): void {
  const missing = (['debug', 'info', 'warn', 'error'] as const).filter(
    (level) => typeof (logger as Record<string, unknown> | null)?.[level] !== 'function',
  );
  if (missing.length > 0) {
    throw new ConfigurationError(
      'logger',
      `expected an object with debug, info, warn and error methods (console or a Powertools Logger); missing ${missing.join(', ')}`,
    );
  }
}

/** Validates options at construction, naming the offending option, and fills in the defaults. */
export function resolveOptions(options: HandlerOptions = {}): ResolvedOptions {
  const margin = options.timeoutMarginMs ?? 3000;
  if (!(Number.isFinite(margin) && margin >= MIN_MARGIN_MS)) {
    throw new ConfigurationError(
      'timeoutMarginMs',
      `expected at least ${MIN_MARGIN_MS} ms (time to answer CloudFormation before the invocation ends), got ${margin}`,
    );
  }
  if (options.logger !== undefined) checkLogger(options.logger);
  // A malformed CRKIT_ALLOW_RESPONSE_ORIGINS is reported now, when the handler is built, not at deploy time.
  originsFromEnvironment();
  const transport = options.transport ?? defaultTransport;
  return {
    logger: guardLogger(options.logger ?? createJsonLogger()),
    allowedResponseOrigins: (options.allowedResponseOrigins ?? []).map(checkOrigin),
    timeoutMarginMs: margin,
    retry: checkRetry(options.retry ?? {}),
    transport,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => sleep(ms)),
    random: options.random ?? Math.random,
    authorize: withEnvironmentAllowlist(options.authorize),
    preload: transport === defaultTransport ? preloadTransport : () => undefined,
  };
}
