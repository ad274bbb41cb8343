import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** AWS SDK clients the provider uses; pass your own to point it elsewhere (an emulator, another region). */
export interface CognitoTestUserClients {
  /** @default a client for the Lambda's region, made on first use and kept while the Lambda is warm */
  readonly cognito?: CognitoIdentityProviderClient;
  /** @default a client for the Lambda's region, made on first use and kept while the Lambda is warm */
  readonly secretsManager?: SecretsManagerClient;
}

/** Clients made on first use, once per warm Lambda. */
export interface LazyClients {
  cognito(): CognitoIdentityProviderClient;
  secretsManager(): SecretsManagerClient;
}

/** Nothing is constructed until a request needs it, which keeps the cold start to loading the modules. */
export function lazyClients(given: CognitoTestUserClients = {}): LazyClients {
  let cognito = given.cognito;
  let secretsManager = given.secretsManager;
  return {
    cognito: () => {
      cognito ??= new CognitoIdentityProviderClient({});
      return cognito;
    },
    secretsManager: () => {
      secretsManager ??= new SecretsManagerClient({});
      return secretsManager;
    },
  };
}

/** Whether `error` is an AWS SDK error with one of these names (the service's exception type). */
export function isAwsError(error: unknown, ...names: readonly string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}
