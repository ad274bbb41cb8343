import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListHostedZonesByNameCommand,
} from '@aws-sdk/client-route-53';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ResponseCapture, startResponseCapture } from '../../../src/testing/response-capture.js';
import {
  APP_ACCOUNT,
  arrangeHappyPath,
  awsError,
  createRecord,
  providerFor,
  route53,
  ZONE,
} from './cross-account-dns-record-harness.js';

expect.extend(allCustomMatcher);

let capture: ResponseCapture;
beforeAll(async () => {
  capture = await startResponseCapture();
});
afterAll(() => capture.close());
beforeEach(arrangeHappyPath);

const create = (properties: Record<string, unknown> = {}, account = APP_ACCOUNT) =>
  createRecord(capture)(properties, account);

describe('cross-account-dns-record create', () => {
  it('creates the record, waits until the change is INSYNC, and answers an id holding zone, type and name', async () => {
    route53
      .on(GetChangeCommand)
      .resolvesOnce({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date() } })
      .resolves({ ChangeInfo: { Id: '/change/C1', Status: 'INSYNC', SubmittedAt: new Date() } });

    const body = await providerFor(capture).send(create());

    expect(body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `${ZONE}|A|app1.example.com`,
      Data: { HostedZoneId: ZONE, Name: 'app1.example.com', Type: 'A' },
    });
    expect(route53).toHaveReceivedCommandWith(ChangeResourceRecordSetsCommand, {
      HostedZoneId: ZONE,
      ChangeBatch: {
        Comment: 'crkit cross-account-dns-record',
        Changes: [
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'app1.example.com.',
              Type: 'A',
              TTL: 60,
              ResourceRecords: [{ Value: '192.0.2.10' }],
            },
          },
        ],
      },
    });
    expect(route53).toHaveReceivedCommandTimes(GetChangeCommand, 2);
    expect(route53).toHaveReceivedCommandWith(GetChangeCommand, { Id: '/change/C1' });
  });

  it('finds the zone by its exact name, passing over zones named below it', async () => {
    const body = await providerFor(capture).send(
      create({ HostedZoneId: undefined, HostedZoneName: 'Example.COM.', Name: 'app1.example.com' }),
    );

    expect(body.Status).toBe('SUCCESS');
    expect(body.PhysicalResourceId).toBe(`${ZONE}|A|app1.example.com`);
    expect(route53).toHaveReceivedCommandWith(ListHostedZonesByNameCommand, { DNSName: 'example.com.' });
    expect(route53).toHaveReceivedCommandWith(ChangeResourceRecordSetsCommand, { HostedZoneId: ZONE });
  });

  it('refuses a zone name that a public and a private zone share, listing both, and changes nothing', async () => {
    route53.on(ListHostedZonesByNameCommand).resolves({
      HostedZones: [
        {
          Id: `/hostedzone/${ZONE}`,
          Name: 'example.com.',
          CallerReference: 'a',
          Config: { PrivateZone: false },
        },
        {
          Id: '/hostedzone/ZPRIVATE',
          Name: 'example.com.',
          CallerReference: 'b',
          Config: { PrivateZone: true },
        },
      ],
      IsTruncated: false,
      MaxItems: 100,
    });

    const body = await providerFor(capture).send(
      create({ HostedZoneId: undefined, HostedZoneName: 'example.com' }),
    );

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe(
      'create failed: ValidationError: ResourceProperties.HostedZoneName: 2 hosted zones are named example.com: ' +
        `${ZONE} (public), ZPRIVATE (private); give HostedZoneId to say which one`,
    );
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
  });

  it('fails when no zone has the name, and when the record lies outside the named zone', async () => {
    const provider = providerFor(capture);
    const missing = await provider.send(
      create({ HostedZoneId: undefined, HostedZoneName: 'example.net', Name: 'app1.example.net' }),
    );
    const outside = await provider.send(
      create({ HostedZoneId: undefined, HostedZoneName: 'example.com', Name: 'app1.example.org' }),
    );

    expect(missing.Reason).toContain('HostedZoneName: no hosted zone named example.net in the DNS account');
    expect(outside.Reason).toContain(
      'ResourceProperties.Name: app1.example.org is not in the hosted zone example.com: choose a name that ends in .example.com',
    );
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
  });

  it('refuses to overwrite an existing record, naming it and how to allow it', async () => {
    route53
      .on(ChangeResourceRecordSetsCommand)
      .rejects(
        awsError(
          'InvalidChangeBatch',
          "[Tried to create resource record set [name='app1.example.com.', type='A'] but it already exists]",
        ),
      );

    const body = await providerFor(capture).send(create());

    expect(body.Status).toBe('FAILED');
    expect(body.PhysicalResourceId).toMatch(/^crkit:create-failed:/);
    expect(body.Reason).toBe(
      'create failed: ValidationError: ResourceProperties.Name: the A record app1.example.com already exists in ' +
        `hosted zone ${ZONE}: set AllowOverwrite to "true" to take it over (this resource then owns and finally ` +
        'deletes it), or remove it first',
    );
  });

  it('takes an existing record over with an UPSERT when AllowOverwrite is set', async () => {
    const body = await providerFor(capture).send(create({ AllowOverwrite: true }));

    expect(body.Status).toBe('SUCCESS');
    const [call] = route53.commandCalls(ChangeResourceRecordSetsCommand);
    expect(call?.args[0].input.ChangeBatch?.Changes?.map((change) => change.Action)).toEqual(['UPSERT']);
  });

  it('retries throttled changes and status checks, and answers SUCCESS', async () => {
    route53
      .on(ChangeResourceRecordSetsCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .rejectsOnce(
        awsError(
          'PriorRequestNotComplete',
          'The request was rejected because Route 53 was still processing a prior request.',
        ),
      )
      .resolves({ ChangeInfo: { Id: '/change/CT', Status: 'PENDING', SubmittedAt: new Date() } });
    route53
      .on(GetChangeCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .resolves({ ChangeInfo: { Id: '/change/CT', Status: 'INSYNC', SubmittedAt: new Date() } });

    const body = await providerFor(capture).send(create());

    expect(body.Status).toBe('SUCCESS');
    expect(route53).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 3);
    expect(route53).toHaveReceivedCommandTimes(GetChangeCommand, 2);
  });

  it('fails with the last throttling error when Route 53 keeps refusing', async () => {
    route53.on(ChangeResourceRecordSetsCommand).rejects(awsError('Throttling', 'Rate exceeded'));

    const body = await providerFor(capture, { retry: { attempts: 2 } }).send(create());

    expect(body).toMatchObject({ Status: 'FAILED', Reason: 'create failed: Throttling: Rate exceeded' });
    expect(route53).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 2);
  });

  it('fails naming every property that is wrong', async () => {
    const body = await providerFor(capture).send(create({ HostedZoneName: 'example.com', TTL: 'soon' }));

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain('ResourceProperties.TTL: expected an integer');
    const both = await providerFor(capture).send(create({ HostedZoneName: 'example.com' }));
    expect(both.Reason).toContain(
      'ResourceProperties.HostedZoneId: expected exactly one of HostedZoneId and HostedZoneName',
    );
  });
});
