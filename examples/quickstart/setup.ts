/**
 * What the quick start provider needs before its lifecycle: the bucket it writes to. `crkit lifecycle --local
 * --setup examples/quickstart/setup.ts` runs it against the emulator before the provider loads.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { SetupContext } from 'crkit/testing';

export default async function setup({ aws }: SetupContext): Promise<void> {
  await new S3Client(aws?.clientConfig ?? {}).send(new CreateBucketCommand({ Bucket: 'site' }));
}
