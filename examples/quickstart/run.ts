/**
 * The quick start, run on this machine: the local AWS emulator starts, and the S3Object provider goes through the
 * requests CloudFormation would send (create, update in place, update with replacement, the cleanup delete of the
 * old object, delete), answering to real pre-signed S3 URLs. Exits non-zero if any answer or object is wrong.
 */
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createEvent, createS3ResponseBucket, deleteEvent, startLocalAws, updateEvent } from 'crkit/testing';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const aws = await startLocalAws();
let failures = 0;
try {
  Object.assign(process.env, aws.env, { CRKIT_ALLOW_RESPONSE_ORIGINS: aws.endpoint });
  const s3 = new S3Client(aws.clientConfig);
  const responses = await createS3ResponseBucket(aws);
  const { handler } = await import('./provider.js');
  const resourceType = 'Custom::S3Object';
  const stackId =
    'arn:aws:cloudformation:us-east-1:123456789012:stack/quickstart/0e3b6a70-0000-4000-8000-000000000001';
  await s3.send(new CreateBucketCommand({ Bucket: 'site' }));

  async function send(step: string, event: Record<string, unknown>, expected: 'SUCCESS' | 'FAILED') {
    const url = await responses.responseUrl();
    const started = performance.now();
    await handler({ ...event, ResponseURL: url }, { getRemainingTimeInMillis: () => 60_000 });
    const body = await responses.read(url);
    const ms = Math.round(performance.now() - started);
    const ok = body?.Status === expected;
    if (!ok) failures++;
    const detail = body?.Reason ?? JSON.stringify(body?.Data ?? {});
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${step.padEnd(34)} ${String(body?.Status).padEnd(8)} ${String(ms).padStart(5)} ms  ${body?.PhysicalResourceId}  ${detail}`,
    );
    return body?.PhysicalResourceId ?? '';
  }

  const v1 = { Bucket: 'site', Key: 'hello.txt', Body: 'hello', MaxAgeSeconds: 60 };
  const v2 = { ...v1, Body: 'hello again' };
  const v3 = { ...v2, Key: 'moved.txt' };
  const common = { resourceType, stackId, logicalResourceId: 'Greeting' };
  const id1 = await send('create', createEvent({ ...common, properties: v1 }), 'SUCCESS');
  await send(
    'update in place (Body)',
    updateEvent({ ...common, physicalResourceId: id1, properties: v2, oldProperties: v1 }),
    'SUCCESS',
  );
  const id2 = await send(
    'update with replacement (Key)',
    updateEvent({ ...common, physicalResourceId: id1, properties: v3, oldProperties: v2 }),
    'SUCCESS',
  );
  await send(
    'cleanup delete of the old object',
    deleteEvent({ ...common, physicalResourceId: id1, properties: v2 }),
    'SUCCESS',
  );
  const moved = await s3.send(new GetObjectCommand({ Bucket: 'site', Key: 'moved.txt' }));
  if ((await moved.Body?.transformToString()) !== 'hello again') failures++;
  await send(
    'bad property (MaxAgeSeconds: "soon")',
    createEvent({ ...common, properties: { ...v1, MaxAgeSeconds: 'soon' } }),
    'FAILED',
  );
  await send('delete', deleteEvent({ ...common, physicalResourceId: id2, properties: v3 }), 'SUCCESS');
  await send(
    'delete again (idempotent)',
    deleteEvent({ ...common, physicalResourceId: id2, properties: v3 }),
    'SUCCESS',
  );
  const left = await s3.send(new ListObjectsV2Command({ Bucket: 'site' }));
  if ((left.KeyCount ?? 0) !== 0) failures++;
  console.log(
    failures === 0
      ? '\nquick start: every answer and object as expected'
      : `\nquick start: ${failures} problem(s)`,
  );
} finally {
  await aws.stop();
}
process.exit(failures === 0 ? 0 : 1);
