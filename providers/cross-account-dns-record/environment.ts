/** Environment variables the cross-account-dns-record provider reads (`crkit/providers/cross-account-dns-record`). */
export const CROSS_ACCOUNT_DNS_ENV = {
  /**
   * JSON mapping each requesting account id to the record-name suffixes it may change, e.g.
   * `{"111111111111":["app1.example.com"]}`. Required by the SNS-backed entry (`sqsEntry`): unset, every request is
   * refused; optional for the Lambda-backed `handler`.
   */
  allowlist: 'CRKIT_DNS_ALLOWLIST',
} as const;
