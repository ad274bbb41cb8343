import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrossAccountDnsRecordDefinition } from '../../../providers/cross-account-dns-record/index.js';
import type { ResponseBody } from '../../../src/core/fit-response.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { createEvent, deleteEvent } from '../../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../../src/testing/response-capture.js';
import { useEmulator } from '../emulator/emulator.js';

/**
 * Records as the emulator's Route 53 stores them: a long DKIM key split into strings of 255, and a record shared by
 * two resources (two certificates validating the same name) that stays until the last of them is deleted.
 */
const RESOURCE_TYPE = 'Custom::CrossAccountDnsRecord';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const aws = useEmulator();

let capture: ResponseCapture;
let route53: Route53Client;
let zoneId = '';
let handler: ReturnType<typeof lambdaHandler>;

beforeAll(async () => {
  capture = await startResponseCapture();
  route53 = new Route53Client(aws().clientConfig);
  const zone = await route53.send(
    new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'shared' }),
  );
  zoneId = (zone.HostedZone?.Id ?? '').replace('/hostedzone/', '');
  const definition = createCrossAccountDnsRecordDefinition({
    clients: { route53: () => route53 },
    completion: { initialDelayMs: 10, maxDelayMs: 50 },
  });
  handler = lambdaHandler(definition, { allowedResponseOrigins: [capture.origin], logger: quiet });
});
afterAll(() => capture?.close());

async function answer(event: { ResponseURL: string }): Promise<ResponseBody> {
  await handler(event);
  const response = capture.responseFor(event.ResponseURL);
  if (!response) throw new Error('no response');
  return response.body;
}

/** The zone's records other than SOA and NS, as `name type -> values`. */
async function zoneRecords(): Promise<Record<string, string[]>> {
  const { ResourceRecordSets = [] } = await route53.send(
    new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }),
  );
  return Object.fromEntries(
    ResourceRecordSets.filter((set) => set.Type !== 'SOA' && set.Type !== 'NS').map((set) => [
      `${set.Name} ${set.Type}`,
      (set.ResourceRecords ?? []).map((record) => record.Value ?? ''),
    ]),
  );
}

const VALIDATION = {
  HostedZoneId: '',
  Name: '_d930b28be6c5927595552b219965053e.app1.example.com',
  Type: 'CNAME',
  ResourceRecords: ['_c9edd76ee4a0e2a74388032f3861cc50.ykybfrwcxw.acm-validations.aws.'],
  Shared: true,
};
const NAME = `${VALIDATION.Name}.`;
const event = (logicalResourceId: string, properties: Record<string, unknown> = {}) => ({
  resourceType: RESOURCE_TYPE,
  responseUrl: capture.responseUrl(),
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f',
  logicalResourceId,
  properties: { ...VALIDATION, HostedZoneId: zoneId, ...properties },
});

describe('cross-account-dns-record values and shared records in the emulator', () => {
  it('stores a DKIM key over 255 characters as quoted strings of 255', async () => {
    const key = `v=DKIM1; k=rsa; p=${'A'.repeat(380)}`;

    const body = await answer(
      createEvent({
        ...event('Dkim'),
        properties: {
          HostedZoneId: zoneId,
          Name: 'sel._domainkey.app1.example.com',
          Type: 'TXT',
          ResourceRecords: [key],
        },
      }),
    );

    expect(body.Status).toBe('SUCCESS');
    expect((await zoneRecords())['sel._domainkey.app1.example.com. TXT']).toEqual([
      `"${key.slice(0, 255)}" "${key.slice(255)}"`,
    ]);
  });

  it('keeps a record two resources share until the last of them is deleted, and lists its owners beside it', async () => {
    const first = await answer(createEvent(event('CertA')));
    const second = await answer(createEvent(event('CertB')));

    expect([first.Status, second.Status]).toEqual(['SUCCESS', 'SUCCESS']);
    expect(second.PhysicalResourceId).toBe(first.PhysicalResourceId);
    const shared = await zoneRecords();
    expect(shared[`${NAME} CNAME`]).toEqual(VALIDATION.ResourceRecords);
    expect(shared[`_crkit-owners.${NAME} TXT`]).toHaveLength(3);

    const id = first.PhysicalResourceId;
    expect((await answer(deleteEvent({ ...event('CertA'), physicalResourceId: id }))).Status).toBe('SUCCESS');
    expect((await zoneRecords())[`${NAME} CNAME`]).toEqual(VALIDATION.ResourceRecords);
    expect((await answer(deleteEvent({ ...event('CertA'), physicalResourceId: id }))).Status).toBe('SUCCESS');
    expect((await zoneRecords())[`_crkit-owners.${NAME} TXT`]).toHaveLength(2);

    expect((await answer(deleteEvent({ ...event('CertB'), physicalResourceId: id }))).Status).toBe('SUCCESS');
    const after = await zoneRecords();
    expect(after[`${NAME} CNAME`]).toBeUndefined();
    expect(after[`_crkit-owners.${NAME} TXT`]).toBeUndefined();
  });

  it('never deletes a record that existed before it was shared, and refuses to share other values', async () => {
    const name = 'pre.app1.example.com';
    await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: name,
                Type: 'CNAME',
                TTL: 300,
                ResourceRecords: [{ Value: 'target.example.net' }],
              },
            },
          ],
        },
      }),
    );

    const other = await answer(
      createEvent(event('Other', { Name: name, ResourceRecords: ['elsewhere.example.net'] })),
    );
    const joined = await answer(
      createEvent(event('Joiner', { Name: name, ResourceRecords: ['target.example.net'] })),
    );
    await answer(deleteEvent({ ...event('Joiner'), physicalResourceId: joined.PhysicalResourceId }));

    expect(other.Status).toBe('FAILED');
    expect(other.Reason).toContain(
      `the CNAME record ${name} already exists with other values (target.example.net), and only a record with the same values can be shared`,
    );
    expect(joined.Status).toBe('SUCCESS');
    const after = await zoneRecords();
    expect(after[`${name}. CNAME`]).toEqual(['target.example.net']);
    expect(after[`_crkit-owners.${name}. TXT`]).toBeUndefined();
  });
});
