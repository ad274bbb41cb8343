import { ENV } from '../constants.js';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isResponseBucketHost } from './partitions.js';

/** Whether crkit may send a response to `url`, and why not. */
export type ResponseUrlCheck =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly problem: string };

/** Why `origin` is not an origin (`scheme://host[:port]`, lower case, no path), or undefined when it is one. */
export function originProblem(origin: string): string | undefined {
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  if (parsed?.origin === origin && (parsed.protocol === 'http:' || parsed.protocol === 'https:'))
    return undefined;
  const hint =
    parsed && /^https?:$/.test(parsed.protocol) ? `; did you mean ${JSON.stringify(parsed.origin)}?` : '';
  return `expected origins like "http://127.0.0.1:4566" (http or https, host and port, no path), got ${JSON.stringify(origin)}${hint}`;
}

/**
 * Origins allowed by the `CRKIT_ALLOW_RESPONSE_ORIGINS` environment variable (comma-separated). A malformed entry
 * (a trailing slash, `HTTP://`, a path) allows nothing: it throws a `ConfigurationError` naming it, or with a
 * `logger` (at request time, when a throw would leave the request unanswered) is logged at `error` and ignored.
 */
export function originsFromEnvironment(logger?: Logger): string[] {
  const entries = (process.env[ENV.allowResponseOrigins] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return entries.filter((origin) => {
    const problem = originProblem(origin);
    if (problem === undefined) return true;
    if (!logger) throw new ConfigurationError(ENV.allowResponseOrigins, problem);
    logger.error(`${ENV.allowResponseOrigins}: ${problem}; entry ignored`);
    return false;
  });
}

/**
 * Checks a ResponseURL before anything is sent to it: it must be https to a CloudFormation response bucket of any AWS
 * partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc), or have
 * one of `allowedOrigins` (e.g. `http://127.0.0.1:4566` for a local emulator). The problem never quotes the query,
 * which holds the signature.
 *
 * @example
 * ```ts
 * import { checkResponseUrl } from './response-url.js';
 * checkResponseUrl('https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/k?X-Amz-Signature=a', []).ok; // true
 * checkResponseUrl('https://attacker.example/k', []).ok; // false
 * ```
 */
export function checkResponseUrl(value: unknown, allowedOrigins: readonly string[]): ResponseUrlCheck {
  if (typeof value !== 'string') return { ok: false, problem: 'ResponseURL is missing or not a string' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'ResponseURL is not a URL' };
  }
  if (allowedOrigins.includes(url.origin) && url.username === '' && url.password === '')
    return { ok: true, url };
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      problem:
        `ResponseURL must use https, not ${url.protocol}; to allow ${url.origin} (e.g. a local test endpoint), ` +
        `list it in ${ENV.allowResponseOrigins} or allowedResponseOrigins`,
    };
  }
  if (!isResponseBucketHost(url.hostname) || url.port !== '' || url.username !== '' || url.password !== '') {
    return {
      ok: false,
      problem:
        `ResponseURL host ${url.host} is not a CloudFormation response bucket; ` +
        `to allow it (e.g. a local emulator), list its origin in ${ENV.allowResponseOrigins} or allowedResponseOrigins`,
    };
  }
  return { ok: true, url };
}
