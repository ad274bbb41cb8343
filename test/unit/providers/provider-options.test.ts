import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { createAzIdMappingDefinition } from '../../../providers/az-id-mapping/az-id-mapping.js';
import { createCognitoTestUserDefinition } from '../../../providers/cognito-test-user/cognito-test-user.js';
import { createCrossAccountCertificateRouter } from '../../../providers/cross-account-certificate/cross-account-certificate.js';
import { createCrossAccountDnsRecordDefinition } from '../../../providers/cross-account-dns-record/cross-account-dns-record.js';
import { sdkCall } from '../../../providers/sdk-call/cdk/sdk-call.js';
import { createSdkCallDefinition } from '../../../providers/sdk-call/sdk-call.js';
import { refusal } from '../../helpers/refusal.js';

describe("the ready-made providers' factories check their options", () => {
  it.each([
    [
      'createAzIdMappingDefinition',
      () => createAzIdMappingDefinition({ client: {} } as never),
      'client: unknown option of createAzIdMappingDefinition (did you mean "clients"?)',
    ],
    [
      'createCognitoTestUserDefinition',
      () => createCognitoTestUserDefinition({ clients: { cognitoo: {} } } as never),
      'clients.cognitoo: unknown option of createCognitoTestUserDefinition (did you mean "cognito"?)',
    ],
    [
      'createCrossAccountCertificateRouter',
      () => createCrossAccountCertificateRouter({ completon: {} } as never),
      'completon: unknown option of createCrossAccountCertificateRouter (did you mean "completion"?)',
    ],
    [
      'createCrossAccountDnsRecordDefinition',
      () => createCrossAccountDnsRecordDefinition({ coalesceWindow: 10 } as never),
      'coalesceWindow: unknown option of createCrossAccountDnsRecordDefinition (did you mean "coalesceWindowMs"?)',
    ],
    [
      'createCrossAccountDnsRecordDefinition retry',
      () => createCrossAccountDnsRecordDefinition({ retry: { attempt: 3 } } as never),
      'retry.attempt: unknown option of createCrossAccountDnsRecordDefinition (did you mean "attempts"?)',
    ],
    [
      'createSdkCallDefinition',
      () => createSdkCallDefinition({ clientconfig: {} } as never),
      'clientconfig: unknown option of createSdkCallDefinition (did you mean "clientConfig"?)',
    ],
    [
      'sdkCall',
      () =>
        sdkCall(CognitoIdentityProviderClient, AdminCreateUserCommand, { UserPoolId: 'p', Username: 'u' }, {
          ignoreError: ['X'],
        } as never),
      'ignoreError: unknown option of sdkCall(AdminCreateUserCommand) (did you mean "ignoreErrors"?)',
    ],
  ])('%s refuses a misspelt option, naming the one it resembles', (_name, build, message) => {
    expect(refusal(build).message).toBe(message);
  });

  it.each([
    ['null', null],
    ['a string', 'x'],
    [
      'an object whose getter throws',
      {
        get clients(): never {
          throw new Error('boom');
        },
      },
    ],
  ])('refuses %s as options with a ConfigurationError, not a TypeError', (_what, options) => {
    expect(refusal(() => createAzIdMappingDefinition(options as never)).option).toMatch(
      /^(options|clients)$/,
    );
    expect(refusal(() => createCrossAccountDnsRecordDefinition(options as never)).option).toMatch(
      /^(options|clients)$/,
    );
  });

  it('accepts what they document', () => {
    expect(() => createAzIdMappingDefinition()).not.toThrow();
    expect(() =>
      createCrossAccountDnsRecordDefinition({ retry: { attempts: 2 }, roleFromProperties: false }),
    ).not.toThrow();
    expect(() => createSdkCallDefinition({ clientConfig: { region: 'eu-west-1' } })).not.toThrow();
  });
});

describe('hostile options of a provider factory', () => {
  it('refuses a Proxy whose traps throw with a ConfigurationError, not the raw error', () => {
    const trap = () => {
      throw new Error('boom');
    };
    const hostile = new Proxy({}, { ownKeys: trap, get: trap, getPrototypeOf: trap });
    expect(refusal(() => createSdkCallDefinition(hostile as never)).option).toBe('options');
    expect(refusal(() => createAzIdMappingDefinition(hostile as never)).option).toBe('options');
  });
});
