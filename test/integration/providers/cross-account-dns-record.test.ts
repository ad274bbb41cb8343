import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrossAccountDnsRecordDefinition } from '../../../providers/cross-account-dns-record/index.js';
import type { ResponseBody } from '../../../src/core/fit-response.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { createEvent, deleteEvent, updateEvent } from '../../../src/testing/events.js';
import type { LocalAws } from '../../../src/testing/local-aws.js';
import { createS3ResponseBucket, type S3ResponseBucket } from '../../../src/testing/s3-responses.js';
import { anotherAccount, emulatorAccount } from '../emulator/emulator.js';

/**
 * The Lambda-backed shape: the provider runs with the application account's credentials (moto's default account)
 * and assumes a role in the DNS account. moto switches account by the assumed keys, so the zone the provider
 * changes really is the DNS account's; it does not check ExternalId (nor whether the role exists), so what the
 * trust policy would refuse cannot be tested here.
 */
const RESOURCE_TYPE = 'Custom::CrossAccountDnsRecord';
const DNS_ACCOUNT = anotherAccount();
const ROLE_ARN = `arn:aws:iam::${DNS_ACCOUNT}:role/dns-records`;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let aws: LocalAws;
let responses: S3ResponseBucket;
let handler: ReturnType<typeof lambdaHandler>;
/** Route 53 as the DNS account and the application account see it. */
let dnsRoute53: Route53Client;
let appRoute53: Route53Client;
let dnsZoneId = '';
let appZoneId = '';

async function createZone(client: Route53Client, name: string): Promise<string> {
  const created = await client.send(
    new CreateHostedZoneCommand({ Name: name, CallerReference: `${name}-${Date.now()}` }),
  );
  return (created.HostedZone?.Id ?? '').replace('/hostedzone/', '');
}

beforeAll(async () => {
  aws = await emulatorAccount();
  responses = await createS3ResponseBucket(aws);
  const sts = new STSClient(aws.clientConfig);
  const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'test-setup' }));
  const c = assumed.Credentials;
  dnsRoute53 = new Route53Client({
    ...aws.clientConfig,
    credentials: {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    },
  });
  appRoute53 = new Route53Client(aws.clientConfig);
  dnsZoneId = await createZone(dnsRoute53, 'example.com');
  // The application account has a zone of the same name: the provider must not find it.
  appZoneId = await createZone(appRoute53, 'example.com');
  const definition = createCrossAccountDnsRecordDefinition({
    clients: {
      sts,
      route53: (credentials) =>
        new Route53Client({ ...aws.clientConfig, ...(credentials ? { credentials } : {}) }),
    },
    allowlist: { [aws.accountId]: ['app1.example.com'] },
    completion: { initialDelayMs: 20, maxDelayMs: 100 },
  });
  handler = lambdaHandler(definition, { allowedResponseOrigins: [responses.origin], logger: quiet });
});
afterAll(() => aws?.stop());

async function answer(event: { ResponseURL: string }): Promise<ResponseBody> {
  await handler(event);
  const body = await responses.read(event.ResponseURL);
  if (!body) throw new Error('no response in the bucket');
  return body;
}

/** The A records of a zone, as `name -> [TTL, ...values]`. */
async function records(client: Route53Client, zoneId: string): Promise<Record<string, unknown[]>> {
  const listed = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
  const sets = (listed.ResourceRecordSets ?? []).filter((set) => set.Type === 'A');
  return Object.fromEntries(
    sets.map((set) => [set.Name, [set.TTL, ...(set.ResourceRecords ?? []).map((r) => r.Value)]]),
  );
}

const properties = {
  HostedZoneName: 'example.com',
  Name: 'web.app1.example.com',
  Type: 'A',
  TTL: 60,
  ResourceRecords: ['192.0.2.10'],
  RoleArn: ROLE_ARN,
  ExternalId: 'app1-dns',
};
/** A request from a stack in the application account: this file's own (test/integration/emulator/emulator.ts). */
const common = async () => ({
  resourceType: RESOURCE_TYPE,
  responseUrl: await responses.responseUrl(),
  stackId: `arn:aws:cloudformation:us-east-1:${aws.accountId}:stack/app/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f`,
});

describe('cross-account-dns-record against the emulator, assuming a role in the DNS account', () => {
  let id = '';
  let replacementId = '';

  it('creates the record in the DNS account, never in the application account', async () => {
    const body = await answer(createEvent({ ...(await common()), properties }));

    expect(body).toMatchObject({
      Status: 'SUCCESS',
      Data: { HostedZoneId: dnsZoneId, Name: 'web.app1.example.com' },
    });
    id = body.PhysicalResourceId;
    expect(id).toBe(`${dnsZoneId}|A|web.app1.example.com`);
    expect(await records(dnsRoute53, dnsZoneId)).toEqual({ 'web.app1.example.com.': [60, '192.0.2.10'] });
    expect(await records(appRoute53, appZoneId)).toEqual({});
    await expect(appRoute53.send(new GetHostedZoneCommand({ Id: dnsZoneId }))).rejects.toThrow(
      /No hosted zone/,
    );
  });

  it('updates values and TTL in place, keeping the id', async () => {
    const next = { ...properties, TTL: 300, ResourceRecords: ['192.0.2.20', '192.0.2.21'] };
    const event = updateEvent({
      ...(await common()),
      physicalResourceId: id,
      properties: next,
      oldProperties: properties,
    });

    const body = await answer(event);

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(await records(dnsRoute53, dnsZoneId)).toEqual({
      'web.app1.example.com.': [300, '192.0.2.20', '192.0.2.21'],
    });
  });

  it('replaces the record when its name changes, creating the new one beside the old', async () => {
    const old = { ...properties, TTL: 300, ResourceRecords: ['192.0.2.20', '192.0.2.21'] };
    const next = { ...old, Name: 'api.app1.example.com' };
    const event = updateEvent({
      ...(await common()),
      physicalResourceId: id,
      properties: next,
      oldProperties: old,
    });

    const body = await answer(event);

    expect(body.Status).toBe('SUCCESS');
    replacementId = body.PhysicalResourceId;
    expect(replacementId).toBe(`${dnsZoneId}|A|api.app1.example.com`);
    expect(Object.keys(await records(dnsRoute53, dnsZoneId)).sort()).toEqual([
      'api.app1.example.com.',
      'web.app1.example.com.',
    ]);
  });

  it('removes the old record on the cleanup Delete of the old id, then the new one, and again without error', async () => {
    const current = {
      ...properties,
      Name: 'api.app1.example.com',
      TTL: 300,
      ResourceRecords: ['192.0.2.20', '192.0.2.21'],
    };
    const cleanup = await answer(deleteEvent({ ...(await common()), physicalResourceId: id, properties }));
    const afterCleanup = await records(dnsRoute53, dnsZoneId);
    const removed = await answer(
      deleteEvent({ ...(await common()), physicalResourceId: replacementId, properties: current }),
    );
    const again = await answer(
      deleteEvent({ ...(await common()), physicalResourceId: replacementId, properties: current }),
    );

    expect(cleanup).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(afterCleanup).toEqual({ 'api.app1.example.com.': [300, '192.0.2.20', '192.0.2.21'] });
    expect(removed).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: replacementId });
    expect(again).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: replacementId });
    expect(await records(dnsRoute53, dnsZoneId)).toEqual({});
  });

  it('deletes a record whose values drifted since it was made', async () => {
    const created = await answer(
      createEvent({ ...(await common()), properties: { ...properties, Name: 'drift.app1.example.com' } }),
    );
    await dnsRoute53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: dnsZoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: 'UPSERT',
              ResourceRecordSet: {
                Name: 'drift.app1.example.com.',
                Type: 'A',
                TTL: 5,
                ResourceRecords: [{ Value: '198.51.100.9' }],
              },
            },
          ],
        },
      }),
    );

    const body = await answer(
      deleteEvent({ ...(await common()), physicalResourceId: created.PhysicalResourceId, properties }),
    );

    expect(body.Status).toBe('SUCCESS');
    expect(await records(dnsRoute53, dnsZoneId)).toEqual({});
  });

  it('refuses to overwrite an existing record, and leaves it as it was', async () => {
    const taken = { ...properties, Name: 'taken.app1.example.com' };
    await dnsRoute53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: dnsZoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'taken.app1.example.com.',
                Type: 'A',
                TTL: 60,
                ResourceRecords: [{ Value: '192.0.2.10' }],
              },
            },
          ],
        },
      }),
    );

    const body = await answer(createEvent({ ...(await common()), properties: taken }));

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain(
      `the A record taken.app1.example.com already exists in hosted zone ${dnsZoneId}: set AllowOverwrite`,
    );
    expect(await records(dnsRoute53, dnsZoneId)).toEqual({ 'taken.app1.example.com.': [60, '192.0.2.10'] });
  });

  it('creates nothing for an account that is not allowed, nor for a name only ending like an allowed one', async () => {
    const before = await records(dnsRoute53, dnsZoneId);
    const stranger = await answer(
      createEvent({
        ...(await common()),
        stackId:
          'arn:aws:cloudformation:us-east-1:999999999999:stack/other/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f',
        properties: { ...properties, Name: 'stranger.app1.example.com' },
      }),
    );
    const glued = await answer(
      createEvent({ ...(await common()), properties: { ...properties, Name: 'evilapp1.example.com' } }),
    );

    expect(stranger.Status).toBe('FAILED');
    expect(stranger.Reason).toContain('account 999999999999 is not in the DNS allowlist');
    expect(glued.Status).toBe('FAILED');
    expect(glued.Reason).toContain(
      `account ${aws.accountId} may change records under app1.example.com only, not evilapp1.example.com`,
    );
    expect(await records(dnsRoute53, dnsZoneId)).toEqual(before);
  });
});
