import type { Route53ClientConfig } from '@aws-sdk/client-route-53';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { CrkitError } from 'crkit';

/** A role in the DNS account to act as. */
export interface AssumeRoleTarget {
  /** e.g. `arn:aws:iam::222222222222:role/dns-records`. */
  readonly roleArn: string;
  /** The external id the role's trust policy requires (`sts:ExternalId`). @default none */
  readonly externalId?: string;
}

/** A credentials provider as AWS SDK v3 clients take it. */
export type CredentialsProvider = Extract<NonNullable<Route53ClientConfig['credentials']>, () => unknown>;

/** How long before they expire assumed credentials are replaced: the SDK's own refresh margin is 5 minutes too. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** AssumeRole's default session duration, used when an answer carries no expiration. */
const DEFAULT_DURATION_MS = 60 * 60 * 1000;
/** Shows in the DNS account's CloudTrail as the session that made each change. */
export const ROLE_SESSION_NAME = 'crkit-cross-account-dns-record';

/**
 * Credentials of `target`, assumed with STS on first use and kept until 5 minutes before they expire; concurrent
 * callers share one AssumeRole call, and a failed one is not remembered.
 *
 * @example
 * ```ts
 * import { STSClient } from '@aws-sdk/client-sts';
 * import { Route53Client } from '@aws-sdk/client-route-53';
 * import { assumedRoleCredentials } from './assumed-role.js';
 *
 * const sts = new STSClient({});
 * const credentials = assumedRoleCredentials(() => sts, { roleArn: 'arn:aws:iam::222222222222:role/dns' });
 * const route53 = new Route53Client({ credentials });
 * ```
 */
export function assumedRoleCredentials(
  sts: () => STSClient,
  target: AssumeRoleTarget,
  now: () => number = Date.now,
): CredentialsProvider {
  let cached: { readonly credentials: ReturnType<CredentialsProvider>; refreshAt: number } | undefined;
  const assume = async () => {
    const command = new AssumeRoleCommand({
      RoleArn: target.roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      ...(target.externalId === undefined ? {} : { ExternalId: target.externalId }),
    });
    try {
      const { Credentials: c } = await sts().send(command);
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new CrkitError('AssumeRole returned no credentials');
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken === undefined ? {} : { sessionToken: c.SessionToken }),
        ...(c.Expiration === undefined ? {} : { expiration: c.Expiration }),
      };
    } catch (cause) {
      throw new CrkitError(
        `could not assume ${target.roleArn}: ${describe(cause)}; check that the role's trust policy lets this ` +
          "function's role assume it, with the external id it requires",
        { cause },
      );
    }
  };
  return () => {
    if (cached && now() < cached.refreshAt) return cached.credentials;
    const entry = { credentials: assume(), refreshAt: Number.POSITIVE_INFINITY };
    cached = entry;
    entry.credentials.then(
      (credentials) => {
        const expiresAt = credentials.expiration?.getTime() ?? now() + DEFAULT_DURATION_MS;
        entry.refreshAt = expiresAt - REFRESH_MARGIN_MS;
      },
      () => {
        if (cached === entry) cached = undefined;
      },
    );
    return entry.credentials;
  };
}

/** An STS error as `Name: message`, for the Reason. */
function describe(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
