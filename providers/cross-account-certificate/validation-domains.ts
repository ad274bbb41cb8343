/**
 * The names whose validation records a certificate needs, in order: its names without a leading `*.`, each once. ACM
 * validates `*.example.com` with the record of `example.com` (ACM User Guide, "DNS validation"), so a certificate
 * for both needs one record.
 *
 * @example
 * ```ts
 * import { validationDomains } from './validation-domains.js';
 * validationDomains('app1.example.com', ['*.app1.example.com', 'api.example.com']); // ['app1.example.com', 'api.example.com']
 * ```
 */
export function validationDomains(
  domainName: string,
  subjectAlternativeNames: readonly string[] = [],
): string[] {
  const names = [domainName, ...subjectAlternativeNames].map((name) =>
    name.trim().toLowerCase().replace(/\.$/, '').replace(/^\*\./, ''),
  );
  return [...new Set(names)];
}
