import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { cfn, defineResource, lambdaHandler } from 'crkit';
import { z } from 'zod';

const s3 = new S3Client({});

export const S3Object = defineResource({
  resourceType: 'Custom::S3Object',
  properties: z.object({
    Bucket: z.string().min(3),
    Key: z.string().min(1),
    Body: z.string(),
    MaxAgeSeconds: cfn.integer().optional(),
  }),
  replaceOn: ['Bucket', 'Key'],
  async create({ properties: { Bucket, Key, Body, MaxAgeSeconds } }) {
    const CacheControl = MaxAgeSeconds === undefined ? undefined : `max-age=${MaxAgeSeconds}`;
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket, Key, Body, CacheControl }));
    return { physicalResourceId: `s3://${Bucket}/${Key}`, data: { ETag, Uri: `s3://${Bucket}/${Key}` } };
  },
  async update({ properties: { Bucket, Key, Body, MaxAgeSeconds } }) {
    const CacheControl = MaxAgeSeconds === undefined ? undefined : `max-age=${MaxAgeSeconds}`;
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket, Key, Body, CacheControl }));
    return { data: { ETag, Uri: `s3://${Bucket}/${Key}` } };
  },
  async delete({ properties: { Bucket, Key } }) {
    await s3.send(new DeleteObjectCommand({ Bucket, Key })); // S3 answers 204 for a missing key too
  },
});

export const handler = lambdaHandler(S3Object);
