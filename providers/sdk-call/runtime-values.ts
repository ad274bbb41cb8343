import { CrkitError } from 'crkit';
import { parseRuntimeValue, type RuntimeValue } from './markers.js';
import type { SdkClients } from './sdk-clients.js';

/** A call's input with its runtime values read, and those values (to keep them out of every message). */
export interface ResolvedInput {
  readonly input: Record<string, unknown>;
  readonly secrets: readonly string[];
}

// A secret or parameter given by ARN may live in another region: read it there (arn:partition:service:region:...).
const regionOfArn = (id: string): string | undefined =>
  id.startsWith('arn:') ? id.split(':')[3] || undefined : undefined;

async function read(sdk: SdkClients, value: RuntimeValue, signal: AbortSignal): Promise<string> {
  if (value.source === 'ssm') {
    const output = (await sdk.send({
      service: 'ssm',
      action: 'GetParameter',
      input: { Name: value.parameterName, WithDecryption: true },
      region: regionOfArn(value.parameterName),
      signal,
    })) as { Parameter?: { Value?: string } };
    const text = output.Parameter?.Value;
    if (text === undefined) throw new CrkitError(`SSM parameter ${value.parameterName} has no value`);
    return text;
  }
  const output = (await sdk.send({
    service: 'secrets-manager',
    action: 'GetSecretValue',
    input: { SecretId: value.secretId },
    region: regionOfArn(value.secretId),
    signal,
  })) as { SecretString?: string };
  const text = output.SecretString;
  if (text === undefined) throw new CrkitError(`secret ${value.secretId} holds no SecretString`);
  if (value.jsonKey === undefined) return text;
  let field: unknown;
  try {
    field = (JSON.parse(text) as Record<string, unknown>)[value.jsonKey];
  } catch {
    field = undefined;
  }
  // The secret's text is never quoted here: only its id and the key asked for.
  if (typeof field !== 'string') {
    throw new CrkitError(
      `secret ${value.secretId} is not JSON with a string field ${JSON.stringify(value.jsonKey)}`,
    );
  }
  return field;
}

/** Replaces every `{{crkit:...}}` string of `input`, at any depth, with the value it names, read now. */
export async function resolveRuntimeValues(
  sdk: SdkClients,
  input: Record<string, unknown>,
  signal: AbortSignal,
): Promise<ResolvedInput> {
  const secrets: string[] = [];
  const visit = async (value: unknown): Promise<unknown> => {
    if (typeof value === 'string') {
      const runtime = parseRuntimeValue(value);
      if (runtime === undefined) return value;
      const text = await read(sdk, runtime, signal);
      secrets.push(text);
      return text;
    }
    if (Array.isArray(value)) return Promise.all(value.map(visit));
    if (typeof value === 'object' && value !== null) {
      const entries = await Promise.all(
        Object.entries(value).map(async ([key, item]) => [key, await visit(item)]),
      );
      return Object.fromEntries(entries);
    }
    return value;
  };
  return { input: (await visit(input)) as Record<string, unknown>, secrets };
}
