import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { didYouMean } from '../validation/did-you-mean.js';
import { UsageError } from './usage-error.js';

/**
 * Runs node:util's `parseArgs` and turns its errors into a {@link UsageError} that points at the command's help; an
 * unknown flag is named with the known one it most resembles (`flags`, the command's option names).
 */
export function parseCommandLine<T>(command: string, parse: () => T, flags: readonly string[] = []): T {
  try {
    return parse();
  } catch (error) {
    const unknown = /^Unknown option '(--?[^']+)'/.exec(error instanceof Error ? error.message : '')?.[1];
    if (unknown !== undefined) {
      const known = flags.map((flag) => `--${flag}`);
      const hint = didYouMean(unknown, known) || `; the flags are ${known.join(', ')}`;
      throw new UsageError(`unknown flag ${unknown}${hint}; see crkit ${command} --help`, { cause: error });
    }
    // Node's messages run on with advice about "--"; the first sentence names the flag and the problem.
    const message =
      error instanceof Error ? (error.message.split(/\.\s/)[0] ?? error.message) : String(error);
    throw new UsageError(`${message.replace(/\.$/, '')}; see crkit ${command} --help`, { cause: error });
  }
}

/** Where in `text` JSON.parse stopped, from V8's message (the end of the text when it ran out). */
function positionOf(message: string, text: string): number | undefined {
  const at = /at position (\d+)/.exec(message)?.[1];
  if (at !== undefined) return Number(at);
  return /end of JSON input/.test(message) ? text.length : undefined;
}

/** A short view of `text` around `position`, with a caret under it. */
function pointAt(text: string, position: number): string {
  const start = Math.max(0, position - 30);
  const excerpt = text.slice(start, position + 30).replace(/\s/g, ' ');
  return `    ${start > 0 ? '...' : ''}${excerpt}\n    ${' '.repeat(position - start + (start > 0 ? 3 : 0))}^`;
}

/**
 * Parses the JSON object a flag was given. A syntax error names the flag and the position, and shows where.
 *
 * @throws {UsageError} when the text is not JSON or not an object.
 */
export function parseJsonObject(flag: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = positionOf(message, text);
    const reason = message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/, ".*" is not valid JSON$/, '');
    const where = position === undefined ? '' : ` at position ${position}`;
    const view = position === undefined ? '' : `\n${pointAt(text, position)}`;
    throw new UsageError(
      `${flag}: not valid JSON${where}: ${reason}${view}\n  write an object such as '{"Name":"a"}'`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    throw new UsageError(`${flag}: expected a JSON object such as '{"Name":"a"}', got ${kind}`);
  }
  return value as Record<string, unknown>;
}

/** Reads and parses a JSON file a flag names. */
export async function readJsonFile(flag: string, path: string, cwd: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : String(error);
    throw new UsageError(`${flag}: cannot read ${path}: ${why}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = positionOf(message, text);
    const view = position === undefined ? '' : `\n${pointAt(text, position)}`;
    throw new UsageError(`${flag}: ${path} is not valid JSON: ${message}${view}`);
  }
}

/** The value of an enumerated flag, or a usage error listing the choices. */
export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  // `update` means Update: a choice differs from another by more than its case.
  const chosen = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
  if (chosen !== undefined) return chosen;
  throw new UsageError(`${flag}: expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
}

/** A positive number of seconds, as milliseconds. */
export function secondsFlag(flag: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(
      `${flag}: expected a number of seconds greater than 0, got ${JSON.stringify(value)}`,
    );
  }
  return Math.round(seconds * 1000);
}
