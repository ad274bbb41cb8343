// Proves, against a real moto_server, each AWS behaviour the rest of crkit relies on, and pins the places where moto
// differs from AWS so that provider tests do not mistake a moto quirk for a provider bug.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  type Change,
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, EnvironmentError } from '../../src/errors.js';
import { type LocalAws, startLocalAws } from '../../src/testing/local-aws.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const localAwsModule = fileURLToPath(new URL('../../src/testing/local-aws.ts', import.meta.url));
const run = promisify(execFile);
let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

describe('startLocalAws', () => {
  it('starts in well under two seconds (median of three) and stops the process with await using', async () => {
    const durations: number[] = [];
    const pids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await using aws = await startLocalAws();
      durations.push(performance.now() - started);
      pids.push(aws.pid);
      expect(aws.endpoint).toBe(`http://127.0.0.1:${aws.port}`);
    }

    const median = [...durations].sort((a, b) => a - b)[1] ?? Number.NaN;
    // Measured about 0.4 s per start on the development container; the bound leaves room for slow CI machines.
    expect(median).toBeLessThan(2_000);
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('points an AWS SDK in a child process at the emulator through env', async () => {
    await using aws = await startLocalAws();
    // AWS_PROFILE would make the SDK skip the environment credentials (see LocalAws.env).
    const { AWS_PROFILE: _ignored, ...inherited } = process.env;
    const script =
      "import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';" +
      'const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));' +
      'console.log(identity.Account);';

    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: { ...inherited, ...aws.env, NODE_NO_WARNINGS: '1' },
    });

    expect(stdout.trim()).toBe('123456789012');
    expect(aws.accountId).toBe('123456789012');
  });

  it('throws an EnvironmentError saying how to install moto when the command is not on PATH', async () => {
    const starting = startLocalAws({ command: 'crkit-no-such-moto-server' });

    await expect(starting).rejects.toThrow(EnvironmentError);
    await expect(starting).rejects.toThrow(
      'crkit-no-such-moto-server not found on PATH: install moto with the server extra (pip install "moto[server]") ' +
        'or set CRKIT_MOTO_SERVER to the path of moto_server',
    );
  });

  it('runs the command named by CRKIT_MOTO_SERVER', async () => {
    vi.stubEnv('CRKIT_MOTO_SERVER', '/nonexistent/crkit/moto_server');
    try {
      await expect(startLocalAws()).rejects.toThrow('/nonexistent/crkit/moto_server not found on PATH');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('reports the last lines of stderr when the emulator exits before serving', async () => {
    await withScript('echo "ModuleNotFoundError: No module named flask" >&2\nexit 3', async (command) => {
      const starting = startLocalAws({ command });

      await expect(starting).rejects.toThrow(EnvironmentError);
      await expect(starting).rejects.toThrow(
        /exited \(3\) before it served requests[\s\S]*No module named flask/,
      );
    });
  });

  it('gives up after startupTimeoutMs and kills an emulator that never answers', async () => {
    await withScript('echo $$ > "$CRKIT_TEST_PID_FILE"\nexec sleep 30', async (command, dir) => {
      const pidFile = join(dir, 'pid');

      const starting = startLocalAws({
        command,
        startupTimeoutMs: 300,
        serverEnv: { CRKIT_TEST_PID_FILE: pidFile },
      });

      await expect(starting).rejects.toThrow(
        /did not answer on http:\/\/127\.0\.0\.1:\d+\/moto-api\/data\.json/,
      );
      expect(isRunning(Number(await readFile(pidFile, 'utf8')))).toBe(false);
    });
  });

  it('rejects an invalid startupTimeoutMs with a ConfigurationError naming the option', async () => {
    await expect(startLocalAws({ startupTimeoutMs: 0 })).rejects.toThrow(ConfigurationError);
    await expect(startLocalAws({ startupTimeoutMs: 0 })).rejects.toThrow(/^startupTimeoutMs: /);
  });

  it('kills the emulator when the test process dies from SIGKILL', async () => {
    const { child, motoPid } = await startInChildProcess('setInterval(() => {}, 1_000);');

    child.kill('SIGKILL');

    await expect.poll(() => isRunning(motoPid), { timeout: 5_000 }).toBe(false);
  });

  it('kills the emulator when the test process exits without calling stop()', async () => {
    // The child exits on a word from this process, so that moto is seen running before the exit, not raced.
    const { child, motoPid, exited } = await startInChildProcess(
      "await new Promise((go) => process.stdin.once('data', go));",
    );

    child.stdin?.end('exit now\n');
    await exited;

    await expect.poll(() => isRunning(motoPid), { timeout: 5_000 }).toBe(false);
  });
});

describe('moto as the AWS that crkit providers talk to', () => {
  let aws: LocalAws;
  beforeAll(async () => {
    // A Docker endpoint that cannot exist keeps Lambda invocations identical on machines with and without Docker.
    aws = await startLocalAws({ serverEnv: { DOCKER_HOST: 'unix:///nonexistent/crkit-no-docker.sock' } });
  });
  afterAll(async () => {
    await aws?.stop();
  });

  describe('S3', () => {
    it('serves S3 pre-signed PUT URLs that store the object', async () => {
      const s3 = new S3Client(aws.clientConfig);
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
      expect(url.origin).toBe(aws.endpoint);
      expect(url.pathname).toBe(`/${Bucket}/stack/request%201`);
      expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
      expect(url.searchParams.get('X-Amz-Credential')).toMatch(
        /^testing\/\d{8}\/us-east-1\/s3\/aws4_request$/,
      );
    });

    it('bakes the CRC32 of an empty body into pre-signed PUT URLs unless checksums are WHEN_REQUIRED', async () => {
      const command = new PutObjectCommand({ Bucket: 'any-bucket', Key: 'k' });

      const byDefault = new URL(await getSignedUrl(new S3Client(aws.clientConfig), command));
      const whenRequired = new URL(
        await getSignedUrl(
          new S3Client({ ...aws.clientConfig, requestChecksumCalculation: 'WHEN_REQUIRED' }),
          command,
        ),
      );

      // Real S3 rejects a non-empty body PUT to the first URL (aws-sdk-js-v3 issue 6994); moto does not check it.
      expect(byDefault.searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
      expect(byDefault.searchParams.get('x-amz-sdk-checksum-algorithm')).toBe('CRC32');
      expect(whenRequired.searchParams.has('x-amz-checksum-crc32')).toBe(false);
    });

    it('accepts a pre-signed PUT whose signature is forged or expired (moto checks neither)', async () => {
      const s3 = new S3Client(aws.clientConfig);
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
      const s3 = new S3Client(aws.clientConfig);
      const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: unique('missing'), Key: 'k' }));

      const response = await fetch(url, { method: 'PUT', body: 'x', headers: { 'content-type': '' } });

      expect(response.status).toBe(404);
      expect(await response.text()).toContain('<Code>NoSuchBucket</Code>');
    });
  });

  describe('STS and accounts', () => {
    const dnsRole = 'arn:aws:iam::222222222222:role/dns';

    async function assumeDnsRole() {
      const sts = new STSClient(aws.clientConfig);
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

      const identity = await new STSClient({ ...aws.clientConfig, credentials }).send(
        new GetCallerIdentityCommand({}),
      );
      const own = await new STSClient(aws.clientConfig).send(new GetCallerIdentityCommand({}));

      expect(AssumedRoleUser?.Arn).toBe('arn:aws:sts::222222222222:assumed-role/dns/crkit');
      expect(credentials.accessKeyId).toMatch(/^ASIA/);
      expect(identity.Account).toBe('222222222222');
      expect(identity.Arn).toBe('arn:aws:sts::222222222222:assumed-role/dns/crkit');
      expect(own).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:sts::123456789012:user/moto' });
    });

    it('assumes a role that was never created, with any or no ExternalId (moto checks no trust policy)', async () => {
      const sts = new STSClient(aws.clientConfig);

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
      const inDnsAccount = new Route53Client({ ...aws.clientConfig, credentials });
      const inDefaultAccount = new Route53Client(aws.clientConfig);
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

      const seenByDns = (await inDnsAccount.send(new ListHostedZonesCommand({}))).HostedZones?.map(
        (z) => z.Id,
      );
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
      const ec2 = new EC2Client(aws.clientConfig);

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
      const sts = new STSClient(aws.clientConfig);
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

      const inOtherAccount = await zoneIds(new EC2Client({ ...aws.clientConfig, credentials }));
      const inDefaultAccount = await zoneIds(new EC2Client(aws.clientConfig));

      expect(inOtherAccount).toEqual(inDefaultAccount);
    });

    it('returns an empty list for an unknown zone name, where AWS answers InvalidParameterValue', async () => {
      const ec2 = new EC2Client(aws.clientConfig);

      const { AvailabilityZones } = await ec2.send(
        new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1z'] }),
      );

      expect(AvailabilityZones).toEqual([]);
    });
  });

  describe('Route 53', () => {
    const txt = (Action: Change['Action'], Name: string, value: string): Change => ({
      Action,
      ResourceRecordSet: { Name, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: `"${value}"` }] },
    });

    async function zone() {
      const route53 = new Route53Client(aws.clientConfig);
      const name = `${unique('zone')}.example.com`;
      const created = await route53.send(
        new CreateHostedZoneCommand({ Name: name, CallerReference: unique('ref') }),
      );
      const HostedZoneId = created.HostedZone?.Id ?? '';
      const change = (...Changes: Change[]) =>
        route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId, ChangeBatch: { Changes } }));
      const txtRecords = async () =>
        ((await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId }))).ResourceRecordSets ?? [])
          .filter((set) => set.Type === 'TXT')
          .map((set) => `${set.Name} ${set.ResourceRecords?.map((r) => r.Value).join(',')}`);
      return { route53, name, created, change, txtRecords };
    }

    it('applies CREATE, UPSERT and DELETE and lists the record sets with a trailing dot', async () => {
      const { name, change, txtRecords } = await zone();

      await change(txt('CREATE', `a.${name}`, 'created'), txt('CREATE', `b.${name}`, 'created'));
      await change(txt('UPSERT', `a.${name}`, 'upserted'), txt('UPSERT', `c.${name}`, 'upserted'));
      await change(txt('DELETE', `b.${name}`, 'created'));

      expect(await txtRecords()).toEqual([`a.${name}. "upserted"`, `c.${name}. "upserted"`]);
    });

    it('reports every change INSYNC at once, also from GetChange and for ids it never issued', async () => {
      const { route53, name, created, change } = await zone();

      const { ChangeInfo } = await change(txt('CREATE', `a.${name}`, 'v'));
      const polled = await route53.send(new GetChangeCommand({ Id: ChangeInfo?.Id }));
      const unknown = await route53.send(new GetChangeCommand({ Id: 'C0000000000000' }));

      expect(created.ChangeInfo?.Status).toBe('INSYNC');
      expect(ChangeInfo?.Status).toBe('INSYNC');
      // moto returns this same id for every ChangeResourceRecordSets call; GetChange echoes the id without "/change/".
      expect(ChangeInfo?.Id).toBe('/change/C2682N5HXP0BZ4');
      expect(polled.ChangeInfo).toMatchObject({ Id: 'C2682N5HXP0BZ4', Status: 'INSYNC' });
      expect(unknown.ChangeInfo).toMatchObject({ Id: 'C0000000000000', Status: 'INSYNC' });
    });

    it('rejects CREATE of an existing identical record set with InvalidChangeBatch', async () => {
      const { name, change } = await zone();
      await change(txt('CREATE', `a.${name}`, 'v'));

      await expect(change(txt('CREATE', `a.${name}`, 'v'))).rejects.toMatchObject({
        name: 'InvalidChangeBatch',
        message: `Tried to create resource record set [name='a.${name}.', type='TXT'] but it already exists`,
        $metadata: { httpStatusCode: 400 },
      });
    });

    it('rejects DELETE of a missing record set with InvalidInput, where Route 53 answers InvalidChangeBatch', async () => {
      const { name, change } = await zone();

      await expect(change(txt('DELETE', `missing.${name}`, 'v'))).rejects.toMatchObject({
        name: 'InvalidInput',
        message: expect.stringMatching(
          /^Invalid request: Expected exactly one of \[AliasTarget, all of \[TTL/,
        ),
        $metadata: { httpStatusCode: 400 },
      });
    });

    it('rejects the whole batch when one change is a duplicate CREATE or a DELETE of a missing record', async () => {
      const { name, change, txtRecords } = await zone();
      await change(txt('CREATE', `a.${name}`, 'v'));

      const duplicate = change(txt('CREATE', `b.${name}`, 'v'), txt('CREATE', `a.${name}`, 'v'));
      await expect(duplicate).rejects.toMatchObject({ name: 'InvalidChangeBatch' });
      const missing = change(txt('CREATE', `c.${name}`, 'v'), txt('DELETE', `missing.${name}`, 'v'));
      await expect(missing).rejects.toMatchObject({ name: 'InvalidInput' });

      expect(await txtRecords()).toEqual([`a.${name}. "v"`]);
    });

    it('keeps the earlier changes of a batch that fails on a name outside the zone (not atomic)', async () => {
      const { name, change, txtRecords } = await zone();

      const outside = change(txt('CREATE', `a.${name}`, 'v'), txt('CREATE', 'a.elsewhere.test', 'v'));

      await expect(outside).rejects.toMatchObject({
        name: 'InvalidChangeBatch',
        message: `RRSet with DNS name a.elsewhere.test is not permitted in zone ${name}.`,
      });
      expect(await txtRecords()).toEqual([`a.${name}. "v"`]);
    });

    it('accepts a second CREATE of a name with another value, and DELETE of a record set already deleted', async () => {
      const { name, change, txtRecords } = await zone();
      await change(txt('CREATE', `a.${name}`, 'v1'));

      // Route 53 would reject the second CREATE (the name and type exist) and the second DELETE (not found).
      await change(txt('CREATE', `a.${name}`, 'v2'));
      const afterSecondCreate = await txtRecords();
      // moto deletes every record set of that name and type, whatever values the DELETE names.
      await change(txt('DELETE', `a.${name}`, 'v2'));
      const afterDelete = await txtRecords();
      await change(txt('DELETE', `a.${name}`, 'v2'));

      expect(afterSecondCreate).toEqual([`a.${name}. "v1"`, `a.${name}. "v2"`]);
      expect(afterDelete).toEqual([]);
    });

    it('refuses to re-create a deleted record set while a record set sorting after it exists', async () => {
      const { name, change, txtRecords } = await zone();
      await change(txt('CREATE', `a.${name}`, 'v'), txt('CREATE', `z.${name}`, 'v'));
      await change(txt('DELETE', `a.${name}`, 'v'));

      // moto finds the identical CREATE in its change journal and any record set at or after the name, so it reports
      // the deleted record as existing; Route 53 accepts this. UPSERT is not affected.
      const recreate = change(txt('CREATE', `a.${name}`, 'v'));

      await expect(recreate).rejects.toMatchObject({ name: 'InvalidChangeBatch' });
      await change(txt('UPSERT', `a.${name}`, 'v'));
      expect(await txtRecords()).toEqual([`a.${name}. "v"`, `z.${name}. "v"`]);
    });
  });

  describe('SNS to SQS', () => {
    async function subscribedQueue(raw: boolean) {
      const sns = new SNSClient(aws.clientConfig);
      const sqs = new SQSClient(aws.clientConfig);
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: unique('topic') }));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: unique('queue') }));
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      // No queue policy is needed: moto delivers to any queue, where AWS requires the queue to allow sns.amazonaws.com.
      await sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'sqs',
          Endpoint: Attributes?.QueueArn,
          ...(raw ? { Attributes: { RawMessageDelivery: 'true' } } : {}),
        }),
      );
      const receive = async () =>
        (await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 })))
          .Messages;
      return { sns, TopicArn, QueueUrl, receive };
    }

    it('delivers a published message to a subscribed queue inside the SNS Notification envelope', async () => {
      const { sns, TopicArn, QueueUrl, receive } = await subscribedQueue(false);
      const message = JSON.stringify({ RequestType: 'Create' });

      const { MessageId } = await sns.send(
        new PublishCommand({ TopicArn, Message: message, Subject: 'cfn' }),
      );
      const messages = await receive();

      expect(QueueUrl).toMatch(new RegExp(`^${aws.endpoint}/123456789012/queue-`));
      expect(messages).toHaveLength(1);
      const envelope = JSON.parse(messages?.[0]?.Body ?? '{}');
      expect(Object.keys(envelope).sort()).toEqual([
        'Message',
        'MessageId',
        'Signature',
        'SignatureVersion',
        'SigningCertURL',
        'Subject',
        'Timestamp',
        'TopicArn',
        'Type',
        'UnsubscribeURL',
      ]);
      expect(envelope).toMatchObject({
        Type: 'Notification',
        MessageId,
        TopicArn,
        Message: message,
        Subject: 'cfn',
      });
    });

    it('delivers the bare message body to a queue subscribed with RawMessageDelivery', async () => {
      const { sns, TopicArn, receive } = await subscribedQueue(true);
      const message = JSON.stringify({ RequestType: 'Delete' });

      await sns.send(new PublishCommand({ TopicArn, Message: message }));
      const messages = await receive();

      expect(messages?.map((m) => m.Body)).toEqual([message]);
    });
  });

  describe('Cognito user pools', () => {
    async function pool() {
      const cognito = new CognitoIdentityProviderClient(aws.clientConfig);
      const { UserPool } = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: unique('pool'),
          Policies: {
            PasswordPolicy: {
              MinimumLength: 12,
              RequireUppercase: true,
              RequireLowercase: true,
              RequireNumbers: true,
              RequireSymbols: true,
            },
          },
        }),
      );
      return { cognito, UserPoolId: UserPool?.Id };
    }

    it('creates a user without an invitation and confirms it with a permanent password', async () => {
      const { cognito, UserPoolId } = await pool();

      const created = await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username: 'alice',
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
        }),
      );
      await cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: 'alice',
          Password: 'Str0ng!Passw0rd',
          Permanent: true,
        }),
      );
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: 'alice' }));

      expect(UserPoolId).toMatch(/^us-east-1_/);
      expect(created.User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
      expect(user.UserStatus).toBe('CONFIRMED');
      expect(user.Enabled).toBe(true);
    });

    it('rejects a password that breaks the pool policy with InvalidPasswordException', async () => {
      const { cognito, UserPoolId } = await pool();
      await cognito.send(
        new AdminCreateUserCommand({ UserPoolId, Username: 'bob', MessageAction: 'SUPPRESS' }),
      );

      const weak = cognito.send(
        new AdminSetUserPasswordCommand({ UserPoolId, Username: 'bob', Password: 'short', Permanent: true }),
      );

      await expect(weak).rejects.toMatchObject({
        name: 'InvalidPasswordException',
        $metadata: { httpStatusCode: 400 },
      });
    });

    it('adds a user to a group, tolerates adding it twice and rejects a duplicate group', async () => {
      const { cognito, UserPoolId } = await pool();
      await cognito.send(
        new AdminCreateUserCommand({ UserPoolId, Username: 'carol', MessageAction: 'SUPPRESS' }),
      );
      await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins' }));

      await cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: 'carol', GroupName: 'admins' }),
      );
      await cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: 'carol', GroupName: 'admins' }),
      );
      const { Groups } = await cognito.send(
        new AdminListGroupsForUserCommand({ UserPoolId, Username: 'carol' }),
      );

      expect(Groups?.map((g) => g.GroupName)).toEqual(['admins']);
      await expect(
        cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins' })),
      ).rejects.toMatchObject({
        name: 'GroupExistsException',
      });
    });

    it('answers UserNotFoundException to AdminDeleteUser of a missing user', async () => {
      const { cognito, UserPoolId } = await pool();

      const missingUser = cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: 'nobody' }));
      const missingPool = cognito.send(
        new AdminDeleteUserCommand({ UserPoolId: 'us-east-1_missing', Username: 'x' }),
      );

      await expect(missingUser).rejects.toMatchObject({
        name: 'UserNotFoundException',
        message: 'User does not exist.',
        $metadata: { httpStatusCode: 400 },
      });
      await expect(missingPool).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });
  });

  describe('Secrets Manager', () => {
    it('creates, reads and force-deletes a secret', async () => {
      const secrets = new SecretsManagerClient(aws.clientConfig);
      const Name = unique('app/db');

      const created = await secrets.send(new CreateSecretCommand({ Name, SecretString: '{"password":"p"}' }));
      const read = await secrets.send(new GetSecretValueCommand({ SecretId: Name }));
      await secrets.send(new DeleteSecretCommand({ SecretId: Name, ForceDeleteWithoutRecovery: true }));

      expect(created.ARN).toMatch(
        new RegExp(`^arn:aws:secretsmanager:us-east-1:123456789012:secret:${Name}-\\w{6}$`),
      );
      expect(read.SecretString).toBe('{"password":"p"}');
      await expect(secrets.send(new GetSecretValueCommand({ SecretId: Name }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 404 },
      });
    });

    it('answers ResourceNotFoundException when deleting a missing secret, unless ForceDeleteWithoutRecovery is set', async () => {
      const secrets = new SecretsManagerClient(aws.clientConfig);
      const SecretId = unique('missing');

      const withRecovery = secrets.send(new DeleteSecretCommand({ SecretId }));
      await expect(withRecovery).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
        $metadata: { httpStatusCode: 404 },
      });
      const forced = await secrets.send(
        new DeleteSecretCommand({ SecretId, ForceDeleteWithoutRecovery: true }),
      );

      // Like AWS, a forced delete of a missing secret succeeds (moto makes up an ARN for it).
      expect(forced.Name).toBe(SecretId);
    });
  });

  describe('DynamoDB', () => {
    it('rejects a second conditional PutItem with ConditionalCheckFailedException', async () => {
      const dynamodb = new DynamoDBClient(aws.clientConfig);
      const TableName = unique('idempotency');
      await dynamodb.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      );
      const put = () =>
        dynamodb.send(
          new PutItemCommand({
            TableName,
            Item: { id: { S: 'request-1' } },
            ConditionExpression: 'attribute_not_exists(id)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );

      await put();

      await expect(put()).rejects.toMatchObject({
        name: 'ConditionalCheckFailedException',
        Item: { id: { S: 'request-1' } },
        $metadata: { httpStatusCode: 400 },
      });
    });
  });

  describe('Lambda', () => {
    it('accepts an Event invocation without Docker (202) but never runs the function code', async () => {
      const lambda = new LambdaClient(aws.clientConfig);
      const FunctionName = unique('provider');
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName,
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Role: await createIamRole(aws, unique('role')),
          Code: { ZipFile: new TextEncoder().encode('moto does not unpack the code unless Docker runs it') },
        }),
      );

      const invoked = await lambda.send(
        new InvokeCommand({ FunctionName, InvocationType: 'Event', Payload: new TextEncoder().encode('{}') }),
      );

      expect(invoked.StatusCode).toBe(202);
      // AWS returns an empty payload and no FunctionError for Event; moto reports its failed Docker call instead.
      expect(invoked.FunctionError).toBe('Handled');
      expect(new TextDecoder().decode(invoked.Payload)).toMatch(/^error running docker: /);
    });

    it('answers ResourceNotFoundException to an invocation of a missing function', async () => {
      const lambda = new LambdaClient(aws.clientConfig);

      const invoking = lambda.send(
        new InvokeCommand({ FunctionName: unique('missing'), InvocationType: 'Event' }),
      );

      await expect(invoking).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 404 },
      });
    });
  });
});

// CreateFunction needs the role to exist in moto's IAM, and no IAM client is installed; moto serves the IAM query API
// to any request whose Authorization header names the iam service, without checking the signature.
async function createIamRole(aws: LocalAws, RoleName: string): Promise<string> {
  const trust = {
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  };
  const response = await fetch(aws.endpoint, {
    method: 'POST',
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20240101/${aws.region}/iam/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({
      Action: 'CreateRole',
      Version: '2010-05-08',
      RoleName,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', ...trust }),
    }),
  });
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(await response.text())?.[1];
  assert.ok(response.ok && arn, `iam:CreateRole answered ${response.status}`);
  return arn;
}

async function withScript(body: string, use: (command: string, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'crkit-local-aws-'));
  try {
    const command = join(dir, 'fake-moto-server');
    await writeFile(command, `#!/bin/sh\n${body}\n`);
    await chmod(command, 0o755);
    await use(command, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Starts moto from a separate Node process running `tail` after startLocalAws(), and reports moto's pid.
async function startInChildProcess(tail: string) {
  const script = `const { startLocalAws } = await import(${JSON.stringify(localAwsModule)});
    const aws = await startLocalAws();
    console.log(aws.pid);
    ${tail}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const firstLine = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) =>
      reject(new Error(`the child process exited (${code}) before printing moto's pid`)),
    );
  });
  const motoPid = Number(firstLine);
  expect(isRunning(motoPid)).toBe(true);
  return { child, motoPid, exited };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // An orphan killed after its parent died is re-parented to init; where init does not reap (as in many containers)
  // it lingers as a zombie, which is dead for every purpose here.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}
