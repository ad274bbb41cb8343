/** A non-empty string field of a value that may not be an object at all (a raw event), or undefined. */
export function textField(raw: unknown, key: string): string | undefined {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
