import { randomUUID } from 'node:crypto';
import {
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createCrossAccountDnsRecordDefinition } from '../../../providers/cross-account-dns-record/index.js';
import { playLifecycle } from '../../testing/lifecycle.js';
import { topicDelivery } from '../../testing/topic-delivery.js';
import { type DemoContext, demoRecorder, differs, type ScenarioResult } from './scenario.js';

const APP_ACCOUNT = '111111111111';

/**
 * The cross-account DNS record, SNS-backed: the provider, its topic, queue and hosted zone live in the DNS account
 * (the emulator's default account); stacks in the application account publish their requests to the topic.
 */
export async function dnsScenario({ aws, responses, io }: DemoContext): Promise<ScenarioResult> {
  const route53 = new Route53Client(aws.clientConfig);
  const sns = new SNSClient(aws.clientConfig);
  const sqs = new SQSClient(aws.clientConfig);
  const zone = await route53.send(
    new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: randomUUID() }),
  );
  const { TopicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'crkit-dns-records' }));
  const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'crkit-dns-records' }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes?.QueueArn ?? '' }));
  // The application account's side: moto hands out keys acting in any account it is asked to assume a role in.
  const sts = new STSClient(aws.clientConfig);
  const role = `arn:aws:iam::${APP_ACCOUNT}:role/crkit-demo-app`;
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'crkit-demo' }),
  );
  const publisher = {
    ...aws.clientConfig,
    credentials: {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
      sessionToken: Credentials?.SessionToken ?? '',
    },
  };
  const zoneId = zone.HostedZone?.Id?.replace('/hostedzone/', '') ?? '';
  io.out(
    `DNS account ${aws.accountId}: zone example.com (${zoneId}), topic ${TopicArn} -> queue crkit-dns-records\n`,
  );
  io.out(`application account ${APP_ACCOUNT} may change app1.example.com and names under it\n\n`);

  const definition = createCrossAccountDnsRecordDefinition({
    clients: { route53: () => route53 },
    allowlist: { [APP_ACCOUNT]: ['app1.example.com'] },
    roleFromProperties: false,
    // moto answers every change INSYNC at once: check soon rather than after Route 53's usual second.
    completion: { initialDelayMs: 50, maxDelayMs: 200 },
  });
  const records = async (name: string) => {
    const listed = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    return (listed.ResourceRecordSets ?? [])
      .filter((set) => set.Name === `${name}.` && set.Type === 'A')
      .map((set) => ({ ttl: set.TTL, values: (set.ResourceRecords ?? []).map((record) => record.Value) }));
  };
  const { verifications, verify, progress } = demoRecorder(io);
  const stackOf = (name: string) =>
    `arn:aws:cloudformation:us-east-1:${APP_ACCOUNT}:stack/${name}/${randomUUID()}`;
  const common = {
    responses,
    via: 'sqs' as const,
    serviceToken: TopicArn,
    delivery: topicDelivery({
      topicArn: TopicArn,
      queueUrl: QueueUrl,
      publisher,
      consumer: aws.clientConfig,
    }),
  };
  const v1 = {
    HostedZoneName: 'example.com',
    Name: 'app1.example.com',
    Type: 'A',
    TTL: 60,
    ResourceRecords: ['192.0.2.10'],
  };
  const v2 = { ...v1, TTL: 300, ResourceRecords: ['192.0.2.10', '192.0.2.11'] };
  const v3 = { ...v2, Name: 'api.app1.example.com' };

  const timeline = await playLifecycle(definition, {
    ...common,
    stackId: stackOf('app1'),
    logicalResourceId: 'AppRecord',
    steps: [
      { create: v1 },
      { update: v2, expect: 'in-place' },
      { update: v3, expect: 'replacement' },
      'delete',
    ],
    onProgress: progress(({ entry }) => {
      if (entry.response?.Status !== 'SUCCESS') return undefined;
      const replaced = entry.request.PhysicalResourceId !== entry.response.PhysicalResourceId;
      if (entry.action === 'create') {
        return verify('app1.example.com A 192.0.2.10 (TTL 60) is in the zone', async () =>
          differs(await records('app1.example.com'), [{ ttl: 60, values: ['192.0.2.10'] }]),
        );
      }
      if (entry.action === 'update' && !replaced) {
        return verify('its TTL and values were changed in place', async () =>
          differs(await records('app1.example.com'), [{ ttl: 300, values: ['192.0.2.10', '192.0.2.11'] }]),
        );
      }
      if (entry.action === 'update') {
        return verify('api.app1.example.com is in the zone', async () =>
          differs((await records('api.app1.example.com')).length, 1),
        );
      }
      if (entry.action === 'cleanup-delete') {
        return verify('the replaced app1.example.com record is gone', async () =>
          differs(await records('app1.example.com'), []),
        );
      }
      if (entry.action === 'delete') {
        return verify('api.app1.example.com is gone', async () =>
          differs(await records('api.app1.example.com'), []),
        );
      }
      return undefined;
    }),
  });
  io.out('\nA stack of the same account asks for a name outside its allowlist:\n');
  const refused = await playLifecycle(definition, {
    ...common,
    stackId: stackOf('intruder'),
    logicalResourceId: 'Takeover',
    steps: [{ create: { ...v1, Name: 'www.example.com', AllowOverwrite: true }, expect: 'failure' }],
    onProgress: progress(async ({ entry }) => {
      if (entry.action !== 'rollback-delete') return undefined;
      return verify('www.example.com was never written', async () =>
        differs(await records('www.example.com'), []),
      );
    }),
  });
  return { title: 'Custom::CrossAccountDnsRecord', timelines: [timeline, refused], verifications };
}
