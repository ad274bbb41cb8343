import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../../providers/cognito-test-user/index.js';
import { deleteEvent, updateEvent } from '../../../src/testing/events.js';
import {
  arnOf,
  arrangeHappyPath,
  arrangeStoredSecret,
  awsError,
  cognito,
  POOL,
  RESOURCE_TYPE,
  secrets,
  startHarness,
} from './cognito-test-user-harness.js';

expect.extend(allCustomMatcher);

let harness: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.capture.close());
beforeEach(() => {
  arrangeHappyPath();
  arrangeStoredSecret(SECRET, 'Stored-Passw0rd!');
});

const SECRET = `crkit/cognito-test-user/${POOL}/0123456789abcdef`;
const ID = `${POOL}|${SECRET}|alice`;
const before = {
  UserPoolId: POOL,
  Username: 'alice',
  Attributes: { email: 'alice@example.com', email_verified: 'true', given_name: 'Alice' },
  Groups: ['admins', 'testers'],
};
const update = (properties: Record<string, unknown>, oldProperties: Record<string, unknown> = before) =>
  updateEvent({
    resourceType: RESOURCE_TYPE,
    responseUrl: harness.capture.responseUrl(),
    physicalResourceId: ID,
    properties,
    oldProperties,
  });
const remove = (physicalResourceId: string, properties: Record<string, unknown> = before) =>
  deleteEvent({
    resourceType: RESOURCE_TYPE,
    responseUrl: harness.capture.responseUrl(),
    physicalResourceId,
    properties,
  });

describe('cognito-test-user update', () => {
  it('changes attributes and groups in place, keeping the physical id', async () => {
    const after = {
      ...before,
      Attributes: { email: 'alice@example.org', email_verified: 'true', family_name: 'Liddell' },
      Groups: ['testers', 'viewers'],
    };

    const body = await harness.send(update(after));

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ID });
    expect(body.Data).toEqual({ SecretArn: arnOf(SECRET), Username: 'alice', UserPoolId: POOL });
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(AdminUpdateUserAttributesCommand, {
      UserPoolId: POOL,
      Username: 'alice',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.org' },
        { Name: 'family_name', Value: 'Liddell' },
      ],
    });
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(AdminDeleteUserAttributesCommand, {
      UserAttributeNames: ['given_name'],
    });
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(AdminAddUserToGroupCommand, {
      GroupName: 'viewers',
    });
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(AdminRemoveUserFromGroupCommand, {
      GroupName: 'admins',
    });
  });

  it('calls nothing on the user when only ReturnPassword changes, and then returns the password', async () => {
    const body = await harness.send(update({ ...before, ReturnPassword: 'true' }));

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ID, NoEcho: true });
    expect(body.Data?.Password).toBe('Stored-Passw0rd!');
    expect(cognito).not.toHaveReceivedAnyCommand();
  });

  it('replaces the user when Username changes: a new user and a new id, the old one left for cleanup', async () => {
    const body = await harness.send(update({ ...before, Username: 'bob' }));

    expect(body.Status).toBe('SUCCESS');
    expect(body.PhysicalResourceId).toMatch(
      new RegExp(`^${POOL}\\|crkit/cognito-test-user/${POOL}/[0-9a-f]{16}\\|bob$`),
    );
    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, { Username: 'bob' });
    expect(cognito).not.toHaveReceivedCommand(AdminDeleteUserCommand);
    expect(secrets).not.toHaveReceivedCommand(DeleteSecretCommand);
  });

  it('refuses to change SecretNamePrefix in place, keeping the old id', async () => {
    const body = await harness.send(update({ ...before, SecretNamePrefix: 'e2e/' }));

    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ID });
    expect(body.Reason).toContain(
      'ResourceProperties.SecretNamePrefix: cannot change for an existing test user',
    );
    expect(cognito).not.toHaveReceivedAnyCommand();
  });

  it('treats removal from a group deleted meanwhile as done', async () => {
    cognito
      .on(AdminRemoveUserFromGroupCommand)
      .rejects(awsError('ResourceNotFoundException', 'Group not found.'));

    const body = await harness.send(update({ ...before, Groups: ['testers'] }));

    expect(body.Status).toBe('SUCCESS');
  });

  it('fails with the AWS error when the user is gone', async () => {
    cognito
      .on(AdminUpdateUserAttributesCommand)
      .rejects(awsError('UserNotFoundException', 'User does not exist.'));

    const body = await harness.send(update({ ...before, Attributes: { email: 'new@example.com' } }));

    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ID });
    expect(body.Reason).toBe('update failed: UserNotFoundException: User does not exist.');
  });
});

describe('cognito-test-user delete', () => {
  it('deletes the user and the secret named by the physical id, whatever the properties say', async () => {
    const body = await harness.send(
      remove(ID, { ...before, UserPoolId: 'eu-west-1_Other', Username: 'carol' }),
    );

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ID });
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(AdminDeleteUserCommand, {
      UserPoolId: POOL,
      Username: 'alice',
    });
    expect(secrets).toHaveReceivedCommandExactlyOnceWith(DeleteSecretCommand, {
      SecretId: SECRET,
      ForceDeleteWithoutRecovery: true,
    });
  });

  it('succeeds when the user, the pool and the secret are already gone', async () => {
    cognito.on(AdminDeleteUserCommand).rejects(awsError('UserNotFoundException'));
    secrets.on(DeleteSecretCommand).rejects(awsError('ResourceNotFoundException'));

    const gone = await harness.send(remove(ID));
    cognito.on(AdminDeleteUserCommand).rejects(awsError('ResourceNotFoundException'));
    const poolGone = await harness.send(remove(ID));

    expect(gone.Status).toBe('SUCCESS');
    expect(poolGone.Status).toBe('SUCCESS');
  });

  it('keeps a username holding the separator intact', async () => {
    const body = await harness.send(remove(`${POOL}|${SECRET}|a|b`));

    expect(body.Status).toBe('SUCCESS');
    expect(cognito).toHaveReceivedCommandWith(AdminDeleteUserCommand, { Username: 'a|b' });
  });

  it('fails on throttling so that CloudFormation reports the resource as not deleted', async () => {
    cognito.on(AdminDeleteUserCommand).rejects(awsError('TooManyRequestsException', 'Rate exceeded'));

    const body = await harness.send(remove(ID));

    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ID });
    expect(body.Reason).toBe('delete failed: TooManyRequestsException: Rate exceeded');
    expect(secrets).not.toHaveReceivedCommand(DeleteSecretCommand);
  });

  it('answers SUCCESS for a Delete of an id CloudFormation generated, calling nothing', async () => {
    const body = await harness.send(remove('app-TestUser-1QX7Z9KD2M4AB'));

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'app-TestUser-1QX7Z9KD2M4AB' });
    expect(body.Reason).toContain('is not one this provider issues');
    expect(cognito).not.toHaveReceivedAnyCommand();
  });

  it('deletes the user and its secret from the id alone when the properties no longer match the schema', async () => {
    const body = await harness.send(remove(ID, { ...before, ReturnPassword: 'yes' }));

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ID });
    expect(body.Reason).toBeUndefined();
    expect(cognito).toHaveReceivedCommandWith(AdminDeleteUserCommand, {
      UserPoolId: POOL,
      Username: 'alice',
    });
    expect(secrets).toHaveReceivedCommand(DeleteSecretCommand);
  });
});

describe('cognito-test-user ready-made handler', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('serves requests with clients it makes on first use', async () => {
    vi.stubEnv('CRKIT_ALLOW_RESPONSE_ORIGINS', harness.capture.origin);
    vi.stubEnv('CRKIT_LOG_LEVEL', 'error');
    const event = remove(ID);

    await handler(event);

    expect(harness.capture.responseFor(event.ResponseURL)?.body.Status).toBe('SUCCESS');
    expect(cognito).toHaveReceivedCommand(AdminDeleteUserCommand);
  });
});
