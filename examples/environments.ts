import type { Environment } from 'aws-cdk-lib';

/**
 * The example accounts. Explicit environments keep synth offline: nothing is looked up, no credentials are needed.
 * Replace the ids with your own before deploying.
 */
export const ENVIRONMENTS = {
  /** Where applications live. */
  application: { account: '111111111111', region: 'us-east-1' },
  /** Where the company's public DNS zone lives. */
  dns: { account: '222222222222', region: 'us-east-1' },
} as const satisfies Record<string, Environment>;
