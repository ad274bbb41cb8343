// The pre-signed URL query parameters that are credentials (as in src/redact.ts); values shorter than this are not
// searched for, as they would match by chance.
const CREDENTIAL_PARAMETERS = ['X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'Signature'];
const MIN_LENGTH = 8;

/** The credential values a ResponseURL carries, in the forms they may appear in text (raw and URL-encoded). */
export function credentialsOf(url: string): string[] {
  const query = new URL(url).searchParams;
  return CREDENTIAL_PARAMETERS.flatMap((name) => {
    const value = query.get(name);
    return value && value.length >= MIN_LENGTH ? [value, encodeURIComponent(value)] : [];
  });
}

/** Which of `urls` have a credential that appears in `text`: a leak wherever the text goes (logs, stack events). */
export function leakedCredentials(urls: readonly string[], text: string): number {
  return urls.filter((url) => credentialsOf(url).some((value) => text.includes(value))).length;
}
