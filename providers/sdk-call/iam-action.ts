/**
 * Where a service's IAM prefix differs from its SigV4 signing name. CloudWatch signs as `monitoring` but its actions
 * are `cloudwatch:*` (Service Authorization Reference, "Amazon CloudWatch", service prefix `cloudwatch`; the same
 * mistake in CDK's AwsCustomResource was aws-cdk issue #32968).
 */
const IAM_PREFIX_OF_SIGNING_NAME: Readonly<Record<string, string>> = { monitoring: 'cloudwatch' };

/**
 * The IAM action of an SDK call: the service's IAM prefix and the operation name, e.g. `cognito-idp` and
 * `AdminCreateUser` give `cognito-idp:AdminCreateUser`. The few operations whose IAM action has another name (S3's
 * ListObjectsV2 is `s3:ListBucket`) take explicit `actions`.
 *
 * @example
 * ```ts
 * import { iamActionOf } from 'crkit/providers/sdk-call';
 * iamActionOf('monitoring', 'PutMetricAlarm'); // 'cloudwatch:PutMetricAlarm'
 * ```
 */
export function iamActionOf(signingName: string, action: string): string {
  return `${IAM_PREFIX_OF_SIGNING_NAME[signingName] ?? signingName}:${action}`;
}

/**
 * The client package of an SDK v3 client from its `serviceId`: lower case, spaces as hyphens (`Cognito Identity
 * Provider` is `@aws-sdk/client-cognito-identity-provider`, `Route 53` is `@aws-sdk/client-route-53`).
 *
 * @example
 * ```ts
 * import { servicePackageOf } from 'crkit/providers/sdk-call';
 * servicePackageOf('Secrets Manager'); // 'secrets-manager'
 * ```
 */
export function servicePackageOf(serviceId: string): string {
  return serviceId.trim().toLowerCase().replace(/\s+/g, '-');
}
