// The CDK app of the `cdk init` layout: CrkitProvider with the user's own provider, and every ready-made construct.
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { PublicHostedZone } from 'aws-cdk-lib/aws-route53';
import {
  AzIdMapping,
  CognitoTestUser,
  CrkitProvider,
  CrkitResource,
  CrossAccountDnsRecord,
  CrossAccountDnsRecordProvider,
} from 'crkit/cdk';
import { Widget } from '../lib/widget-provider';

const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
const env = { account: '111111111111', region: 'us-east-1' };
const stack = new Stack(app, 'Widgets', { env });

const provider = CrkitProvider.getOrCreate(stack, {
  providerId: 'acme.widget',
  entry: path.join(__dirname, '..', 'lib', 'widget-provider.ts'),
});
const widget = new CrkitResource(stack, 'Widget', {
  definition: Widget,
  provider,
  properties: { Name: 'w', Size: 3 },
});
widget.getAttString('Area');

const userPool = new UserPool(stack, 'Users');
new CognitoTestUser(stack, 'TestUser', { userPool, username: 'e2e@example.com' });
new AzIdMapping(stack, 'Zones', { zoneIds: ['use1-az1'] });

const dns = new Stack(app, 'Dns', { env: { account: '222222222222', region: 'us-east-1' } });
const zone = new PublicHostedZone(dns, 'Zone', { zoneName: 'example.com' });
new CrossAccountDnsRecordProvider(dns, 'Records', {
  allowlist: { '111111111111': ['app.example.com'] },
  hostedZones: [zone],
});
new CrossAccountDnsRecord(stack, 'Record', {
  provider: {
    serviceToken: CrossAccountDnsRecordProvider.serviceTokenFor({
      account: '222222222222',
      region: 'us-east-1',
    }),
  },
  hostedZoneName: 'example.com',
  recordName: 'app.example.com',
  recordType: 'A',
  values: ['192.0.2.10'],
  ttl: Duration.minutes(5),
});

app.synth();
