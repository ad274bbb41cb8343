import { ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ResponseCapture, startResponseCapture } from '../../../src/testing/response-capture.js';
import {
  arrangeHappyPath,
  awsError,
  createRecord,
  listed,
  providerFor,
  route53,
} from './cross-account-dns-record-harness.js';

let capture: ResponseCapture;
beforeAll(async () => {
  capture = await startResponseCapture();
});
afterAll(() => capture.close());
beforeEach(arrangeHappyPath);

const NAME = '_a1.app1.example.com';
const SHARED = { Name: NAME, Type: 'CNAME', ResourceRecords: ['_va1.acm-validations.aws.'], Shared: true };

describe('cross-account-dns-record shared records', () => {
  it('creates the record and its owners list in one change batch', async () => {
    const body = await providerFor(capture).send(createRecord(capture)(SHARED));

    expect(body.Status).toBe('SUCCESS');
    const [call] = route53.commandCalls(ChangeResourceRecordSetsCommand);
    const changes = call?.args[0].input.ChangeBatch?.Changes ?? [];
    expect(
      changes.map((change) => [
        change.Action,
        change.ResourceRecordSet?.Name,
        change.ResourceRecordSet?.Type,
      ]),
    ).toEqual([
      ['CREATE', `${NAME}.`, 'CNAME'],
      ['CREATE', `_crkit-owners.${NAME}.`, 'TXT'],
    ]);
    expect(changes[1]?.ResourceRecordSet?.ResourceRecords).toHaveLength(2);
  });

  it('reads the owners again and retries when another owner changed them first, so its batch was refused', async () => {
    const owners = listed(`_crkit-owners.${NAME}`, 'TXT', ['"rev:1"', '"other-owner"']);
    const record = listed(NAME, 'CNAME', ['_va1.acm-validations.aws.']);
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves({ ResourceRecordSets: [record, owners], IsTruncated: false, MaxItems: 10 });
    route53
      .on(ChangeResourceRecordSetsCommand)
      .rejectsOnce(awsError('InvalidChangeBatch', 'Tried to delete resource record set but it was not found'))
      .resolves({ ChangeInfo: { Id: '/change/C9', Status: 'PENDING', SubmittedAt: new Date() } });

    const body = await providerFor(capture).send(createRecord(capture)(SHARED));

    expect(body.Status).toBe('SUCCESS');
    const batches = route53
      .commandCalls(ChangeResourceRecordSetsCommand)
      .map((call) => (call.args[0].input.ChangeBatch?.Changes ?? []).map((change) => change.Action));
    expect(batches).toEqual([
      ['DELETE', 'CREATE'],
      ['DELETE', 'CREATE'],
    ]);
  });
});
