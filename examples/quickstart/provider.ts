import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { cfn, defineResource, lambdaHandler } from 'crkit';
import * as z from 'zod';

const s3 = new S3Client({});

const Properties = z.object({
  Bucket: z.string().min(3),
  Key: z.string().min(1),
  Body: z.string(),
  MaxAgeSeconds: cfn.integer().optional(), // CloudFormation sends "60"; the handler gets 60
});

async function put({ Bucket, Key, Body, MaxAgeSeconds }: z.output<typeof Properties>) {
  const CacheControl = MaxAgeSeconds === undefined ? undefined : `max-age=${MaxAgeSeconds}`;
  const { ETag } = await s3.send(new PutObjectCommand({ Bucket, Key, Body, CacheControl }));
  return { physicalResourceId: `s3://${Bucket}/${Key}`, data: { ETag, Uri: `s3://${Bucket}/${Key}` } };
}

const ObjectUri = /^s3:\/\/([^/]+)\/(.+)$/s;

export const S3Object = defineResource({
  resourceType: 'Custom::S3Object',
  properties: Properties,
  physicalResourceId: z.string().regex(ObjectUri), // a Delete of any other id has nothing to do
  replaceOn: ['Bucket', 'Key'], // a new object; CloudFormation then deletes the old one
  create: ({ properties }) => put(properties),
  update: ({ properties }) => put(properties),
  async delete({ physicalResourceId }) {
    // From the id alone: it works whatever the properties say, even after the schema has changed.
    const [, Bucket, Key] = ObjectUri.exec(physicalResourceId) ?? [];
    await s3.send(new DeleteObjectCommand({ Bucket, Key })); // S3 answers 204 for a missing key too
  },
});

export const handler = lambdaHandler(S3Object);
