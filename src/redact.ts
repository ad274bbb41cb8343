/**
 * Pre-signed URL query parameters that are credentials: SigV4 (`X-Amz-*`) and the older SigV2 (`Signature`,
 * `AWSAccessKeyId`). Removing them leaves a URL that identifies the object but cannot write it. The separator before
 * one may be written `&`, `;`, `&amp;`, `\u0026` or percent-encoded (a URL inside another's query), and a line
 * break may follow its `=`.
 */
const CREDENTIAL_PARAMETER =
  /((?:[?&;]|&amp;|\\u0026|%26|%3F|%3B)(?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId)(?:=|%3D)\s*)(?:(?!%26|%3B)[^&;\s"'<>\\])*/gi;

/**
 * Removes pre-signed URL credentials from any text (a log line, an error message, a Reason). Defence in depth: crkit
 * never puts a ResponseURL into text on purpose, but a handler's error message might.
 *
 * @example
 * ```ts
 * import { redact } from './redact.js';
 * redact('PUT https://bucket.s3.amazonaws.com/key?X-Amz-Signature=abc failed');
 * // 'PUT https://bucket.s3.amazonaws.com/key?X-Amz-Signature=[redacted] failed'
 * ```
 */
export function redact(text: string): string {
  return text.replace(CREDENTIAL_PARAMETER, '$1[redacted]');
}

/**
 * How a ResponseURL may appear in logs: its host and path, never its query (which holds the signature).
 *
 * @example
 * ```ts
 * import { describeUrl } from './redact.js';
 * describeUrl('https://b.s3.amazonaws.com/a/b?X-Amz-Signature=abc'); // 'b.s3.amazonaws.com/a/b'
 * ```
 */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}
