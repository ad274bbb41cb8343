import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportModule } from '../../../../providers/sdk-call/index.js';
import { call, startHarness, step } from './harness.js';

/** What the fake SDK saw: each client's configuration and each command sent through it. */
const made: { service: string; config: Record<string, unknown>; command: string; input: unknown }[] = [];

/** A stand-in for `@aws-sdk/client-<service>` whose client records what it is asked. */
function fakeModule(service: string): Record<string, unknown> {
  class FakeClient {
    constructor(readonly config: Record<string, unknown>) {}
    async send(command: { name: string; input: unknown }) {
      made.push({ service, config: this.config, command: command.name, input: command.input });
      if (command.name === 'AssumeRole') {
        return { Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 'secret', SessionToken: 'token' } };
      }
      return { Done: true };
    }
  }
  const command = (name: string) =>
    class {
      readonly name = name;
      constructor(readonly input: unknown) {}
    };
  return { FakeClient, AssumeRoleCommand: command('AssumeRole'), ChangeThingCommand: command('ChangeThing') };
}

const importModule: ImportModule = async (specifier) => {
  const service = specifier.replace('@aws-sdk/client-', '');
  if (service === 'missing') throw new Error(`Cannot find package '${specifier}'`);
  return fakeModule(service);
};

let harness: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  harness = await startHarness({ importModule, clientConfig: { region: 'us-east-1' } });
});
afterAll(() => harness.capture.close());

describe('Custom::SdkCall clients', () => {
  it('makes a call as the role it names, assumed with its external id, in its region', async () => {
    made.length = 0;
    const roleArn = 'arn:aws:iam::222222222222:role/dns';

    const body = await harness.create({
      OnCreate: step(
        call(
          'route-53',
          'ChangeThing',
          { Id: 1 },
          { RoleArn: roleArn, ExternalId: 'ext-123', Region: 'eu-west-1' },
        ),
      ),
    });

    expect(body.Status).toBe('SUCCESS');
    expect(made.map(({ service, command }) => `${service} ${command}`)).toEqual([
      'sts AssumeRole',
      'route-53 ChangeThing',
    ]);
    expect(made[0]?.input).toMatchObject({ RoleArn: roleArn, ExternalId: 'ext-123', DurationSeconds: 900 });
    expect(made[1]?.config).toMatchObject({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'ASIA1', secretAccessKey: 'secret', sessionToken: 'token' },
    });
  });

  it('answers FAILED saying what to check when the client package or the command does not exist', async () => {
    const noPackage = await harness.create({ OnCreate: step(call('missing', 'ChangeThing')) });
    const noCommand = await harness.create({ OnCreate: step(call('route-53', 'ChangeThang')) });

    expect(noPackage.Reason).toContain('@aws-sdk/client-missing cannot be loaded in this function');
    expect(noCommand.Reason).toContain(
      '@aws-sdk/client-route-53 has no ChangeThangCommand: check the Action name',
    );
  });

  it('refuses a Service that is not a client package name, before loading anything', async () => {
    made.length = 0;

    const body = await harness.create({ OnCreate: step(call('../../etc', 'ChangeThing')) });

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain('ResourceProperties.OnCreate');
    expect(made).toEqual([]);
  });
});
