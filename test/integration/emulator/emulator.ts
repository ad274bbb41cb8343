import { randomInt } from 'node:crypto';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, inject } from 'vitest';
import { type LocalAws, localAwsHandle } from '../../../src/testing/local-aws.js';

let counter = 0;

/** A name no other test of the run uses. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/**
 * A 12-digit account id of the calling file's own, for a second account (a DNS account a role is assumed in): never
 * moto's default account (123456789012), which processes started by the CLI's `--local` use.
 */
export const anotherAccount = () => String(randomInt(100_000_000_000, 999_999_999_999));

/**
 * The integration tier's one emulator (global-setup.ts), as an account of the calling test file's own: a fresh
 * 12-digit account id, entered by AssumeRole, since moto answers each request in the account its access key was
 * issued for (moto/core/responses.py `get_current_account`; it checks neither the role nor the signature). Files
 * running side by side then never see each other's zones, queues or users. `stop()` does nothing: the tier's
 * globalSetup stops the emulator after the last file.
 */
export async function emulatorAccount(): Promise<LocalAws> {
  const { endpoint, region, pid } = inject('localAws');
  const accountId = anotherAccount();
  const sts = new STSClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/test-file`,
      RoleSessionName: 'test-file',
    }),
  );
  sts.destroy();
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) {
    throw new Error(`the emulator at ${endpoint} gave no credentials for account ${accountId}`);
  }
  return localAwsHandle({
    endpoint,
    region,
    accountId,
    credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey },
    pid,
    stop: async () => {},
  });
}

/** {@link emulatorAccount} made before the calling file's tests; the returned function gives it. */
export function useEmulator(): () => LocalAws {
  let aws: LocalAws | undefined;
  beforeAll(async () => {
    aws = await emulatorAccount();
  });
  afterAll(() => aws?.stop());
  return () => {
    if (!aws) throw new Error('the emulator is not running: call useEmulator() at the top of the test file');
    return aws;
  };
}
