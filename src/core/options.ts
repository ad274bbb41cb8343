import { allowAccounts } from '../access/allow-accounts.js';
import { PROVIDER_ENV } from '../constants.js';
import type { CustomResourceEvent } from '../event/schema.js';
import { createJsonLogger, guardLogger, type Logger } from '../logger.js';
import { originProblem, originsFromEnvironment } from '../response/response-url.js';
import type { RetryOptions, SendDependencies } from '../response/send-response.js';
import { defaultTransport, preloadTransport } from '../response/transport.js';
import { TEST_SEAM_HINTS, testSeamsOf, withTestSeams } from '../test-seams.js';
import { aFunction, integerFrom, milliseconds, withMethods } from '../validation/option-rules.js';
import {
  listOf,
  type OptionSpec,
  option,
  optionsObject,
  parseOptions,
  type RulesShape,
} from '../validation/option-schemas.js';
import { delay } from './lazy-builtins.js';

/**
 * Options shared by every entry point (`lambdaHandler`, and the SNS and SQS entries). Any other key is refused when
 * the handler is built; tests pass fakes of crkit's I/O with `...testSeams({ ... })` from `crkit/testing`.
 */
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
}

/** Options with every default filled in. */
export interface ResolvedOptions extends SendDependencies {
  readonly logger: Logger;
  readonly allowedResponseOrigins: readonly string[];
  readonly timeoutMarginMs: number;
  readonly retry: RetryOptions;
  /** Starts loading what answering to a ResponseURL of this scheme (`https:`) takes. */
  readonly preload: (protocol: string) => void;
  readonly authorize: NonNullable<HandlerOptions['authorize']>;
}

/** The smallest `timeoutMarginMs`: below it the answer may leave after the invocation has ended. */
const MIN_MARGIN_MS = 500;

/** The rules of {@link HandlerOptions}, for each entry to extend with its own. */
export const handlerOptionsShape = (): RulesShape<HandlerOptions> => ({
  logger: option(
    withMethods(['debug', 'info', 'warn', 'error'], 'console or a Powertools Logger'),
  ).optional(),
  allowedResponseOrigins: listOf(
    {
      expected: (value) => originProblem(String(value)) ?? '',
      test: (value) => typeof value === 'string' && originProblem(value) === undefined,
    },
    'a list of origins',
  ).optional(),
  timeoutMarginMs: option({
    expected: `at least ${MIN_MARGIN_MS} ms (time to answer CloudFormation before the invocation ends)`,
    test: (value) => typeof value === 'number' && Number.isFinite(value) && value >= MIN_MARGIN_MS,
  }).optional(),
  authorize: option(aFunction('a function (event) => reason | undefined')).optional(),
  retry: optionsObject({
    attempts: option(integerFrom(1, 10)).optional(),
    baseDelayMs: option(milliseconds).optional(),
    maxDelayMs: option(milliseconds).optional(),
    attemptTimeoutMs: option(milliseconds).optional(),
  } satisfies RulesShape<RetryOptions>).optional(),
});

/**
 * An entry's options object: `shape` and nothing else. A test seam passed as an option is named as one, and so is
 * each key of `hints` (an option of another entry).
 */
export const entryOptions = (
  shape: Readonly<Record<string, OptionSpec>>,
  hints: Readonly<Record<string, string>> = {},
): OptionSpec => optionsObject(shape, { ...TEST_SEAM_HINTS, ...hints });

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

/**
 * Checks an entry's options at construction against `declared` (its options: {@link handlerOptionsShape} and its
 * own), naming the offending option, and fills in the defaults; test seams come from `testSeams`. Each option is
 * read once: `given` is the options as checked, which the entry reads from then on (a getter that answered the
 * check cannot answer a request with something else).
 * @throws ConfigurationError naming the first option refused.
 */
export function resolveOptions<O extends HandlerOptions>(
  options: O | undefined,
  declared: OptionSpec,
): { readonly resolved: ResolvedOptions; readonly given: O } {
  const checked = parseOptions(declared, options ?? ({} as O));
  // A malformed CRKIT_ALLOW_RESPONSE_ORIGINS is reported now, when the handler is built, not at deploy time.
  originsFromEnvironment();
  // The seams, read once from the options as given (however they arrive), travel with the checked copy.
  const seams = testSeamsOf(options);
  const given = Object.keys(seams).length === 0 ? checked : withTestSeams(checked, seams);
  const transport = seams.transport ?? defaultTransport;
  const logger = guardLogger(given.logger ?? createJsonLogger());
  const resolved: ResolvedOptions = {
    logger,
    allowedResponseOrigins: given.allowedResponseOrigins ?? [],
    timeoutMarginMs: given.timeoutMarginMs ?? 3000,
    retry: given.retry ?? {},
    transport,
    now: seams.now ?? Date.now,
    sleep: seams.sleep ?? ((ms) => delay(ms)),
    random: seams.random ?? Math.random,
    authorize: withEnvironmentAllowlist(given.authorize),
    preload:
      transport === defaultTransport ? (protocol) => preloadTransport(protocol, logger) : () => undefined,
  };
  return { resolved, given };
}
