import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wildcardActions } from '../cdk/iam.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const STACKS = [
  'CrkitCognitoTestUser',
  'CrkitSdkCall',
  'CrkitAzVpc',
  'CrkitDnsAccount',
  'CrkitApplicationDns',
];

/**
 * Preloaded into the synth: any TCP connection or DNS lookup throws, so the synth provably needs no network.
 * Connections to a path (the IPC pipes tools use) stay allowed.
 */
const OFFLINE_GUARD = `
const net = require('node:net');
const dns = require('node:dns');
const refuse = (what) => { throw new Error('network access during synth: ' + what); };
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const tcp = typeof first === 'number' || /^\\d+$/.test(String(first)) || (first && first.port !== undefined);
  if (tcp) refuse(typeof first === 'object' ? String(first.host) + ':' + String(first.port) : String(first));
  return connect.apply(this, args);
};
dns.lookup = () => refuse('dns.lookup');
dns.promises.lookup = async () => refuse('dns.promises.lookup');
`;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment of a machine with no AWS credentials, no usable Docker and no network. */
function offlineEnvironment(outdir: string, guard: string): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([key]) => !/^(AWS_|CDK_)/.test(key));
  return {
    ...Object.fromEntries(kept),
    CDK_OUTDIR: outdir,
    CDK_DOCKER: '/nonexistent/docker-must-not-be-used',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_CONFIG_FILE: '/nonexistent/config',
    NODE_OPTIONS: `--require ${guard}`,
    // CDK's built-in CloudFormation validation only prints warnings, which this synth does not read (the `cdk init`
    // app of test/package/ asserts it prints none); its engine alone takes seconds to start.
    CDK_VALIDATION: 'false',
  };
}

describe('the example app', () => {
  let workdir: string;
  let outdir: string;
  let synth: Run;

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), 'crkit-examples-'));
    outdir = join(workdir, 'cdk.out');
    const guard = join(workdir, 'offline-guard.cjs');
    writeFileSync(guard, OFFLINE_GUARD);
    // One synth, shared by every assertion below: bundling every provider is the slow part.
    synth = await run(
      join(root, 'node_modules/.bin/tsx'),
      ['examples/app.ts'],
      offlineEnvironment(outdir, guard),
    );
  }, 60_000);

  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  const template = (stack: string) =>
    Template.fromJSON(JSON.parse(readFileSync(join(outdir, `${stack}.template.json`), 'utf8')));

  it('synthesises offline, without credentials and without Docker', () => {
    expect(synth.stderr).not.toMatch(/docker|network access during synth/i);
    expect(synth.code).toBe(0);
  });

  it('produces every example stack in its explicit environment', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; environment?: string }>;
    };
    const stacks = Object.entries(manifest.artifacts)
      .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
      .map(([name, artifact]) => [name, artifact.environment]);

    expect(Object.fromEntries(stacks)).toEqual({
      CrkitCognitoTestUser: 'aws://111111111111/us-east-1',
      CrkitSdkCall: 'aws://111111111111/us-east-1',
      CrkitAzVpc: 'aws://111111111111/us-east-1',
      CrkitDnsAccount: 'aws://222222222222/us-east-1',
      CrkitApplicationDns: 'aws://111111111111/us-east-1',
    });
  });

  // Loads four bundles of about 800 kB each: longer than the 20 s default on a loaded machine.
  it('bundles each provider with the local esbuild into a module exporting its handler', async () => {
    for (const stack of STACKS.filter((name) => name !== 'CrkitApplicationDns')) {
      const functions = Object.values(template(stack).findResources('AWS::Lambda::Function'));
      expect(functions).toHaveLength(1);
      for (const fn of functions) {
        const { Code, Handler } = fn.Properties as { Code: { S3Key: string }; Handler: string };
        const bundle = join(outdir, `asset.${Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
        expect(existsSync(bundle)).toBe(true);

        const module = (await import(pathToFileURL(bundle).href)) as Record<string, unknown>;

        expect(typeof module[Handler.replace(/^index\./, '')]).toBe('function');
      }
    }
  }, 60_000);

  it('grants no wildcard action in any stack', () => {
    for (const stack of STACKS) expect(wildcardActions(template(stack))).toEqual([]);
  });

  it('creates the application record through the DNS account topic', () => {
    template('CrkitApplicationDns').hasResourceProperties('Custom::CrossAccountDnsRecord', {
      ServiceToken: {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':sns:us-east-1:222222222222:crkit-cross-account-dns-record'],
        ],
      },
    });
    template('CrkitDnsAccount').hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('makes the SdkCall test user with its password read at deploy time, its policy outliving the Delete', () => {
    const sdkCall = template('CrkitSdkCall');
    const [policyId] = Object.keys(sdkCall.findResources('AWS::IAM::Policy')).filter((id) =>
      id.startsWith('TesterPolicy'),
    );
    const [tester] = Object.values(sdkCall.findResources('Custom::SdkCall'));

    expect(tester?.DependsOn).toContain(policyId);
    expect(JSON.stringify(tester?.Properties.OnCreate)).toContain('{{crkit:secretsmanager:');
    sdkCall.hasOutput('TesterUsername', { Value: { 'Fn::GetAtt': ['Tester', 'User.Username'] } });
  });

  it('outputs the test user secret ARN and places subnets by the zone mapping', () => {
    template('CrkitCognitoTestUser').hasOutput('TestUserSecretArn', {
      Value: { 'Fn::GetAtt': ['TestUser', 'SecretArn'] },
    });
    template('CrkitAzVpc').hasResourceProperties('AWS::EC2::Subnet', {
      AvailabilityZone: {
        'Fn::Select': [1, { 'Fn::Split': [',', { 'Fn::GetAtt': ['Zones', 'ZoneNames'] }] }],
      },
    });
  });
});
