// Proves, against a real moto_server, each AWS behaviour the rest of crkit relies on, and pins the places where moto
// differs from AWS so that provider tests do not mistake a moto quirk for a provider bug.
// This file: S3, STS and EC2.
import assert from 'node:assert/strict';
import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { anotherAccount, unique, useEmulator } from './emulator.js';

const emulator = useEmulator();

describe('S3', () => {
  it('serves S3 pre-signed PUT URLs that store the object', async () => {
    const s3 = new S3Client(emulator().clientConfig);
    const Bucket = unique('responses');
    await s3.send(new CreateBucketCommand({ Bucket }));
    const body = JSON.stringify({ Status: 'SUCCESS', PhysicalResourceId: 'id-1', Data: { Ünicode: '✓' } });
    const url = new URL(await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'stack/request 1' })));

    // CloudFormation's ResponseURL is PUT with an empty content-type, which is what crkit will send.
    const response = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' } });
    const stored = await s3.send(new GetObjectCommand({ Bucket, Key: 'stack/request 1' }));

    expect(response.status).toBe(200);
    expect(await stored.Body?.transformToString()).toBe(body);
    // moto stores its default type when the PUT names none.
    expect(stored.ContentType).toBe('binary/octet-stream');
    // An IP endpoint makes the SDK sign path-style URLs: http://127.0.0.1:PORT/BUCKET/KEY?X-Amz-...
    expect(url.origin).toBe(emulator().endpoint);
    expect(url.pathname).toBe(`/${Bucket}/stack/request%201`);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      new RegExp(`^${emulator().credentials.accessKeyId}/\\d{8}/us-east-1/s3/aws4_request$`),
    );
  });

  it('bakes the CRC32 of an empty body into pre-signed PUT URLs unless checksums are WHEN_REQUIRED', async () => {
    const command = new PutObjectCommand({ Bucket: 'any-bucket', Key: 'k' });

    const byDefault = new URL(await getSignedUrl(new S3Client(emulator().clientConfig), command));
    const whenRequired = new URL(
      await getSignedUrl(
        new S3Client({ ...emulator().clientConfig, requestChecksumCalculation: 'WHEN_REQUIRED' }),
        command,
      ),
    );

    // Real S3 rejects a non-empty body PUT to the first URL (aws-sdk-js-v3 issue 6994); moto does not check it.
    expect(byDefault.searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
    expect(byDefault.searchParams.get('x-amz-sdk-checksum-algorithm')).toBe('CRC32');
    expect(whenRequired.searchParams.has('x-amz-checksum-crc32')).toBe(false);
  });

  it('accepts a pre-signed PUT whose signature is forged or expired (moto checks neither)', async () => {
    const s3 = new S3Client(emulator().clientConfig);
    const Bucket = unique('unchecked');
    await s3.send(new CreateBucketCommand({ Bucket }));
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'k' }), { expiresIn: 1 });
    const forged = url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${'0'.repeat(64)}`);
    const expired = url.replace(/X-Amz-Date=\d{8}T/, 'X-Amz-Date=20000101T');

    const forgedPut = await fetch(forged, {
      method: 'PUT',
      body: 'forged',
      headers: { 'content-type': '' },
    });
    const expiredPut = await fetch(expired, {
      method: 'PUT',
      body: 'expired',
      headers: { 'content-type': '' },
    });

    expect([forgedPut.status, expiredPut.status]).toEqual([200, 200]);
  });

  it('answers 404 NoSuchBucket to a pre-signed PUT into a missing bucket', async () => {
    const s3 = new S3Client(emulator().clientConfig);
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: unique('missing'), Key: 'k' }));

    const response = await fetch(url, { method: 'PUT', body: 'x', headers: { 'content-type': '' } });

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<Code>NoSuchBucket</Code>');
  });
});

describe('STS and accounts', () => {
  const dnsAccount = anotherAccount();
  const dnsRole = `arn:aws:iam::${dnsAccount}:role/dns`;

  async function assumeDnsRole() {
    const sts = new STSClient(emulator().clientConfig);
    const { Credentials, AssumedRoleUser } = await sts.send(
      new AssumeRoleCommand({ RoleArn: dnsRole, RoleSessionName: 'crkit', ExternalId: 'external-id-1' }),
    );
    assert.ok(Credentials?.AccessKeyId && Credentials.SecretAccessKey && Credentials.SessionToken);
    const credentials = {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
    };
    return { credentials, AssumedRoleUser };
  }

  it('assumes a role in another account, whose credentials act in that account', async () => {
    const { credentials, AssumedRoleUser } = await assumeDnsRole();

    const identity = await new STSClient({ ...emulator().clientConfig, credentials }).send(
      new GetCallerIdentityCommand({}),
    );
    const own = await new STSClient(emulator().clientConfig).send(new GetCallerIdentityCommand({}));

    expect(AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${dnsAccount}:assumed-role/dns/crkit`);
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(identity.Account).toBe(dnsAccount);
    expect(identity.Arn).toBe(`arn:aws:sts::${dnsAccount}:assumed-role/dns/crkit`);
    // This file's own account (emulator.ts): an assumed role too.
    expect(own).toMatchObject({
      Account: emulator().accountId,
      Arn: `arn:aws:sts::${emulator().accountId}:assumed-role/test-file/test-file`,
    });
  });

  it('assumes a role that was never created, with any or no ExternalId (moto checks no trust policy)', async () => {
    const sts = new STSClient(emulator().clientConfig);

    const withoutExternalId = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::333333333333:role/never-created',
        RoleSessionName: 's',
      }),
    );

    expect(withoutExternalId.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::333333333333:assumed-role/never-created/s',
    );
  });

  it('isolates accounts by access key: each account sees only its own hosted zones', async () => {
    const { credentials } = await assumeDnsRole();
    const inDnsAccount = new Route53Client({ ...emulator().clientConfig, credentials });
    const inDefaultAccount = new Route53Client(emulator().clientConfig);
    const dnsZone = await inDnsAccount.send(
      new CreateHostedZoneCommand({ Name: `${unique('dns')}.example.com`, CallerReference: unique('ref') }),
    );
    const defaultZone = await inDefaultAccount.send(
      new CreateHostedZoneCommand({
        Name: `${unique('default')}.example.com`,
        CallerReference: unique('ref'),
      }),
    );
    const dnsZoneId = dnsZone.HostedZone?.Id ?? '';
    const defaultZoneId = defaultZone.HostedZone?.Id ?? '';

    const seenByDns = (await inDnsAccount.send(new ListHostedZonesCommand({}))).HostedZones?.map((z) => z.Id);
    const seenByDefault = (await inDefaultAccount.send(new ListHostedZonesCommand({}))).HostedZones?.map(
      (z) => z.Id,
    );

    expect(seenByDns).toContain(dnsZoneId);
    expect(seenByDns).not.toContain(defaultZoneId);
    expect(seenByDefault).toContain(defaultZoneId);
    expect(seenByDefault).not.toContain(dnsZoneId);
    await expect(inDefaultAccount.send(new GetHostedZoneCommand({ Id: dnsZoneId }))).rejects.toMatchObject({
      name: 'NoSuchHostedZone',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('EC2', () => {
  it('describes the six us-east-1 availability zones with fixed zone ids', async () => {
    const ec2 = new EC2Client(emulator().clientConfig);

    const { AvailabilityZones } = await ec2.send(new DescribeAvailabilityZonesCommand({}));

    // Real AWS shuffles the name-to-id mapping per account; moto has this one fixed mapping.
    expect(
      AvailabilityZones?.map(({ ZoneName, ZoneId, ZoneType, State, RegionName }) => ({
        ZoneName,
        ZoneId,
        ZoneType,
        State,
        RegionName,
      })),
    ).toEqual(
      [
        ['us-east-1a', 'use1-az6'],
        ['us-east-1b', 'use1-az1'],
        ['us-east-1c', 'use1-az2'],
        ['us-east-1d', 'use1-az4'],
        ['us-east-1e', 'use1-az3'],
        ['us-east-1f', 'use1-az5'],
      ].map(([ZoneName, ZoneId]) => ({
        ZoneName,
        ZoneId,
        ZoneType: 'availability-zone',
        State: 'available',
        RegionName: 'us-east-1',
      })),
    );
  });

  it('maps zone names to the same zone ids in every account', async () => {
    const sts = new STSClient(emulator().clientConfig);
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444444444444:role/network', RoleSessionName: 'az' }),
    );
    assert.ok(Credentials?.AccessKeyId && Credentials.SecretAccessKey);
    const credentials = {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
    };
    const zoneIds = async (ec2: EC2Client) =>
      (await ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones?.map(
        (zone) => `${zone.ZoneName}=${zone.ZoneId}`,
      );

    const inOtherAccount = await zoneIds(new EC2Client({ ...emulator().clientConfig, credentials }));
    const inDefaultAccount = await zoneIds(new EC2Client(emulator().clientConfig));

    expect(inOtherAccount).toEqual(inDefaultAccount);
  });

  it('returns an empty list for an unknown zone name, where AWS answers InvalidParameterValue', async () => {
    const ec2 = new EC2Client(emulator().clientConfig);

    const { AvailabilityZones } = await ec2.send(
      new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1z'] }),
    );

    expect(AvailabilityZones).toEqual([]);
  });
});
