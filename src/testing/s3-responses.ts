import { randomUUID } from 'node:crypto';
import type { ResponseBody } from '../core/fit-response.js';

/** What {@link createS3ResponseBucket} needs of the emulator: its SDK client configuration. */
export interface S3Endpoint {
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
}

/** A bucket of the local emulator standing in for CloudFormation's response bucket. */
export interface S3ResponseBucket {
  readonly bucket: string;
  /** The emulator's origin: pass it to `allowedResponseOrigins` (or `CRKIT_ALLOW_RESPONSE_ORIGINS`). */
  readonly origin: string;
  /** A real pre-signed PUT URL for one response, valid for an hour. */
  responseUrl(key?: string): Promise<string>;
  /** The response stored at a URL made by `responseUrl`, or `undefined` when none arrived. */
  read(url: string): Promise<ResponseBody | undefined>;
}

/**
 * Creates a bucket in the local emulator and makes real pre-signed PUT URLs into it, so a provider answers exactly
 * as it would in AWS; `read` fetches what it answered. Loads the AWS SDK's S3 client on first use (install
 * `@aws-sdk/client-s3` and `@aws-sdk/s3-request-presigner` to use it).
 *
 * @example
 * ```ts
 * import { createS3ResponseBucket, startLocalAws } from 'crkit/testing';
 * await using aws = await startLocalAws();
 * const responses = await createS3ResponseBucket(aws);
 * const url = await responses.responseUrl();
 * // ...invoke the provider with ResponseURL: url and allowedResponseOrigins: [responses.origin]...
 * const body = await responses.read(url);
 * ```
 */
export async function createS3ResponseBucket(
  aws: S3Endpoint,
  bucket = `crkit-responses-${randomUUID()}`,
): Promise<S3ResponseBucket> {
  const s3 = await import('@aws-sdk/client-s3');
  const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
  // WHEN_REQUIRED keeps a checksum of an empty body out of the signed URL, as CloudFormation's URLs have none.
  const client = new s3.S3Client({
    ...aws.clientConfig,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  await client.send(new s3.CreateBucketCommand({ Bucket: bucket }));
  const keyOf = (url: string) => decodeURIComponent(new URL(url).pathname.split('/').slice(2).join('/'));
  return {
    bucket,
    origin: new URL(aws.clientConfig.endpoint).origin,
    responseUrl: (key = randomUUID()) =>
      getSignedUrl(client, new s3.PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 }),
    read: async (url) => {
      try {
        const object = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: keyOf(url) }));
        return JSON.parse((await object.Body?.transformToString()) ?? 'null') as ResponseBody;
      } catch (error) {
        if (error instanceof Error && error.name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  };
}
