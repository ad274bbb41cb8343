// Proves, against a real moto_server, each AWS behaviour the rest of crkit relies on, and pins the places where moto
// differs from AWS so that provider tests do not mistake a moto quirk for a provider bug.
// This file: Route 53, SNS and SQS.
import {
  type Change,
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { unique, useEmulator } from './emulator.js';

const emulator = useEmulator();

describe('Route 53', () => {
  const txt = (Action: Change['Action'], Name: string, value: string): Change => ({
    Action,
    ResourceRecordSet: { Name, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: `"${value}"` }] },
  });

  async function zone() {
    const route53 = new Route53Client(emulator().clientConfig);
    const name = `${unique('zone')}.example.com`;
    const created = await route53.send(
      new CreateHostedZoneCommand({ Name: name, CallerReference: unique('ref') }),
    );
    const HostedZoneId = created.HostedZone?.Id ?? '';
    const change = (...Changes: Change[]) =>
      route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId, ChangeBatch: { Changes } }));
    const txtRecords = async () =>
      ((await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId }))).ResourceRecordSets ?? [])
        .filter((set) => set.Type === 'TXT')
        .map((set) => `${set.Name} ${set.ResourceRecords?.map((r) => r.Value).join(',')}`);
    return { route53, name, created, change, txtRecords };
  }

  it('applies CREATE, UPSERT and DELETE and lists the record sets with a trailing dot', async () => {
    const { name, change, txtRecords } = await zone();

    await change(txt('CREATE', `a.${name}`, 'created'), txt('CREATE', `b.${name}`, 'created'));
    await change(txt('UPSERT', `a.${name}`, 'upserted'), txt('UPSERT', `c.${name}`, 'upserted'));
    await change(txt('DELETE', `b.${name}`, 'created'));

    expect(await txtRecords()).toEqual([`a.${name}. "upserted"`, `c.${name}. "upserted"`]);
  });

  it('reports every change INSYNC at once, also from GetChange and for ids it never issued', async () => {
    const { route53, name, created, change } = await zone();

    const { ChangeInfo } = await change(txt('CREATE', `a.${name}`, 'v'));
    const polled = await route53.send(new GetChangeCommand({ Id: ChangeInfo?.Id }));
    const unknown = await route53.send(new GetChangeCommand({ Id: 'C0000000000000' }));

    expect(created.ChangeInfo?.Status).toBe('INSYNC');
    expect(ChangeInfo?.Status).toBe('INSYNC');
    // moto returns this same id for every ChangeResourceRecordSets call; GetChange echoes the id without "/change/".
    expect(ChangeInfo?.Id).toBe('/change/C2682N5HXP0BZ4');
    expect(polled.ChangeInfo).toMatchObject({ Id: 'C2682N5HXP0BZ4', Status: 'INSYNC' });
    expect(unknown.ChangeInfo).toMatchObject({ Id: 'C0000000000000', Status: 'INSYNC' });
  });

  it('rejects CREATE of an existing identical record set with InvalidChangeBatch', async () => {
    const { name, change } = await zone();
    await change(txt('CREATE', `a.${name}`, 'v'));

    await expect(change(txt('CREATE', `a.${name}`, 'v'))).rejects.toMatchObject({
      name: 'InvalidChangeBatch',
      message: `Tried to create resource record set [name='a.${name}.', type='TXT'] but it already exists`,
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('rejects DELETE of a missing record set with InvalidInput, where Route 53 answers InvalidChangeBatch', async () => {
    const { name, change } = await zone();

    await expect(change(txt('DELETE', `missing.${name}`, 'v'))).rejects.toMatchObject({
      name: 'InvalidInput',
      message: expect.stringMatching(/^Invalid request: Expected exactly one of \[AliasTarget, all of \[TTL/),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('rejects the whole batch when one change is a duplicate CREATE or a DELETE of a missing record', async () => {
    const { name, change, txtRecords } = await zone();
    await change(txt('CREATE', `a.${name}`, 'v'));

    const duplicate = change(txt('CREATE', `b.${name}`, 'v'), txt('CREATE', `a.${name}`, 'v'));
    await expect(duplicate).rejects.toMatchObject({ name: 'InvalidChangeBatch' });
    const missing = change(txt('CREATE', `c.${name}`, 'v'), txt('DELETE', `missing.${name}`, 'v'));
    await expect(missing).rejects.toMatchObject({ name: 'InvalidInput' });

    expect(await txtRecords()).toEqual([`a.${name}. "v"`]);
  });

  it('keeps the earlier changes of a batch that fails on a name outside the zone (not atomic)', async () => {
    const { name, change, txtRecords } = await zone();

    const outside = change(txt('CREATE', `a.${name}`, 'v'), txt('CREATE', 'a.elsewhere.test', 'v'));

    await expect(outside).rejects.toMatchObject({
      name: 'InvalidChangeBatch',
      message: `RRSet with DNS name a.elsewhere.test is not permitted in zone ${name}.`,
    });
    expect(await txtRecords()).toEqual([`a.${name}. "v"`]);
  });

  it('accepts a second CREATE of a name with another value, and DELETE of a record set already deleted', async () => {
    const { name, change, txtRecords } = await zone();
    await change(txt('CREATE', `a.${name}`, 'v1'));

    // Route 53 would reject the second CREATE (the name and type exist) and the second DELETE (not found).
    await change(txt('CREATE', `a.${name}`, 'v2'));
    const afterSecondCreate = await txtRecords();
    // moto deletes every record set of that name and type, whatever values the DELETE names.
    await change(txt('DELETE', `a.${name}`, 'v2'));
    const afterDelete = await txtRecords();
    await change(txt('DELETE', `a.${name}`, 'v2'));

    expect(afterSecondCreate).toEqual([`a.${name}. "v1"`, `a.${name}. "v2"`]);
    expect(afterDelete).toEqual([]);
  });

  it('refuses to re-create a deleted record set while a record set sorting after it exists', async () => {
    const { name, change, txtRecords } = await zone();
    await change(txt('CREATE', `a.${name}`, 'v'), txt('CREATE', `z.${name}`, 'v'));
    await change(txt('DELETE', `a.${name}`, 'v'));

    // moto finds the identical CREATE in its change journal and any record set at or after the name, so it reports
    // the deleted record as existing; Route 53 accepts this. UPSERT is not affected.
    const recreate = change(txt('CREATE', `a.${name}`, 'v'));

    await expect(recreate).rejects.toMatchObject({ name: 'InvalidChangeBatch' });
    await change(txt('UPSERT', `a.${name}`, 'v'));
    expect(await txtRecords()).toEqual([`a.${name}. "v"`, `z.${name}. "v"`]);
  });
});

describe('SNS to SQS', () => {
  async function subscribedQueue(raw: boolean) {
    const sns = new SNSClient(emulator().clientConfig);
    const sqs = new SQSClient(emulator().clientConfig);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: unique('topic') }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: unique('queue') }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    // No queue policy is needed: moto delivers to any queue, where AWS requires the queue to allow sns.amazonaws.com.
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: Attributes?.QueueArn,
        ...(raw ? { Attributes: { RawMessageDelivery: 'true' } } : {}),
      }),
    );
    const receive = async () =>
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 })))
        .Messages;
    return { sns, TopicArn, QueueUrl, receive };
  }

  it('delivers a published message to a subscribed queue inside the SNS Notification envelope', async () => {
    const { sns, TopicArn, QueueUrl, receive } = await subscribedQueue(false);
    const message = JSON.stringify({ RequestType: 'Create' });

    const { MessageId } = await sns.send(new PublishCommand({ TopicArn, Message: message, Subject: 'cfn' }));
    const messages = await receive();

    expect(QueueUrl).toMatch(new RegExp(`^${emulator().endpoint}/${emulator().accountId}/queue-`));
    expect(messages).toHaveLength(1);
    const envelope = JSON.parse(messages?.[0]?.Body ?? '{}');
    expect(Object.keys(envelope).sort()).toEqual([
      'Message',
      'MessageId',
      'Signature',
      'SignatureVersion',
      'SigningCertURL',
      'Subject',
      'Timestamp',
      'TopicArn',
      'Type',
      'UnsubscribeURL',
    ]);
    expect(envelope).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn,
      Message: message,
      Subject: 'cfn',
    });
  });

  it('delivers the bare message body to a queue subscribed with RawMessageDelivery', async () => {
    const { sns, TopicArn, receive } = await subscribedQueue(true);
    const message = JSON.stringify({ RequestType: 'Delete' });

    await sns.send(new PublishCommand({ TopicArn, Message: message }));
    const messages = await receive();

    expect(messages?.map((m) => m.Body)).toEqual([message]);
  });
});
