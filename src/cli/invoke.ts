import { parseArgs } from 'node:util';
import type { ConnectedProvider } from '../testing/connect-provider.js';
import { connectProvider } from '../testing/connect-provider.js';
import { createEvent, deleteEvent, updateEvent } from '../testing/events.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { INVOKE_HELP } from './help.js';
import type { CliIo } from './io.js';
import { oneOf, parseCommandLine, parseJsonObject, readJsonFile } from './parse.js';
import { openProviderSession, PROVIDER_FLAGS, type ProviderSession } from './provider-session.js';
import { UsageError } from './usage-error.js';

const FLAGS = {
  ...PROVIDER_FLAGS,
  type: { type: 'string' },
  properties: { type: 'string' },
  'old-properties': { type: 'string' },
  'physical-id': { type: 'string' },
  event: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>['values'];

async function requestFrom(
  values: Values,
  session: ProviderSession,
  io: CliIo,
): Promise<Record<string, unknown>> {
  const shaping = ['type', 'properties', 'old-properties', 'physical-id'] as const;
  if (values.event !== undefined) {
    const given = shaping.filter((flag) => values[flag] !== undefined).map((flag) => `--${flag}`);
    if (given.length > 0) throw new UsageError(`--event gives the whole request: drop ${given.join(', ')}`);
    const event = await readJsonFile('--event', values.event, io.cwd);
    if (typeof event !== 'object' || event === null || !('RequestType' in event)) {
      throw new UsageError(
        `--event: ${values.event} is not a CloudFormation request (it has no RequestType)`,
      );
    }
    return event as Record<string, unknown>;
  }
  const type = oneOf('--type', values.type, ['Create', 'Update', 'Delete'] as const, 'Create');
  const identity = {
    resourceType: session.resourceType,
    ...(values['logical-id'] === undefined ? {} : { logicalResourceId: values['logical-id'] }),
    ...(values['stack-id'] === undefined ? {} : { stackId: values['stack-id'] }),
    properties: values.properties === undefined ? {} : parseJsonObject('--properties', values.properties),
  };
  if (type === 'Create') return createEvent(identity);
  const physicalResourceId = values['physical-id'];
  if (!physicalResourceId) {
    throw new UsageError(
      `--type ${type} needs --physical-id: the id the resource has (its Create's answer gave it)`,
    );
  }
  if (type === 'Delete') return deleteEvent({ ...identity, physicalResourceId });
  const old = values['old-properties'];
  const oldProperties = old === undefined ? {} : parseJsonObject('--old-properties', old);
  return updateEvent({ ...identity, physicalResourceId, oldProperties });
}

/** `crkit invoke <module>`: sends one request and prints the response CloudFormation would get. */
export async function runInvoke(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandLine(
    'invoke',
    () => parseArgs({ args, options: FLAGS, allowPositionals: true, strict: true }),
    Object.keys(FLAGS),
  );
  if (values.help) {
    io.out(INVOKE_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`expected one <module>, got ${positionals.join(' ')}`);
  const session = await openProviderSession('invoke', positionals[0], values, io);
  let provider: ConnectedProvider | undefined;
  try {
    const request = await requestFrom(values, session, io);
    provider = await connectProvider(session.loaded.target, session.connect);
    io.err(`crkit invoke: ${String(request.RequestType)} ${session.header}\n`);
    const exchange = await provider.send(request);
    if (exchange.response) io.out(`${JSON.stringify(shownResponse(exchange.response), null, 2)}\n`);
    const status = exchange.response?.Status ?? 'no response';
    const paint = status === 'SUCCESS' ? 'green' : 'red';
    io.err(`${io.paint(paint, status)} in ${exchange.durationMs} ms\n`);
    for (const problem of exchange.problems) io.err(`${io.paint('red', `✗ ${problem}`)}\n`);
    return exchange.accepted && status === 'SUCCESS' ? EXIT.ok : EXIT.failed;
  } finally {
    await provider?.close();
    await session.aws.stop();
  }
}

/** A response as the CLI prints it: NoEcho Data masked, as CloudFormation masks it in the console. */
function shownResponse<R extends { readonly NoEcho?: boolean; readonly Data?: Record<string, string> }>(
  response: R,
): R {
  if (!response.NoEcho || !response.Data) return response;
  return { ...response, Data: Object.fromEntries(Object.keys(response.Data).map((key) => [key, '*****'])) };
}
