import { errorText } from '../error-text.js';
import { ConfigurationError } from '../errors.js';
import type { CustomResourceEvent } from '../event/schema.js';
import { TEST_SEAM_HINTS, testSeamsOf } from '../test-seams.js';
import { accountId, aFunction, milliseconds, organizationId } from '../validation/option-rules.js';
import {
  lazy,
  listOf,
  option,
  optionsObject,
  parseOptions,
  type RulesShape,
} from '../validation/option-schemas.js';
import { describeAccountOrganization } from './organization-of.js';

/** Options of {@link allowAccounts}; at least one account or organization must be given. */
export interface AllowAccountsOptions {
  /** AWS account ids (12 digits) whose stacks may use the provider. @default [] */
  readonly accounts?: readonly string[];
  /** AWS Organizations ids (`o-` and 10 to 32 characters) whose member accounts may use the provider. @default [] */
  readonly organizations?: readonly string[];
  /**
   * Finds the organization an account belongs to (`undefined`: none the caller can see); asked only for accounts
   * not listed in `accounts`. A throw refuses the request, and is not remembered.
   * @default {@link describeAccountOrganization}: Organizations `DescribeAccount`, from the management account or a delegated administrator
   */
  readonly organizationOf?: (accountId: string) => Promise<string | undefined>;
  /** How long a warm Lambda remembers an account's organization. @default 900000 (15 minutes) */
  readonly cacheTtlMs?: number;
}

const allowAccountsOptions = lazy(() =>
  optionsObject(
    {
      accounts: listOf(accountId, 'a list of account ids').optional(),
      organizations: listOf(organizationId, 'a list of organization ids').optional(),
      organizationOf: option(
        aFunction('a function (accountId) => Promise<organization id | undefined>'),
      ).optional(),
      cacheTtlMs: option(milliseconds).optional(),
    } satisfies RulesShape<AllowAccountsOptions>,
    TEST_SEAM_HINTS,
  ),
);
/** `arn:PARTITION:cloudformation:REGION:ACCOUNT:stack/NAME/ID`, as CloudFormation writes StackId. */
const STACK_ARN = /^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:(\d{12}):stack\/[^/]+\/.+$/;

/**
 * The account a request comes from: the one in its StackId, or undefined when the StackId is not a stack ARN.
 *
 * @example
 * ```ts
 * import { accountOfStack } from 'crkit/advanced';
 * accountOfStack('arn:aws:cloudformation:us-east-1:111111111111:stack/app/5b9a8f10'); // '111111111111'
 * ```
 */
export function accountOfStack(stackId: string): string | undefined {
  return STACK_ARN.exec(stackId)?.[1];
}

/**
 * An `authorize` hook that serves only stacks of the given AWS accounts or of accounts in the given organizations,
 * judged by the account in the request's StackId. Any other request is answered FAILED with a Reason that names
 * its account, without calling a handler. A StackId is written by whoever sends the request: restrict who may
 * publish to the provider's topic (or invoke its Lambda) too, as this check trusts what CloudFormation wrote.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { allowAccounts, defineResource, sqsHandler } from 'crkit';
 *
 * const Noop = defineResource({
 *   resourceType: 'Custom::Noop',
 *   properties: z.object({}),
 *   create: () => {},
 *   delete: () => {},
 * });
 * export const handler = sqsHandler(Noop, {
 *   authorize: allowAccounts({ accounts: ['111111111111'], organizations: ['o-exampleorgid'] }),
 * });
 * ```
 */
export function allowAccounts(
  options: AllowAccountsOptions,
): (event: CustomResourceEvent) => Promise<string | undefined> {
  const given = parseOptions(allowAccountsOptions(), options);
  const accounts = new Set(given.accounts);
  const organizations = new Set(given.organizations);
  if (accounts.size === 0 && organizations.size === 0) {
    throw new ConfigurationError('accounts', 'expected at least one account id or organization id to allow');
  }
  const ttlMs = given.cacheTtlMs ?? 15 * 60 * 1000;
  const organizationOf = given.organizationOf ?? describeAccountOrganization;
  const now = testSeamsOf(options).now ?? Date.now;
  // Concurrent records of one account share a lookup; only answers are remembered, never failures.
  const cache = new Map<string, { readonly organization: Promise<string | undefined>; expiresAt: number }>();
  const lookup = (accountId: string): Promise<string | undefined> => {
    const cached = cache.get(accountId);
    if (cached && cached.expiresAt > now()) return cached.organization;
    const entry = { organization: organizationOf(accountId), expiresAt: Number.POSITIVE_INFINITY };
    cache.set(accountId, entry);
    entry.organization.then(
      () => {
        entry.expiresAt = now() + ttlMs;
      },
      () => cache.delete(accountId),
    );
    return entry.organization;
  };

  return async (event) => {
    const accountId = accountOfStack(event.StackId);
    if (accountId === undefined) {
      return 'StackId is not a CloudFormation stack ARN (arn:aws:cloudformation:REGION:ACCOUNT:stack/...), so the requesting account is unknown';
    }
    if (accounts.has(accountId)) return undefined;
    const refusal = `account ${accountId} may not use this provider`;
    if (organizations.size === 0) return `${refusal}: it is not an allowed account`;
    let organization: string | undefined;
    try {
      organization = await lookup(accountId);
    } catch (error) {
      return `${refusal}: its organization could not be checked (${errorText(error)})`;
    }
    if (organization !== undefined && organizations.has(organization)) return undefined;
    return `${refusal}: it is neither an allowed account nor in an allowed organization`;
  };
}
