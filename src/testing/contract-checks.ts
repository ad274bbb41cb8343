import type { ConnectedProvider } from './connect-provider.js';
import { leakedCredentials } from './credentials-in.js';
import { createEvent } from './events.js';
import { AGAIN, type stackSession } from './stack-session.js';

/** One rule of the contract and how the provider fared. */
export interface ContractCheck {
  readonly name: string;
  /** Empty when the provider keeps the rule. */
  readonly problems: readonly string[];
  /** Why the check could not run (for example no `update` properties were given). */
  readonly skipped?: string;
}

/** What the checks send and where they look. */
export interface ContractInput {
  readonly properties: Record<string, unknown>;
  readonly update: Record<string, unknown> | undefined;
  readonly replacement: Record<string, unknown> | undefined;
  readonly invalidProperties: Record<string, unknown>;
  /** What the process wrote so far. */
  readonly output: () => string;
  /** Whether a resource with this id still exists, to report what a Delete left behind. */
  readonly exists: ((physicalResourceId: string) => Promise<boolean>) | undefined;
}

type Session = ReturnType<typeof stackSession>;

/** Runs every check in one stack, in the order CloudFormation could send the requests. */
export async function runContractChecks(
  session: Session,
  provider: ConnectedProvider,
  input: ContractInput,
): Promise<ContractCheck[]> {
  const checks: ContractCheck[] = [];
  let step = 0;
  const unmetSince = (start: number) =>
    session.entries.slice(start).flatMap((entry) => (entry.unmet ? [`${entry.action}: ${entry.unmet}`] : []));
  const run = async (name: string, work: () => Promise<string | undefined>) => {
    const start = session.entries.length;
    const skipped = await work();
    checks.push({ name, problems: skipped ? [] : unmetSince(start), ...(skipped ? { skipped } : {}) });
    step++;
  };

  // The same Create delivered twice (SNS delivers at least once, Lambda retries): one resource, one id.
  const created = createEvent({ ...session.identity, properties: input.properties });
  const first = await session.send(step, 'create', created, 'success');
  const again = await session.send(step, 'create', AGAIN, 'success');
  const createdId = first?.Status === 'SUCCESS' ? first.PhysicalResourceId : undefined;
  checks.push({
    name: 'a duplicated create gives the same id',
    problems: [
      ...unmetSince(0),
      ...(createdId && again?.Status === 'SUCCESS' && again.PhysicalResourceId !== createdId
        ? [
            `the second delivery answered ${again.PhysicalResourceId}, the first ${createdId}: one of them leaks`,
          ]
        : []),
    ],
  });
  step++;
  let resource = createdId ? { id: createdId, properties: input.properties } : undefined;
  if (createdId && again?.Status === 'SUCCESS' && again.PhysicalResourceId !== createdId) {
    await session.remove(step, { id: again.PhysicalResourceId, properties: input.properties }, 'success');
  }
  const noResource = 'the Create failed, so there is nothing to update or delete';

  await run('an update in place keeps the id', async () => {
    if (!input.update) return 'no update properties given';
    if (!resource) return noResource;
    resource = await session.update(step, 'in-place', resource, input.update);
    return undefined;
  });
  await run('a replacement answers a new id and its cleanup delete succeeds', async () => {
    if (!input.replacement) return 'no replacement properties given';
    if (!resource) return noResource;
    resource = await session.update(step, 'replacement', resource, input.replacement);
    return undefined;
  });
  const leftBehind: string[] = [];
  const gone = async (id: string) => {
    if (input.exists && (await input.exists(id))) leftBehind.push(`${id} still exists after its Delete`);
  };
  await run('delete is idempotent (delete twice, SUCCESS both times)', async () => {
    if (!resource) return noResource;
    await session.remove(step, resource, 'success');
    await session.remove(step, resource, 'success');
    await gone(resource.id);
    return undefined;
  });
  await run(
    'a Delete of an id CloudFormation made up succeeds (a stack failed while a Create was in flight)',
    async () => {
      await session.remove(
        step,
        {
          id: `${session.identity.logicalResourceId ?? 'Resource'}-1QX7Z9KD2M4AB`,
          properties: input.properties,
        },
        'success',
      );
      return undefined;
    },
  );
  await run('a Delete still deletes after the schema changed (properties it now rejects)', async () => {
    const made = await session.create(step, input.properties, 'success');
    if (!made) return 'the Create failed, so there is nothing to delete';
    await session.remove(
      step,
      { id: made.id, properties: { ...input.properties, ...input.invalidProperties } },
      'success',
    );
    await gone(made.id);
    return undefined;
  });
  await run('delete after a failed create succeeds', async () => {
    const made = await session.create(step, input.invalidProperties, 'failure');
    if (!made) return undefined;
    await session.remove(step, made, 'success');
    return 'invalidProperties did not make the Create fail: pass properties it rejects';
  });

  if (input.exists)
    checks.push({ name: 'nothing is left behind (every Delete removed its resource)', problems: leftBehind });
  const exchanges = await provider.recheck();
  checks.push({
    name: 'every response is one CloudFormation accepts (one per request, at most 4096 bytes, valid fields)',
    problems: exchanges.flatMap((exchange, index) =>
      exchange.problems.map((problem) => `${session.entries[index]?.action ?? 'request'}: ${problem}`),
    ),
  });
  checks.push({ name: 'nothing logs the ResponseURL', problems: leaks(provider, exchanges, input.output()) });
  return checks;
}

function leaks(
  provider: ConnectedProvider,
  exchanges: readonly { readonly response?: unknown }[],
  output: string,
): string[] {
  const urls = provider.responseUrls;
  const places = {
    'standard output, standard error or the console': output,
    "crkit's logger": provider.logs.join('\n'),
    'a response (its Reason or Data, shown in stack events)': JSON.stringify(
      exchanges.map((e) => e.response),
    ),
  };
  return Object.entries(places).flatMap(([place, text]) => {
    const count = leakedCredentials(urls, text);
    return count === 0 ? [] : [`the signature of ${count} ResponseURL(s) appears in ${place}`];
  });
}
