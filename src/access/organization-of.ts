import { loadRuntimeSdk } from '../sdk/load-runtime-sdk.js';

/**
 * An Organizations account ARN: `arn:PARTITION:organizations::MANAGEMENT:account/o-ORGID/ACCOUNT` (Organizations
 * API Reference, "Account" and "DelegatedAdministrator": `^arn:aws:organizations::\d{12}:account\/o-[a-z0-9]{10,32}\/\d{12}`).
 */
const ACCOUNT_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:account\/(o-[a-z0-9]{10,32})\/\d{12}$/;

/**
 * The organization id inside an Organizations account ARN, or `undefined` when it is not one.
 *
 * @example
 * ```ts
 * import { organizationIdFromAccountArn } from 'crkit/advanced';
 * organizationIdFromAccountArn('arn:aws:organizations::111111111111:account/o-exampleorgid/222222222222');
 * // 'o-exampleorgid'
 * ```
 */
export function organizationIdFromAccountArn(arn: unknown): string | undefined {
  return typeof arn === 'string' ? ACCOUNT_ARN.exec(arn)?.[1] : undefined;
}

interface AccountOutput {
  readonly Account?: { readonly Arn?: string };
}
interface OrganizationsSdk {
  readonly OrganizationsClient: new (config: object) => { send(command: unknown): Promise<AccountOutput> };
  readonly DescribeAccountCommand: new (input: { AccountId: string }) => unknown;
}
type DescribeAccount = (accountId: string) => Promise<AccountOutput>;

const SDK_MODULE = '@aws-sdk/client-organizations';
let loading: Promise<DescribeAccount> | undefined;

function load(): Promise<DescribeAccount> {
  loading ??= loadRuntimeSdk<OrganizationsSdk>(SDK_MODULE, 'for allowAccounts (or pass organizationOf)').then(
    ({ OrganizationsClient, DescribeAccountCommand }) => {
      const client = new OrganizationsClient({});
      return (AccountId: string) => client.send(new DescribeAccountCommand({ AccountId }));
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * The default organization lookup of `allowAccounts`: Organizations `DescribeAccount`, which only the management
 * account or a delegated administrator may call (grant `organizations:DescribeAccount`). An account outside the
 * caller's organization has no organization (`undefined`); any other error is thrown.
 *
 * @example
 * ```ts
 * import { describeAccountOrganization } from 'crkit/advanced';
 * const organizationId = await describeAccountOrganization('222222222222'); // 'o-exampleorgid' or undefined
 * ```
 */
export async function describeAccountOrganization(accountId: string): Promise<string | undefined> {
  const describe = await load();
  try {
    const output = await describe(accountId);
    return organizationIdFromAccountArn(output.Account?.Arn);
  } catch (error) {
    if (error instanceof Error && error.name === 'AccountNotFoundException') return undefined;
    throw error;
  }
}
