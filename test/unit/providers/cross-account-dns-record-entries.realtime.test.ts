import { type Change, ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CROSS_ACCOUNT_DNS_ENV } from '../../../providers/cross-account-dns-record/environment.js';
import { handler, queueHandler } from '../../../providers/cross-account-dns-record/lambda.js';
import { ENV } from '../../../src/constants.js';
import { createEvent } from '../../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../../src/testing/response-capture.js';
import { contextFor, sqsEvent } from '../batch-events.js';
import {
  arrangeHappyPath,
  awsError,
  RESOURCE_TYPE,
  ROLE_ARN,
  route53,
  stackOf,
  sts,
  ZONE,
} from './cross-account-dns-record-harness.js';

expect.extend(allCustomMatcher);

const APP1 = '111111111111';
const APP3 = '333333333333';
let capture: ResponseCapture;
beforeAll(async () => {
  capture = await startResponseCapture();
});
afterAll(() => capture.close());
beforeEach(() => {
  arrangeHappyPath();
  vi.stubEnv(ENV.allowResponseOrigins, capture.origin);
  vi.stubEnv(
    CROSS_ACCOUNT_DNS_ENV.allowlist,
    JSON.stringify({ [APP1]: ['app1.example.com'], [APP3]: ['app3.example.com'] }),
  );
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const request = (account: string, name: string, properties: Record<string, unknown> = {}) =>
  createEvent({
    resourceType: RESOURCE_TYPE,
    responseUrl: capture.responseUrl(),
    stackId: stackOf(account),
    properties: {
      HostedZoneId: ZONE,
      Name: name,
      Type: 'A',
      TTL: 60,
      ResourceRecords: ['192.0.2.10'],
      ...properties,
    },
  });

/** Hands the requests to the ready-made SQS entry as one batch and returns the PUT body each one got. */
async function process(requests: ReturnType<typeof request>[]) {
  const response = await queueHandler(sqsEvent(...requests), contextFor(60_000));
  return { response, bodies: requests.map((r) => capture.responseFor(r.ResponseURL)?.body) };
}

const namesPerCall = () =>
  route53
    .commandCalls(ChangeResourceRecordSetsCommand)
    .map((call) =>
      (call.args[0].input.ChangeBatch?.Changes ?? []).map((c: Change) => c.ResourceRecordSet?.Name),
    );

describe('cross-account-dns-record SQS entry', () => {
  it('combines the records of one batch for one zone into one change, and answers each request', async () => {
    const requests = Array.from({ length: 10 }, (_, i) => request(APP1, `host${i}.app1.example.com`));

    const { response, bodies } = await process(requests);

    expect(response.batchItemFailures).toEqual([]);
    expect(bodies.map((body) => body?.Status)).toEqual(Array(10).fill('SUCCESS'));
    expect(bodies.map((body) => body?.PhysicalResourceId)).toEqual(
      requests.map((_, i) => `${ZONE}|A|host${i}.app1.example.com`),
    );
    expect(route53).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 1);
    expect(namesPerCall()[0]).toHaveLength(10);
  });

  it('falls back to one change at a time when the combined change is rejected, so only the bad record fails', async () => {
    route53.on(ChangeResourceRecordSetsCommand).callsFake((input: { ChangeBatch: { Changes: Change[] } }) => {
      if (input.ChangeBatch.Changes.some((c) => c.ResourceRecordSet?.Name === 'taken.app1.example.com.')) {
        throw awsError(
          'InvalidChangeBatch',
          "[Tried to create resource record set [name='taken.app1.example.com.', type='A'] but it already exists]",
        );
      }
      return {
        ChangeInfo: {
          Id: `/change/${input.ChangeBatch.Changes.length}`,
          Status: 'PENDING',
          SubmittedAt: new Date(),
        },
      };
    });
    const names = ['a.app1.example.com', 'taken.app1.example.com', 'b.app1.example.com'];

    const { bodies } = await process(names.map((name) => request(APP1, name)));

    expect(bodies.map((body) => body?.Status)).toEqual(['SUCCESS', 'FAILED', 'SUCCESS']);
    expect(bodies[1]?.Reason).toContain('the A record taken.app1.example.com already exists');
    expect(namesPerCall()).toEqual([
      ['a.app1.example.com.', 'taken.app1.example.com.', 'b.app1.example.com.'],
      ['a.app1.example.com.'],
      ['taken.app1.example.com.'],
      ['b.app1.example.com.'],
    ]);
  });

  it("serves each account only its own suffixes: a request for another account's record changes nothing", async () => {
    const { bodies } = await process([
      request(APP1, 'web.app1.example.com'),
      request(APP3, 'web.app1.example.com'),
      request('999999999999', 'web.app1.example.com'),
      request(APP3, 'web.app3.example.com'),
    ]);

    expect(bodies.map((body) => body?.Status)).toEqual(['SUCCESS', 'FAILED', 'FAILED', 'SUCCESS']);
    expect(bodies[1]?.Reason).toContain(
      'account 333333333333 may change records under app3.example.com only',
    );
    expect(bodies[2]?.Reason).toContain('account 999999999999 is not in the DNS allowlist');
    expect(namesPerCall().flat()).toEqual(['web.app1.example.com.', 'web.app3.example.com.']);
  });

  it('refuses every request while CRKIT_DNS_ALLOWLIST is unset, saying how to set it', async () => {
    vi.stubEnv(CROSS_ACCOUNT_DNS_ENV.allowlist, '');

    const { bodies } = await process([request(APP1, 'a.app1.example.com')]);

    expect(bodies[0]).toMatchObject({
      Status: 'FAILED',
      Reason:
        'create failed: ConfigurationError: CRKIT_DNS_ALLOWLIST: is not set, so no account may change records: set it to JSON like {"111111111111":["app1.example.com"]}',
    });
    expect(route53.calls()).toHaveLength(0);
  });

  it('refuses a role named in the request: it acts in the DNS account with its own role', async () => {
    const { bodies } = await process([request(APP1, 'a.app1.example.com', { RoleArn: ROLE_ARN })]);

    expect(bodies[0]?.Reason).toContain(
      'ResourceProperties.RoleArn: this provider acts in the DNS account with its own role',
    );
    expect(route53.calls()).toHaveLength(0);
  });
});

describe('cross-account-dns-record Lambda entry', () => {
  it('assumes the role each request names and, without CRKIT_DNS_ALLOWLIST, restricts no name', async () => {
    vi.stubEnv(CROSS_ACCOUNT_DNS_ENV.allowlist, '');
    const made = request(APP1, 'www.example.com', { RoleArn: ROLE_ARN, ExternalId: 'app1-dns' });

    await handler(made, contextFor(60_000));

    expect(capture.responseFor(made.ResponseURL)?.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `${ZONE}|A|www.example.com`,
    });
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: ROLE_ARN, ExternalId: 'app1-dns' });
  });

  it('applies CRKIT_DNS_ALLOWLIST when it is set', async () => {
    const made = request(APP1, 'www.example.com', { RoleArn: ROLE_ARN, ExternalId: 'app1-dns' });

    await handler(made, contextFor(60_000));

    expect(capture.responseFor(made.ResponseURL)?.body?.Reason).toContain(
      'account 111111111111 may change records under app1.example.com only, not www.example.com',
    );
    expect(route53.calls()).toHaveLength(0);
  });
});
