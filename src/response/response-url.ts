import { ENV } from '../constants.js';

/**
 * The hosts CloudFormation's response buckets use: `cloudformation-custom-resource-response-<region without dashes>`
 * (CloudFormation User Guide, "cfn-vpce-bucketnames") addressed virtual-host style at `s3.amazonaws.com`,
 * `s3-<region>.amazonaws.com` or `s3.<region>.amazonaws.com`, and `.amazonaws.com.cn` in the China regions.
 */
const RESPONSE_BUCKET_HOST =
  /^cloudformation-custom-resource-response-[a-z0-9]+\.s3(?:[.-](?:dualstack\.)?[a-z]{2}(?:-[a-z]+)+-\d)?\.amazonaws\.com(?:\.cn)?$/;

/** Whether crkit may send a response to `url`, and why not. */
export type ResponseUrlCheck =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly problem: string };

/** Origins allowed by the `CRKIT_ALLOW_RESPONSE_ORIGINS` environment variable (comma-separated). */
export function originsFromEnvironment(): string[] {
  return (process.env[ENV.allowResponseOrigins] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * Checks a ResponseURL before anything is sent to it: it must be https to a CloudFormation response bucket, or have
 * one of `allowedOrigins` (e.g. `http://127.0.0.1:4566` for a local emulator). The problem never quotes the query,
 * which holds the signature.
 *
 * @example
 * ```ts
 * import { checkResponseUrl } from 'crkit';
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
  if (allowedOrigins.includes(url.origin)) return { ok: true, url };
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      problem:
        `ResponseURL must use https, not ${url.protocol}; to allow ${url.origin} (e.g. a local test endpoint), ` +
        `list it in ${ENV.allowResponseOrigins} or allowedResponseOrigins`,
    };
  }
  if (!RESPONSE_BUCKET_HOST.test(url.hostname) || url.port !== '') {
    return {
      ok: false,
      problem:
        `ResponseURL host ${url.host} is not a CloudFormation response bucket; ` +
        `to allow it (e.g. a local emulator), list its origin in ${ENV.allowResponseOrigins} or allowedResponseOrigins`,
    };
  }
  return { ok: true, url };
}
