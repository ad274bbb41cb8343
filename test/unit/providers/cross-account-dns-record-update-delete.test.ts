import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
} from '@aws-sdk/client-route-53';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deleteEvent, updateEvent } from '../../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../../src/testing/response-capture.js';
import {
  APP_ACCOUNT,
  arrangeHappyPath,
  awsError,
  listed,
  providerFor,
  RESOURCE_TYPE,
  route53,
  stackOf,
  ZONE,
} from './cross-account-dns-record-harness.js';

expect.extend(allCustomMatcher);

let capture: ResponseCapture;
beforeAll(async () => {
  capture = await startResponseCapture();
});
afterAll(() => capture.close());
beforeEach(arrangeHappyPath);

const ID = `${ZONE}|A|app1.example.com`;
const record = {
  HostedZoneId: ZONE,
  Name: 'app1.example.com',
  Type: 'A',
  TTL: 60,
  ResourceRecords: ['192.0.2.10'],
};
const common = (account = APP_ACCOUNT) => ({
  resourceType: RESOURCE_TYPE,
  responseUrl: capture.responseUrl(),
  stackId: stackOf(account),
  logicalResourceId: 'Record',
});
const update = (properties: Record<string, unknown>, physicalResourceId = ID) =>
  updateEvent({
    ...common(),
    physicalResourceId,
    properties: { ...record, ...properties },
    oldProperties: record,
  });
const remove = (physicalResourceId = ID, account = APP_ACCOUNT) =>
  deleteEvent({ ...common(account), physicalResourceId, properties: record });
const changesSent = () =>
  route53
    .commandCalls(ChangeResourceRecordSetsCommand)
    .map((call) => call.args[0].input.ChangeBatch?.Changes);

describe('cross-account-dns-record update', () => {
  it('changes values and TTL in place with an UPSERT of the same record, keeping the id', async () => {
    const body = await providerFor(capture).send(
      update({ TTL: 300, ResourceRecords: ['192.0.2.20', '192.0.2.21'] }),
    );

    expect(body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: ID,
      Data: { HostedZoneId: ZONE, Name: 'app1.example.com', Type: 'A' },
    });
    expect(changesSent()).toEqual([
      [
        {
          Action: 'UPSERT',
          ResourceRecordSet: {
            Name: 'app1.example.com.',
            Type: 'A',
            TTL: 300,
            ResourceRecords: [{ Value: '192.0.2.20' }, { Value: '192.0.2.21' }],
          },
        },
      ],
    ]);
  });

  it('replaces the record when its name changes: creates the new one and answers its id', async () => {
    const body = await providerFor(capture).send(update({ Name: 'api.app1.example.com' }));

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `${ZONE}|A|api.app1.example.com` });
    expect(changesSent()?.[0]?.[0]).toMatchObject({
      Action: 'CREATE',
      ResourceRecordSet: { Name: 'api.app1.example.com.' },
    });
  });

  it('keeps the record and its id when a replacement lands on the same record (the zone named by name)', async () => {
    const body = await providerFor(capture).send(
      update({ HostedZoneId: undefined, HostedZoneName: 'example.com' }),
    );

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ID });
    expect(changesSent()?.[0]?.[0]?.Action).toBe('UPSERT');
  });

  it('treats another spelling of the same name as no change of name', async () => {
    const body = await providerFor(capture).send(update({ Name: 'APP1.example.com.' }));

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ID });
    expect(changesSent()?.[0]?.[0]?.Action).toBe('UPSERT');
  });

  it('refuses an id that names another record than the properties, and changes nothing', async () => {
    const body = await providerFor(capture).send(update({}, `${ZONE}|A|victim.example.com`));

    expect(body.Status).toBe('FAILED');
    expect(body.PhysicalResourceId).toBe(`${ZONE}|A|victim.example.com`);
    expect(body.Reason).toContain(
      'PhysicalResourceId: names the A record victim.example.com, but the properties',
    );
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
  });

  it('refuses an update of a name the requesting account may not change', async () => {
    const provider = providerFor(capture, { allowlist: { [APP_ACCOUNT]: ['app2.example.com'] } });

    const body = await provider.send(update({ TTL: 30 }));

    expect(body.Reason).toContain('account 111111111111 may change records under app2.example.com only');
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
  });
});

describe('cross-account-dns-record delete', () => {
  it('deletes exactly the record Route 53 holds, with its current (drifted) values, and waits for INSYNC', async () => {
    const current = listed('app1.example.com', 'A', ['198.51.100.7'], 120);
    route53.on(ListResourceRecordSetsCommand).resolves({
      ResourceRecordSets: [current, listed('b.example.com', 'A', ['192.0.2.2'])],
      IsTruncated: false,
      MaxItems: 10,
    });

    const body = await providerFor(capture).send(remove());

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ID });
    expect(route53).toHaveReceivedCommandWith(ListResourceRecordSetsCommand, {
      HostedZoneId: ZONE,
      StartRecordName: 'app1.example.com.',
      StartRecordType: 'A',
    });
    expect(changesSent()).toEqual([[{ Action: 'DELETE', ResourceRecordSet: current }]]);
    expect(route53).toHaveReceivedCommand(GetChangeCommand);
  });

  it('still deletes the record from its id when the properties no longer match the schema (TTL "300s")', async () => {
    const current = listed('app1.example.com', 'A', ['198.51.100.7'], 120);
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves({ ResourceRecordSets: [current], IsTruncated: false, MaxItems: 10 });
    const event = remove();

    const body = await providerFor(capture).send({
      ...event,
      ResourceProperties: { ...event.ResourceProperties, TTL: '300s' },
    } as typeof event);

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ID });
    expect(changesSent()).toEqual([[{ Action: 'DELETE', ResourceRecordSet: current }]]);
  });

  it('finds a wildcard record that Route 53 lists with an octal escape', async () => {
    const current = listed('\\052.app1.example.com', 'TXT', ['"x"']);
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves({ ResourceRecordSets: [current], IsTruncated: false, MaxItems: 10 });

    const body = await providerFor(capture).send(remove(`${ZONE}|TXT|*.app1.example.com`));

    expect(body.Status).toBe('SUCCESS');
    expect(changesSent()).toEqual([[{ Action: 'DELETE', ResourceRecordSet: current }]]);
  });

  it('answers SUCCESS without a change when the record, or its zone, is already gone', async () => {
    const provider = providerFor(capture);
    const gone = await provider.send(remove());
    route53
      .on(ListResourceRecordSetsCommand)
      .rejects(awsError('NoSuchHostedZone', `No hosted zone found with ID: ${ZONE}`));
    const zoneGone = await provider.send(remove());

    expect([gone.Status, zoneGone.Status]).toEqual(['SUCCESS', 'SUCCESS']);
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
  });

  it.each([
    ['InvalidChangeBatch', 'real Route 53'],
    ['InvalidInput', 'the emulator moto'],
  ])(
    'answers SUCCESS when the DELETE is rejected with %s (as %s answers) and the record is gone',
    async (name) => {
      route53
        .on(ListResourceRecordSetsCommand)
        .resolvesOnce({
          ResourceRecordSets: [listed('app1.example.com', 'A', ['192.0.2.10'])],
          IsTruncated: false,
          MaxItems: 10,
        })
        .resolves({ ResourceRecordSets: [], IsTruncated: false, MaxItems: 10 });
      route53
        .on(ChangeResourceRecordSetsCommand)
        .rejects(awsError(name, 'Tried to delete resource record set but it was not found'));

      const body = await providerFor(capture).send(remove());

      expect(body.Status).toBe('SUCCESS');
      expect(route53).toHaveReceivedCommandTimes(ListResourceRecordSetsCommand, 2);
    },
  );

  it('fails when the DELETE is rejected while the record is still there', async () => {
    route53.on(ListResourceRecordSetsCommand).resolves({
      ResourceRecordSets: [listed('app1.example.com', 'A', ['192.0.2.10'])],
      IsTruncated: false,
      MaxItems: 10,
    });
    route53
      .on(ChangeResourceRecordSetsCommand)
      .rejects(awsError('InvalidChangeBatch', 'values do not match'));

    const body = await providerFor(capture).send(remove());

    expect(body).toMatchObject({
      Status: 'FAILED',
      Reason: 'delete failed: InvalidChangeBatch: values do not match',
    });
  });

  it('refuses to delete a record outside the requesting account’s suffixes, and changes nothing', async () => {
    const provider = providerFor(capture, { allowlist: { '333333333333': ['app3.example.com'] } });

    const body = await provider.send(remove(ID, '333333333333'));

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain(
      'PhysicalResourceId: account 333333333333 may change records under app3.example.com only, not app1.example.com',
    );
    expect(route53.calls()).toHaveLength(0);
  });

  it('answers SUCCESS for a Delete of an id CloudFormation generated, saying it is not one of its own', async () => {
    const body = await providerFor(capture).send(remove('app-dns-ApiRecord-1QX7Z9KD2M4AB'));

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'app-dns-ApiRecord-1QX7Z9KD2M4AB' });
    expect(body.Reason).toBe(
      'nothing to delete: PhysicalResourceId "app-dns-ApiRecord-1QX7Z9KD2M4AB" is not one this provider issues',
    );
  });
});
