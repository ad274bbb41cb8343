/**
 * `node:crypto`, loaded at its first use rather than at init: a cold start pays for it only when a request needs a
 * hash (a Create's default id, an idempotency key) or an id. `process.getBuiltinModule` loads a built-in module
 * synchronously from ES modules and bundles alike (Node.js 20.16 and 22.3 onwards).
 */
const crypto = () => process.getBuiltinModule('node:crypto');

/** The SHA-256 of `text`, as 64 hex digits. */
export function sha256(text: string): string {
  return crypto().createHash('sha256').update(text).digest('hex');
}

/** A random UUID (version 4). */
export function randomId(): string {
  return crypto().randomUUID();
}
