import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string }>;
};

/** The source file behind an export-map entry (`./dist/src/index.d.ts` is `src/index.ts`). */
function sourceOf(types: string): string {
  return join(root, types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts'));
}

/** The names a module exports, values and types alike, read from its export declarations. */
function exportedNames(file: string): { names: string[]; star: boolean } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  let star = false;
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (!clause || ts.isNamespaceExport(clause)) star = true;
      else names.push(...clause.elements.map((element) => element.name.text));
    } else if (ts.canHaveModifiers(statement)) {
      const exported = ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const name = (statement as { name?: ts.Identifier }).name?.text;
      if (exported && name) names.push(name);
    }
  }
  return { names: names.sort(), star };
}

const entryFile = (entry: string) => {
  const target = packageJson.exports[entry];
  if (typeof target !== 'object') throw new Error(`${entry} is not an entry with types`);
  return sourceOf(target.types);
};

/** The ready-made providers, each a `crkit/providers/<name>` entry. */
const PROVIDERS = [
  'az-id-mapping',
  'cognito-test-user',
  'cross-account-certificate',
  'cross-account-dns-record',
  'sdk-call',
] as const;

describe('the public surface', () => {
  // Changing these lists is a decision about crkit's API: update them on purpose, with a CHANGELOG line.
  it('exports what a provider author writes with from the root, and nothing else', () => {
    expect(exportedNames(entryFile('.')).names).toEqual([
      'BatchHandlerOptions',
      'CompletionContext',
      'ConfigurationError',
      'CreateContext',
      'CrkitError',
      'CustomResourceEvent',
      'DeadlineError',
      'DeleteContext',
      'HandlerResult',
      'LambdaHandlerOptions',
      'ResourceDefinition',
      'UpdateContext',
      'ValidationError',
      'allowAccounts',
      'cfn',
      'createRouter',
      'defineResource',
      'lambdaHandler',
      'memoryIdempotencyStore',
      'snsHandler',
      'sqsHandler',
    ]);
  });

  it('exports the advanced pieces from crkit/advanced', () => {
    expect(exportedNames(entryFile('./advanced')).names).toEqual([
      'AllowAccountsOptions',
      'BatchOptions',
      'CFN_LIMITS',
      'CheckOptionsContext',
      'CompletionOptions',
      'Continuation',
      'CreateEvent',
      'CustomResourceEventSchema',
      'CustomResourceLambdaHandler',
      'DeleteEvent',
      'HandOver',
      'HandlerOptions',
      'IdempotencyClaim',
      'IdempotencyRecord',
      'IdempotencyStore',
      'JsonLoggerOptions',
      'LambdaContext',
      'LogAttributes',
      'LogLevel',
      'Logger',
      'MemoryIdempotencyStoreOptions',
      'OptionsShape',
      'PropertiesSchema',
      'PropertyIssue',
      'ProviderPolicyStatement',
      'RequestType',
      'ResourceData',
      'ResourceDefinitionInput',
      'RetryOptions',
      'Router',
      'SnsLambdaHandler',
      'SqsBatchResponse',
      'SqsLambdaHandler',
      'StoredResponse',
      'UpdateEvent',
      'accountOfStack',
      'checkOptions',
      'createJsonLogger',
      'defaultPhysicalResourceId',
      'describeAccountOrganization',
      'isCreateFailedMarker',
      'organizationIdFromAccountArn',
      'requeue',
      'selfInvoke',
      'testSeamsOf',
    ]);
  });

  it('gives every name at most one meaning across the entry points', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [entry, target] of Object.entries(packageJson.exports)) {
      if (typeof target !== 'object' || entry.includes('*')) continue;
      for (const name of exportedNames(sourceOf(target.types)).names) {
        const first = seen.get(name);
        if (first) clashes.push(`${name} in ${first} and ${entry}`);
        else seen.set(name, entry);
      }
    }
    // A ready-made provider's main entry names its own things: none of them is a name of crkit's entries (its
    // definition is `AzIdMappingDefinition`, the construct of crkit/cdk `AzIdMapping`). Names every provider has
    // (`handler`, `policyStatements`) mean the same in each.
    for (const provider of PROVIDERS) {
      for (const name of exportedNames(join(root, 'providers', provider, 'index.ts')).names) {
        const first = seen.get(name);
        if (first) clashes.push(`${name} in ${first} and ./providers/${provider}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('exports what a user of each ready-made provider writes with, and none of its parts', () => {
    const names = Object.fromEntries(
      PROVIDERS.map((provider) => [
        provider,
        exportedNames(join(root, 'providers', provider, 'index.ts')).names,
      ]),
    );
    expect(names).toEqual({
      'az-id-mapping': [
        'AzIdMappingData',
        'AzIdMappingDefinition',
        'AzIdMappingOptions',
        'AzIdMappingProperties',
        'AzIdMappingValues',
        'createAzIdMappingDefinition',
        'handler',
        'policyStatements',
        'requiredActions',
      ],
      'cognito-test-user': [
        'CognitoTestUserClients',
        'CognitoTestUserData',
        'CognitoTestUserDefinition',
        'CognitoTestUserOptions',
        'CognitoTestUserProperties',
        'CognitoTestUserValues',
        'TestUserCredentials',
        'createCognitoTestUserDefinition',
        'handler',
        'policyStatements',
        'requiredActions',
      ],
      'cross-account-certificate': [
        'AcmFor',
        'CERTIFICATE_RESOURCE_TYPES',
        'CertificateValidationData',
        'CertificateValidationProperties',
        'CrossAccountCertificateData',
        'CrossAccountCertificateOptions',
        'CrossAccountCertificateProperties',
        'CrossAccountCertificateValues',
        'KEY_ALGORITHMS',
        'ValidationRecord',
        'createCrossAccountCertificateRouter',
        'policyStatements',
        'requiredActions',
      ],
      'cross-account-dns-record': [
        'AssumeRoleTarget',
        'CredentialsProvider',
        'CrossAccountDnsRecordClients',
        'CrossAccountDnsRecordData',
        'CrossAccountDnsRecordDefinition',
        'CrossAccountDnsRecordOptions',
        'CrossAccountDnsRecordProperties',
        'CrossAccountDnsRecordValues',
        'DnsAllowlist',
        'RECORD_TYPES',
        'ThrottleRetryOptions',
        'assumeRoleActions',
        'createCrossAccountDnsRecordDefinition',
        'policyStatements',
        'requiredActions',
      ],
      'sdk-call': [
        'ImportModule',
        'SDK_CALL_RESOURCE_TYPE',
        'SdkCallDefinition',
        'SdkCallDefinitionOptions',
        'SdkCallProperties',
        'SdkCallPropertiesInput',
        'SdkCallValues',
        'createSdkCallDefinition',
        'handler',
      ],
    });
  });

  it('lists every name of every entry point explicitly (no export *)', () => {
    const entries = Object.entries(packageJson.exports).flatMap(([entry, target]) => {
      if (typeof target !== 'object') return [];
      if (!entry.includes('*')) return [sourceOf(target.types)];
      return PROVIDERS.map((name) => sourceOf(target.types.replace('*', name))).filter((file) => {
        try {
          return readFileSync(file) !== undefined;
        } catch {
          return false;
        }
      });
    });
    expect(entries.length).toBeGreaterThan(8);
    expect(entries.filter((file) => exportedNames(file).star).map((file) => file.slice(root.length))).toEqual(
      [],
    );
  });
});
