/**
 * Where a service's IAM prefix differs from its SigV4 signing name. CloudWatch signs as `monitoring` but its actions
 * are `cloudwatch:*` (Service Authorization Reference, "Amazon CloudWatch", service prefix `cloudwatch`; the same
 * mistake in CDK's AwsCustomResource was aws-cdk issue #32968).
 */
const IAM_PREFIX_OF_SIGNING_NAME: Readonly<Record<string, string>> = { monitoring: 'cloudwatch' };

/**
 * The IAM action of an SDK call: the service's IAM prefix and the operation name, e.g. `cognito-idp` and
 * `AdminCreateUser` give `cognito-idp:AdminCreateUser`. The operations whose IAM action has another name (S3's
 * ListObjectsV2 is `s3:ListBucket`, Lambda's Invoke is `lambda:InvokeFunction`) are mapped.
 *
 * @example
 * ```ts
 * import { iamActionOf } from './iam-action.js';
 * iamActionOf('monitoring', 'PutMetricAlarm'); // 'cloudwatch:PutMetricAlarm'
 * ```
 */
export function iamActionOf(signingName: string, action: string): string {
  const iam = `${IAM_PREFIX_OF_SIGNING_NAME[signingName] ?? signingName}:${action}`;
  return IAM_ACTION_OF_OPERATION[iam] ?? iam;
}

/**
 * Operations whose IAM action has another name (Service Authorization Reference: Lambda's Invoke API is authorized by
 * `lambda:InvokeFunction`; S3's ListObjects(V2) and HeadBucket by `s3:ListBucket`, HeadObject by `s3:GetObject`,
 * ListObjectVersions by `s3:ListBucketVersions`; SQS's and SNS's batch APIs by the single-message actions).
 */
const IAM_ACTION_OF_OPERATION: Readonly<Record<string, string>> = {
  'lambda:Invoke': 'lambda:InvokeFunction',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjects': 's3:ListBucket',
  's3:HeadBucket': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  's3:ListObjectVersions': 's3:ListBucketVersions',
  'sqs:SendMessageBatch': 'sqs:SendMessage',
  'sqs:DeleteMessageBatch': 'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibilityBatch': 'sqs:ChangeMessageVisibility',
  'sns:PublishBatch': 'sns:Publish',
};

/**
 * The client package of an SDK v3 client from its `serviceId`: lower case, spaces as hyphens (`Cognito Identity
 * Provider` is `@aws-sdk/client-cognito-identity-provider`, `Route 53` is `@aws-sdk/client-route-53`).
 *
 * @example
 * ```ts
 * import { servicePackageOf } from './iam-action.js';
 * servicePackageOf('Secrets Manager'); // 'secrets-manager'
 * ```
 */
export function servicePackageOf(serviceId: string): string {
  return serviceId.trim().toLowerCase().replace(/\s+/g, '-');
}
