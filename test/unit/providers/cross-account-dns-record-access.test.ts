import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
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
  ROLE_ARN,
  route53,
  sts,
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

describe('cross-account-dns-record roles', () => {
  it('assumes the role the request names, with its external id, and changes the record with those credentials', async () => {
    const provider = providerFor(capture);

    const body = await provider.send(create({ RoleArn: ROLE_ARN, ExternalId: 'app1-dns' }));

    expect(body.Status).toBe('SUCCESS');
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: ROLE_ARN, ExternalId: 'app1-dns' });
    const credentials = await provider.credentialsSeen[0]?.();
    expect(credentials?.accessKeyId).toBe('ASIAASSUMED');
  });

  it('assumes the role of the provider option once for many requests', async () => {
    const provider = providerFor(capture, { assumeRole: { roleArn: ROLE_ARN, externalId: 'app1-dns' } });

    const bodies = [
      await provider.send(create()),
      await provider.send(create({ Name: 'api.app1.example.com' })),
    ];

    expect(bodies.map((body) => body.Status)).toEqual(['SUCCESS', 'SUCCESS']);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
    expect(provider.credentialsSeen).toHaveLength(1);
  });

  it('fails with what to check when the role cannot be assumed', async () => {
    sts.on(AssumeRoleCommand).rejects(awsError('AccessDenied', 'not authorized to perform: sts:AssumeRole'));

    const body = await providerFor(capture).send(create({ RoleArn: ROLE_ARN }));

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain(
      `could not assume ${ROLE_ARN}: AccessDenied: not authorized to perform: sts:AssumeRole`,
    );
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
  });

  it('refuses a role named by the request where the provider takes none from requests', async () => {
    const body = await providerFor(capture, { roleFromProperties: false }).send(
      create({ RoleArn: ROLE_ARN }),
    );

    expect(body.Reason).toContain(
      'ResourceProperties.RoleArn: this provider acts in the DNS account with its own role',
    );
    expect(sts).not.toHaveReceivedCommand(AssumeRoleCommand);
  });

  it('refuses invalid options at construction, naming them', () => {
    expect(() => providerFor(capture, { assumeRole: { roleArn: 'dns-records' } })).toThrow(
      'assumeRole.roleArn: expected an IAM role ARN, got "dns-records"',
    );
    expect(() => providerFor(capture, { coalesceWindowMs: -5 })).toThrow(
      'coalesceWindowMs: expected a number',
    );
    expect(() => providerFor(capture, { allowlist: { '12': ['a.example.com'] } })).toThrow(
      'allowlist: expected 12-digit account ids',
    );
  });
});

describe('cross-account-dns-record allowlist', () => {
  const allowlist = { [APP_ACCOUNT]: ['app1.example.com'], '333333333333': ['app3.example.com'] };

  it('creates a record under the suffixes the requesting account may change', async () => {
    const body = await providerFor(capture, { allowlist }).send(create({ Name: 'API.app1.example.com' }));

    expect(body.Status).toBe('SUCCESS');
  });

  it('refuses a name that merely ends in an allowed suffix, and calls nothing', async () => {
    const body = await providerFor(capture, { allowlist }).send(
      create({ Name: 'evilapp1.example.com', RoleArn: ROLE_ARN }),
    );

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe(
      'create failed: ValidationError: ResourceProperties.Name: account 111111111111 may change records under ' +
        "app1.example.com only, not evilapp1.example.com: choose a name under those, or ask the DNS account's " +
        'administrators to allow evilapp1.example.com',
    );
    expect(route53.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
  });

  it("refuses another account's records and accounts that are not listed", async () => {
    const provider = providerFor(capture, { allowlist });
    const hijack = await provider.send(create({ Name: 'app3.example.com' }));
    const stranger = await provider.send(create({}, '999999999999'));

    expect(hijack.Reason).toContain('account 111111111111 may change records under app1.example.com only');
    expect(stranger.Reason).toContain('account 999999999999 is not in the DNS allowlist');
    expect(route53.calls()).toHaveLength(0);
  });

  it('asks an allowlist function on every request, and refuses everything while it throws', async () => {
    let current: Record<string, string[]> | undefined;
    const provider = providerFor(capture, {
      allowlist: () => {
        if (!current) throw new Error('CRKIT_DNS_ALLOWLIST is not set');
        return current;
      },
    });
    const before = await provider.send(create());
    current = allowlist;
    const after = await provider.send(create());

    expect(before).toMatchObject({
      Status: 'FAILED',
      Reason: 'create failed: Error: CRKIT_DNS_ALLOWLIST is not set',
    });
    expect(after.Status).toBe('SUCCESS');
  });
});
