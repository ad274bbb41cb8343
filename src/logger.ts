import { ENV } from './constants.js';
import { redact } from './redact.js';
import { aFunction, oneOf } from './validation/option-rules.js';
import { lazy, option, optionsObject, parseOptions, type RulesShape } from './validation/option-schemas.js';

/** Structured attributes of one log line. */
export type LogAttributes = Record<string, unknown>;

/**
 * What crkit logs through. A Powertools `Logger` satisfies it, and so does `console`.
 *
 * @example
 * ```ts
 * import type { Logger } from 'crkit/advanced';
 * const logger: Logger = console;
 * logger.info('hello', { requestId: 'r-1' });
 * ```
 */
export interface Logger {
  debug(message: string, ...attributes: LogAttributes[]): void;
  info(message: string, ...attributes: LogAttributes[]): void;
  warn(message: string, ...attributes: LogAttributes[]): void;
  error(message: string, ...attributes: LogAttributes[]): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** How much a logger writes: each level includes the ones after it. */
export type LogLevel = (typeof LEVELS)[number];

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /**
   * The lowest level written.
   * @default the `CRKIT_LOG_LEVEL` environment variable, else `'warn'` (quiet: lifecycle lines are `info`)
   */
  readonly level?: LogLevel;
  /**
   * Where each line goes.
   * @default writes the line and a newline to standard error (Lambda sends both streams to CloudWatch Logs; standard
   * output stays free for what a command prints)
   */
  readonly write?: (line: string) => void;
}

const jsonLoggerOptions = lazy(() =>
  optionsObject({
    level: option(oneOf(LEVELS)).optional(),
    write: option(aFunction('a function (line: string) => void')).optional(),
  } satisfies RulesShape<JsonLoggerOptions>),
);

/**
 * The lowest level (an index in `LEVELS`) that each of crkit's JSON loggers writes, and each wrapper of one: a line
 * below it is dropped before any work is done for it (its redaction costs more than the line). Other loggers (a
 * Powertools `Logger`, `console`) are not in it: every line goes to them, redacted.
 */
const THRESHOLDS = new WeakMap<Logger, number>();

/** Whether `logger` may write a line at `level`: false only when it is known to drop it. */
function writesAt(logger: Logger, level: LogLevel): boolean {
  const threshold = THRESHOLDS.get(logger);
  return threshold === undefined || LEVELS.indexOf(level) >= threshold;
}

/** `wrapper`, known to drop what `inner` drops. */
function sameThreshold(wrapper: Logger, inner: Logger): Logger {
  const threshold = THRESHOLDS.get(inner);
  if (threshold !== undefined) THRESHOLDS.set(wrapper, threshold);
  return wrapper;
}

function levelFromEnvironment(): LogLevel {
  const value = process.env[ENV.logLevel]?.toLowerCase();
  return LEVELS.find((level) => level === value) ?? 'warn';
}

function serialise(value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

/**
 * A logger that writes one JSON object per line, with every pre-signed URL credential removed from the line.
 *
 * @throws {ConfigurationError} when an option is unknown (naming the one it resembles) or its value is wrong.
 * @example
 * ```ts
 * import { createJsonLogger } from 'crkit/advanced';
 * const logger = createJsonLogger({ level: 'info' });
 * logger.info('response sent', { status: 'SUCCESS' });
 * ```
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const given = parseOptions(jsonLoggerOptions(), options, { root: '' });
  const threshold = LEVELS.indexOf(given.level ?? levelFromEnvironment());
  const write = given.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log =
    (level: LogLevel) =>
    (message: string, ...attributes: LogAttributes[]) => {
      if (LEVELS.indexOf(level) < threshold) return;
      const merged: LogAttributes = Object.assign({}, ...attributes);
      const entries = Object.entries(merged).map(([key, value]) => [key, serialise(value)]);
      const line = JSON.stringify({
        level,
        message,
        timestamp: new Date().toISOString(),
        ...Object.fromEntries(entries),
      });
      write(redact(line));
    };
  const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  THRESHOLDS.set(logger, threshold);
  return logger;
}

/**
 * The logger crkit logs through: each line reaches `logger`; a throw, or a rejection of a method that returns a
 * promise, is swallowed (a failing logger must never stop a request from being answered).
 */
export function guardLogger(logger: Logger): Logger {
  const guarded =
    (level: LogLevel) =>
    (message: string, ...attributes: LogAttributes[]) => {
      try {
        const written: unknown = logger[level](message, ...attributes);
        if (typeof (written as PromiseLike<unknown> | undefined)?.then === 'function') {
          (written as PromiseLike<unknown>).then(undefined, () => undefined);
        }
      } catch {
        // Nothing to do: there is nowhere else to log to.
      }
    };
  return sameThreshold(
    { debug: guarded('debug'), info: guarded('info'), warn: guarded('warn'), error: guarded('error') },
    logger,
  );
}

/**
 * A request's logger: each line's message and attributes pass through the request's redaction (`clean`) before the
 * logger sees them, whichever logger it is. A line crkit's JSON logger would drop (below its level) is dropped
 * here, unredacted and unwritten.
 */
export function redactingLogger(
  logger: Logger,
  clean: { text(text: string): string; value(value: unknown): unknown },
): Logger {
  const line =
    (level: LogLevel) =>
    (message: string, ...attributes: LogAttributes[]) => {
      if (!writesAt(logger, level)) return;
      logger[level](clean.text(message), ...attributes.map((item) => clean.value(item) as LogAttributes));
    };
  return sameThreshold(
    { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') },
    logger,
  );
}
