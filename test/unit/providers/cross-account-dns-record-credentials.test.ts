import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { assumedRoleCredentials } from '../../../providers/cross-account-dns-record/assumed-role.js';
import { throttleRetry } from '../../../providers/cross-account-dns-record/throttle-retry.js';

expect.extend(allCustomMatcher);

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

describe('throttle retry', () => {
  it('retries Throttling and PriorRequestNotComplete with growing, jittered backoff, then succeeds', async () => {
    const waits: number[] = [];
    const retry = throttleRetry({}, { sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
    const errors = [awsError('Throttling', 'Rate exceeded'), awsError('PriorRequestNotComplete')];
    const answer = await retry(async () => {
      const error = errors.shift();
      if (error) throw error;
      return 'done';
    });
    expect(answer).toBe('done');
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after its attempts with the last throttling error, and never retries other errors', async () => {
    const retry = throttleRetry({ attempts: 3 }, { sleep: async () => {} });
    let calls = 0;
    const throttled = retry(async () => {
      calls++;
      throw awsError('Throttling', 'Rate exceeded');
    });
    await expect(throttled).rejects.toThrow('Rate exceeded');
    expect(calls).toBe(3);

    calls = 0;
    const denied = retry(async () => {
      calls++;
      throw awsError('AccessDenied');
    });
    await expect(denied).rejects.toThrow('AccessDenied');
    expect(calls).toBe(1);
  });

  it('refuses options out of range', () => {
    expect(() => throttleRetry({ attempts: 0 })).toThrow('retry.attempts: expected an integer >= 1, got 0');
    expect(() => throttleRetry({ maxDelayMs: -1 })).toThrow('retry.maxDelayMs: expected a number >= 0');
  });
});

describe('assumed role credentials', () => {
  const sts = mockClient(STSClient);
  const role = { roleArn: 'arn:aws:iam::222222222222:role/dns', externalId: 'app1-dns' };
  let now = 0;
  const issued = (keyId: string) => ({
    Credentials: {
      AccessKeyId: keyId,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(now + 60 * 60 * 1000),
    },
  });
  beforeEach(() => {
    sts.reset();
    now = 1_000_000;
  });

  it('assumes the role once with its external id and keeps the credentials until shortly before they expire', async () => {
    sts.on(AssumeRoleCommand).resolvesOnce(issued('ASIAFIRST')).resolves(issued('ASIASECOND'));
    const credentials = assumedRoleCredentials(
      () => new STSClient({}),
      role,
      () => now,
    );

    const [a, b] = await Promise.all([credentials(), credentials()]);
    now += 54 * 60 * 1000;
    const c = await credentials();
    now += 2 * 60 * 1000;
    const d = await credentials();

    expect([a, b, c, d].map((x) => x.accessKeyId)).toEqual([
      'ASIAFIRST',
      'ASIAFIRST',
      'ASIAFIRST',
      'ASIASECOND',
    ]);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: role.roleArn,
      ExternalId: 'app1-dns',
      RoleSessionName: 'crkit-cross-account-dns-record',
    });
  });

  it('explains a refused AssumeRole and tries again on the next call', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(awsError('AccessDenied', 'not authorized to perform sts:AssumeRole'))
      .resolves(issued('ASIAAFTER'));
    const credentials = assumedRoleCredentials(
      () => new STSClient({}),
      role,
      () => now,
    );

    await expect(credentials()).rejects.toThrow(
      "could not assume arn:aws:iam::222222222222:role/dns: AccessDenied: not authorized to perform sts:AssumeRole; check that the role's trust policy",
    );
    expect((await credentials()).accessKeyId).toBe('ASIAAFTER');
  });
});
