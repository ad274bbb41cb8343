import { redact } from '../redact.js';

/**
 * The one redaction step of a request: every string crkit sends out for it (a Reason, each log line before any
 * logger sees it, a stored body) passes through `text`, which removes the request's own secrets (its ResponseURL
 * and the credentials in it, the values of `sensitiveProperties`, NoEcho Data) in every form they take: as written,
 * percent-encoded, JSON-escaped, HTML-escaped; and, as `redact` does, the credentials of any pre-signed URL.
 */
export interface Redactor {
  /** Adds a secret (a string, or a value whose strings are all secret); short values (< 4 characters) are ignored. */
  add(secret: unknown): void;
  /** `text` without any known secret, in any of its encodings. */
  text(text: string): string;
  /** A log attribute value with every string in it redacted (objects copied, never mutated). */
  value(value: unknown): unknown;
}

const MASK = '[redacted]';
const MIN_SECRET_LENGTH = 4;

const html = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
/** The forms a secret takes when text quotes it: as is, percent-encoded (once, twice), JSON- and HTML-escaped. */
function formsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const encoded = encodeURIComponent(secret);
  const strict = encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const forms = [
    secret,
    encoded,
    strict,
    strict.replaceAll('%20', '+'),
    new URLSearchParams({ s: secret }).toString().slice(2),
    encodeURIComponent(encoded),
    json,
    json.replaceAll('&', '\\u0026').replaceAll('<', '\\u003c').replaceAll('>', '\\u003e'),
    html(secret),
    html(secret).replaceAll("'", '&#39;'),
    html(secret).replaceAll("'", '&#x27;'),
    secret.replaceAll('&', '&amp;'),
  ];
  return [...new Set(forms)].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** The secret parts of a URL: its pre-signed credentials, each query value of a credential parameter. */
function urlSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    const secrets = [...parsed.searchParams.entries()]
      .filter(([key]) => /signature|credential|security-token|awsaccesskeyid/i.test(key))
      .map(([, value]) => value);
    return [url, parsed.search.slice(1), ...secrets];
  } catch {
    return [url];
  }
}

/** Creates the redactor of one request. */
export function createRedactor(): Redactor {
  // Secrets are recorded as they are added (strings do not change) and their forms worked out at the first `text`
  // after: most requests that succeed never redact a text, and the forms of a ResponseURL take a cold start
  // milliseconds to compute.
  const secrets: string[] = [];
  const forms = new Set<string>();
  let formed = 0;
  /** The forms to remove, longest first, so that a secret containing another is removed whole. */
  let sorted: string[] = [];
  const currentForms = (): readonly string[] => {
    if (formed === secrets.length) return sorted;
    for (const secret of secrets.slice(formed)) {
      const parts = /^https?:\/\//i.test(secret) ? urlSecrets(secret) : [secret];
      for (const part of parts) for (const form of formsOf(part)) forms.add(form);
    }
    formed = secrets.length;
    sorted = [...forms].sort((a, b) => b.length - a.length);
    return sorted;
  };
  const add = (secret: unknown, depth = 0): void => {
    if (depth > 8 || secret === undefined || secret === null) return;
    if (typeof secret === 'string') {
      secrets.push(secret);
    } else if (typeof secret === 'number' || typeof secret === 'boolean' || typeof secret === 'bigint') {
      secrets.push(String(secret));
    } else if (typeof secret === 'object') {
      try {
        for (const item of Object.values(secret)) add(item, depth + 1);
      } catch {
        // A value whose properties cannot be read holds nothing to look for.
      }
    }
  };
  const text = (input: string): string => {
    let output = input;
    for (const form of currentForms()) output = output.replaceAll(form, MASK);
    return redact(output);
  };
  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === 'string') return text(input);
    if (input instanceof Error)
      return {
        name: text(input.name),
        message: text(input.message),
        ...(input.stack ? { stack: text(input.stack) } : {}),
      };
    if (depth > 8 || typeof input !== 'object' || input === null) return input;
    try {
      if (Array.isArray(input)) return input.map((item) => value(item, depth + 1));
      return Object.fromEntries(Object.entries(input).map(([key, item]) => [key, value(item, depth + 1)]));
    } catch {
      return '[unreadable]';
    }
  };
  return { add: (secret) => add(secret), text, value: (input) => value(input) };
}
