import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { allowAccounts } from '../../src/access/allow-accounts.js';
import { organizationIdFromAccountArn } from '../../src/access/organization-of.js';
import type { ResponseBody } from '../../src/core/fit-response.js';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { ConfigurationError } from '../../src/errors.js';
import { defineResource } from '../../src/resource/define-resource.js';
import type { ResponseTransport } from '../../src/response/transport.js';
import { createEvent } from '../../src/testing/events.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const stackOf = (account: string) =>
  `arn:aws:cloudformation:eu-west-1:${account}:stack/app/5b9a8f10-c7a4-11ef`;

/** A provider guarded by `authorize`; `answer(stackId)` returns the body CloudFormation would read. */
function provider(authorize: ReturnType<typeof allowAccounts>) {
  const calls = { creates: 0 };
  const puts: ResponseBody[] = [];
  const transport: ResponseTransport = async ({ body }) => {
    puts.push(JSON.parse(body) as ResponseBody);
    return { statusCode: 200 };
  };
  const definition = defineResource({
    resourceType: 'Custom::Guarded',
    properties: z.object({}),
    create: () => {
      calls.creates++;
    },
    delete: () => {},
  });
  const handler = lambdaHandler(definition, { authorize, transport, logger: quiet });
  const answer = async (stackId: string) => {
    await handler(createEvent({ resourceType: 'Custom::Guarded', stackId }));
    return puts.at(-1);
  };
  return { answer, calls };
}

describe('allowAccounts', () => {
  it('serves a stack of an allowed account', async () => {
    const { answer, calls } = provider(allowAccounts({ accounts: ['111111111111'] }));

    expect(await answer(stackOf('111111111111'))).toMatchObject({ Status: 'SUCCESS' });
    expect(calls.creates).toBe(1);
  });

  it('answers FAILED naming the account, without running the handler, for a stack of another account', async () => {
    const { answer, calls } = provider(allowAccounts({ accounts: ['111111111111'] }));

    const body = await answer(stackOf('999999999999'));

    expect(body?.Status).toBe('FAILED');
    expect(body?.Reason).toBe('account 999999999999 may not use this provider: it is not an allowed account');
    expect(calls.creates).toBe(0);
  });

  it('answers FAILED for a StackId that is not a stack ARN', async () => {
    const { answer, calls } = provider(allowAccounts({ accounts: ['111111111111'] }));

    const body = await answer('arn:aws:cloudformation:eu-west-1:111111111111:changeSet/x/y');

    expect(body?.Status).toBe('FAILED');
    expect(body?.Reason).toContain('StackId is not a CloudFormation stack ARN');
    expect(calls.creates).toBe(0);
  });

  it('serves an account of an allowed organization and remembers the lookup', async () => {
    const lookups: string[] = [];
    const organizationOf = async (account: string) => {
      lookups.push(account);
      return account === '222222222222' ? 'o-exampleorgid' : 'o-otherorgid00';
    };
    const { answer } = provider(allowAccounts({ organizations: ['o-exampleorgid'], organizationOf }));

    const first = await answer(stackOf('222222222222'));
    const second = await answer(stackOf('222222222222'));
    const stranger = await answer(stackOf('333333333333'));

    expect([first?.Status, second?.Status]).toEqual(['SUCCESS', 'SUCCESS']);
    expect(stranger?.Reason).toBe(
      'account 333333333333 may not use this provider: it is neither an allowed account nor in an allowed organization',
    );
    expect(lookups).toEqual(['222222222222', '333333333333']);
  });

  it('looks an organization up again once the cache has expired', async () => {
    let now = 0;
    const lookups: string[] = [];
    const organizationOf = async (account: string) => {
      lookups.push(account);
      return 'o-exampleorgid';
    };
    const { answer } = provider(
      allowAccounts({ organizations: ['o-exampleorgid'], organizationOf, cacheTtlMs: 1000, now: () => now }),
    );
    await answer(stackOf('222222222222'));

    now += 1001;
    await answer(stackOf('222222222222'));

    expect(lookups).toHaveLength(2);
  });

  it('refuses when the organization lookup fails, and tries again on the next request', async () => {
    let fail = true;
    const organizationOf = async () => {
      if (fail) throw new Error('AccessDeniedException: not a delegated administrator');
      return 'o-exampleorgid';
    };
    const { answer } = provider(allowAccounts({ organizations: ['o-exampleorgid'], organizationOf }));

    const refused = await answer(stackOf('222222222222'));
    fail = false;
    const served = await answer(stackOf('222222222222'));

    expect(refused?.Reason).toBe(
      'account 222222222222 may not use this provider: its organization could not be checked ' +
        '(Error: AccessDeniedException: not a delegated administrator)',
    );
    expect(served?.Status).toBe('SUCCESS');
  });

  it('refuses invalid ids, or none at all, when the hook is built', () => {
    expect(() => allowAccounts({ accounts: ['1234'] })).toThrow(ConfigurationError);
    expect(() => allowAccounts({ organizations: ['org-1'] })).toThrow(ConfigurationError);
    expect(() => allowAccounts({})).toThrow(ConfigurationError);
  });

  it('reads the organization id from an Organizations account ARN', () => {
    expect(
      organizationIdFromAccountArn('arn:aws:organizations::111111111111:account/o-exampleorgid/222222222222'),
    ).toBe('o-exampleorgid');
    expect(organizationIdFromAccountArn('arn:aws:iam::111111111111:root')).toBeUndefined();
  });
});

/** The Organizations SDK as `describeAccountOrganization` uses it, answering from `organizations` (account -> org). */
function fakeOrganizationsSdk(organizations: Record<string, string>) {
  return {
    DescribeAccountCommand: class {
      constructor(readonly input: { AccountId: string }) {}
    },
    OrganizationsClient: class {
      async send(command: { input: { AccountId: string } }) {
        const organization = organizations[command.input.AccountId];
        if (!organization)
          throw Object.assign(new Error('not in the organization'), { name: 'AccountNotFoundException' });
        return {
          Account: {
            Arn: `arn:aws:organizations::111111111111:account/${organization}/${command.input.AccountId}`,
          },
        };
      }
    },
  };
}

describe('allowAccounts with the default organization lookup', () => {
  afterEach(() => {
    vi.doUnmock('@aws-sdk/client-organizations');
    vi.resetModules();
  });

  it('asks Organizations DescribeAccount, serving members and refusing accounts outside the organization', async () => {
    vi.doMock('@aws-sdk/client-organizations', () =>
      fakeOrganizationsSdk({ '222222222222': 'o-exampleorgid' }),
    );
    const { allowAccounts: fresh } = await import('../../src/access/allow-accounts.js');
    const { answer } = provider(fresh({ organizations: ['o-exampleorgid'] }));

    const member = await answer(stackOf('222222222222'));
    const outsider = await answer(stackOf('333333333333'));

    expect(member?.Status).toBe('SUCCESS');
    expect(outsider?.Reason).toBe(
      'account 333333333333 may not use this provider: it is neither an allowed account nor in an allowed organization',
    );
  });

  it('refuses with a Reason that says how to fix it when the Organizations SDK cannot be loaded', async () => {
    vi.doMock('@aws-sdk/client-organizations', () => {
      throw new Error("Cannot find package '@aws-sdk/client-organizations'");
    });
    const { allowAccounts: fresh } = await import('../../src/access/allow-accounts.js');
    const { answer } = provider(fresh({ organizations: ['o-exampleorgid'] }));

    const body = await answer(stackOf('222222222222'));

    expect(body?.Status).toBe('FAILED');
    expect(body?.Reason).toContain('@aws-sdk/client-organizations could not be loaded for allowAccounts');
    expect(body?.Reason).toContain('npm install @aws-sdk/client-organizations');
  });
});
