/**
 * crkit's example CDK app: `tsx examples/app.ts` synthesises every example stack into examples/cdk.out (or the
 * CDK CLI's CDK_OUTDIR), offline: explicit environments, no lookups, providers bundled with the local esbuild.
 */
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { AzVpcStack } from './az-vpc-stack.js';
import { CognitoTestUserStack } from './cognito-test-user-stack.js';
import { ApplicationDnsStack, DnsAccountStack } from './dns-stacks.js';
import { ENVIRONMENTS } from './environments.js';
import { SdkCallStack } from './sdk-call-stack.js';

const app = new App({
  outdir: process.env.CDK_OUTDIR ?? fileURLToPath(new URL('./cdk.out', import.meta.url)),
});

new CognitoTestUserStack(app, 'CrkitCognitoTestUser', { env: ENVIRONMENTS.application });
new SdkCallStack(app, 'CrkitSdkCall', { env: ENVIRONMENTS.application });
new AzVpcStack(app, 'CrkitAzVpc', { env: ENVIRONMENTS.application, zoneIds: ['use1-az1', 'use1-az2'] });

const zoneName = 'example.com';
const dns = new DnsAccountStack(app, 'CrkitDnsAccount', {
  env: ENVIRONMENTS.dns,
  zoneName,
  allowlist: { [ENVIRONMENTS.application.account]: [`app1.${zoneName}`] },
});
const application = new ApplicationDnsStack(app, 'CrkitApplicationDns', {
  env: ENVIRONMENTS.application,
  dnsAccount: ENVIRONMENTS.dns,
  zoneName,
});
// The accounts cannot reference each other's stacks; deploying the DNS account first is all they share.
application.addStackDependency(dns);

app.synth();
