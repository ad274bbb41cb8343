import { CrkitError } from 'crkit';
import type { SdkCallSpec } from './properties.js';
import { resolveRuntimeValues } from './runtime-values.js';
import type { Credentials, SdkClients } from './sdk-clients.js';

/** Where the calls run: the SDK, and the deadline's signal. */
export interface CallContext {
  readonly sdk: SdkClients;
  readonly signal: AbortSignal;
}

// Sessions of assumed roles last the minimum STS allows (AssumeRole API reference, DurationSeconds: 900 to 43200):
// a step never outlives CloudFormation's ServiceTimeout by much, and a short session limits what a leak could do.
const SESSION_SECONDS = 900;
const SESSION_NAME = 'crkit-sdk-call';

async function assumeRole(context: CallContext, call: SdkCallSpec, roleArn: string): Promise<Credentials> {
  const output = (await context.sdk.send({
    service: 'sts',
    action: 'AssumeRole',
    input: {
      RoleArn: roleArn,
      RoleSessionName: SESSION_NAME,
      DurationSeconds: SESSION_SECONDS,
      ...(call.ExternalId === undefined ? {} : { ExternalId: call.ExternalId }),
    },
    region: call.Region,
    signal: context.signal,
  })) as { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } };
  const { AccessKeyId, SecretAccessKey, SessionToken } = output.Credentials ?? {};
  if (!AccessKeyId || !SecretAccessKey)
    throw new CrkitError(`AssumeRole of ${roleArn} returned no credentials`);
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(SessionToken ? { sessionToken: SessionToken } : {}),
  };
}

/** The error's name and message, the message withheld for a sensitive call and cleared of every secret value. */
function describeError(error: unknown, call: SdkCallSpec, secrets: readonly string[]): string {
  const name = error instanceof Error ? error.name : 'Error';
  if (call.Sensitive) return `${name} (message withheld: the call is Sensitive)`;
  let message = error instanceof Error ? error.message : String(error);
  // AWS validation errors may quote the value they refused ("Value 'x' at 'password' failed to satisfy ...").
  for (const secret of secrets) if (secret !== '') message = message.split(secret).join('[redacted]');
  return message === '' || message === name ? name : `${name}: ${message}`;
}

/**
 * Makes a step's calls in order, each under the deadline's signal, and returns their outputs (`undefined` for a call
 * whose error was one it ignores). The first failure stops the step: the error names the step, the call and the AWS
 * error, never the call's input; and the raw SDK error is not kept as its cause, since it may quote that input.
 */
export async function runCalls(
  step: string,
  calls: readonly SdkCallSpec[],
  context: CallContext,
): Promise<unknown[]> {
  const outputs: unknown[] = [];
  for (const [index, call] of calls.entries()) {
    const label = `${step} call ${index + 1} of ${calls.length} (${call.Service} ${call.Action})`;
    let prepared: { input: Record<string, unknown>; secrets: readonly string[]; credentials?: Credentials };
    try {
      const { input, secrets } = await resolveRuntimeValues(context.sdk, call.Input, context.signal);
      const credentials =
        call.RoleArn === undefined ? undefined : await assumeRole(context, call, call.RoleArn);
      prepared = { input, secrets, ...(credentials === undefined ? {} : { credentials }) };
    } catch (error) {
      // Reading a secret or assuming the role is not the call: its errors are never ignored.
      throw new CrkitError(`${label} could not start: ${describeError(error, call, [])}`);
    }
    try {
      outputs.push(
        await context.sdk.send({
          service: call.Service,
          action: call.Action,
          input: prepared.input,
          region: call.Region,
          credentials: prepared.credentials,
          signal: context.signal,
        }),
      );
    } catch (error) {
      if (error instanceof Error && call.IgnoreErrors.includes(error.name)) {
        outputs.push(undefined);
        continue;
      }
      throw new CrkitError(`${label} failed: ${describeError(error, call, prepared.secrets)}`);
    }
  }
  return outputs;
}
