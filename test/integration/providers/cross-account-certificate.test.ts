import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CERTIFICATE_RESOURCE_TYPES,
  createCrossAccountCertificateRouter,
} from '../../../providers/cross-account-certificate/index.js';
import { validationDomains } from '../../../providers/cross-account-certificate/validation-domains.js';
import { createCrossAccountDnsRecordDefinition } from '../../../providers/cross-account-dns-record/index.js';
import type { ResponseBody } from '../../../src/core/fit-response.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { createEvent, deleteEvent, updateEvent } from '../../../src/testing/events.js';
import type { LocalAws } from '../../../src/testing/local-aws.js';
import { type ResponseCapture, startResponseCapture } from '../../../src/testing/response-capture.js';
import { anotherAccount, emulatorAccount } from '../emulator/emulator.js';

/**
 * The certificate's resources played in the order CloudFormation runs them (certificate, validation records,
 * validation), against the emulator: ACM in the application account (moto's default), the zone in the DNS account
 * (reached by AssumeRole, which really switches account in moto). moto issues a DNS-validated certificate once
 * MOTO_ACM_VALIDATION_WAIT seconds have passed (moto/settings.py, default 60), whether or not the records exist.
 */
const DNS_ACCOUNT = anotherAccount();
const ROLE_ARN = `arn:aws:iam::${DNS_ACCOUNT}:role/dns-records`;
/** A stack in the application account: this file's own (test/integration/emulator/emulator.ts). */
const stackId = () =>
  `arn:aws:cloudformation:us-east-1:${aws.accountId}:stack/app1/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f`;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let aws: LocalAws;
let capture: ResponseCapture;
let acm: ACMClient;
let dnsRoute53: Route53Client;
let appRoute53: Route53Client;
let dnsZoneId = '';
let appZoneId = '';
let certificates: ReturnType<typeof lambdaHandler>;
let roleRecords: ReturnType<typeof lambdaHandler>;
let snsRecords: ReturnType<typeof lambdaHandler>;

beforeAll(async () => {
  aws = await emulatorAccount();
  capture = await startResponseCapture();
  const sts = new STSClient(aws.clientConfig);
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'setup' }),
  );
  const dnsCredentials = {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
  dnsRoute53 = new Route53Client({ ...aws.clientConfig, credentials: dnsCredentials });
  appRoute53 = new Route53Client(aws.clientConfig);
  acm = new ACMClient(aws.clientConfig);
  const zone = async (client: Route53Client) =>
    (
      (
        await client.send(
          new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: `${Math.random()}` }),
        )
      ).HostedZone?.Id ?? ''
    ).replace('/hostedzone/', '');
  dnsZoneId = await zone(dnsRoute53);
  appZoneId = await zone(appRoute53);
  const options = { allowedResponseOrigins: [capture.origin], logger: quiet };
  const completion = { initialDelayMs: 50, maxDelayMs: 250 };
  certificates = lambdaHandler(
    createCrossAccountCertificateRouter({
      acm: (region) => new ACMClient({ ...aws.clientConfig, region: region ?? aws.region }),
      completion,
    }),
    options,
  );
  roleRecords = lambdaHandler(
    createCrossAccountDnsRecordDefinition({
      clients: {
        sts,
        route53: (credentials) =>
          new Route53Client({ ...aws.clientConfig, ...(credentials ? { credentials } : {}) }),
      },
      completion,
    }),
    options,
  );
  // The SNS-backed shape: the DNS account's function acts with its own role, limited by the allowlist.
  snsRecords = lambdaHandler(
    createCrossAccountDnsRecordDefinition({
      clients: { route53: () => dnsRoute53 },
      allowlist: { [aws.accountId]: ['app1.example.com'] },
      roleFromProperties: false,
      completion,
    }),
    options,
  );
});
afterAll(async () => {
  await capture?.close();
  await aws?.stop();
});

async function answer(handler: ReturnType<typeof lambdaHandler>, event: { ResponseURL: string }) {
  await handler(event);
  const response = capture.responseFor(event.ResponseURL);
  if (!response) throw new Error('no response');
  return response.body;
}

const common = (resourceType: string, logicalResourceId: string) => ({
  resourceType,
  logicalResourceId,
  stackId: stackId(),
  responseUrl: capture.responseUrl(),
});

type Shape = 'role' | 'sns';
const recordProperties = (shape: Shape, data: Record<string, string>, index: number) => ({
  HostedZoneName: 'example.com',
  Name: data[`ValidationRecords.${index}.Name`],
  Type: 'CNAME',
  ResourceRecords: [data[`ValidationRecords.${index}.Value`]],
  Shared: true,
  ...(shape === 'role' ? { RoleArn: ROLE_ARN } : {}),
});

/** What CloudFormation answers for one certificate: its three kinds of resource, created in order. */
interface Deployed {
  certificate: ResponseBody;
  records: ResponseBody[];
  validation?: ResponseBody;
}

/** Creates a certificate as its construct does; a failed record rolls back what was made, as CloudFormation would. */
async function deploy(name: string, properties: Record<string, unknown>, shape: Shape): Promise<Deployed> {
  const certificate = await answer(
    certificates,
    createEvent({ ...common(CERTIFICATE_RESOURCE_TYPES.certificate, `${name}Certificate`), properties }),
  );
  const data = certificate.Data as Record<string, string>;
  const handler = shape === 'role' ? roleRecords : snsRecords;
  const domains = validationDomains(
    String(properties.DomainName),
    properties.SubjectAlternativeNames as string[],
  );
  const records: ResponseBody[] = [];
  for (const [index] of domains.entries()) {
    const event = createEvent({
      ...common('Custom::CrossAccountDnsRecord', `${name}Record${index}`),
      properties: recordProperties(shape, data, index),
    });
    records.push(await answer(handler, event));
  }
  if (records.some((record) => record.Status === 'FAILED')) {
    await answer(
      certificates,
      deleteEvent({
        ...common(CERTIFICATE_RESOURCE_TYPES.certificate, `${name}Certificate`),
        physicalResourceId: certificate.PhysicalResourceId,
        properties,
      }),
    );
    return { certificate, records };
  }
  const validation = await answer(
    certificates,
    createEvent({
      ...common(CERTIFICATE_RESOURCE_TYPES.validation, `${name}Validation`),
      properties: { CertificateArn: data.Arn },
    }),
  );
  return { certificate, records, validation };
}

const listCertificates = async () =>
  ((await acm.send(new ListCertificatesCommand({}))).CertificateSummaryList ?? []).map(
    (c) => c.CertificateArn,
  );

/** The zone's CNAME and TXT records, as `name type -> values`. */
async function zoneRecords(client: Route53Client, zoneId: string): Promise<Record<string, string[]>> {
  const { ResourceRecordSets = [] } = await client.send(
    new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }),
  );
  return Object.fromEntries(
    ResourceRecordSets.filter((set) => set.Type === 'CNAME' || set.Type === 'TXT').map((set) => [
      `${set.Name} ${set.Type}`,
      (set.ResourceRecords ?? []).map((record) => record.Value ?? ''),
    ]),
  );
}

const APP1 = { DomainName: 'app1.example.com', SubjectAlternativeNames: ['*.app1.example.com'] };

describe('cross-account-certificate against the emulator', () => {
  let first: Deployed;

  it('requests the certificate, writes its validation record into the DNS account zone only, and answers the ARN once ISSUED', async () => {
    first = await deploy('First', APP1, 'role');

    const arn = first.certificate.PhysicalResourceId;
    expect(first.certificate).toMatchObject({ Status: 'SUCCESS', Data: { Arn: arn } });
    expect(first.records.map((record) => record.Status)).toEqual(['SUCCESS']);
    expect(first.validation).toMatchObject({ Status: 'SUCCESS', Data: { Arn: arn } });
    expect(
      (await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate?.Status,
    ).toBe('ISSUED');
    const name = `${(first.certificate.Data as Record<string, string>)['ValidationRecords.0.Name']}.`;
    expect(name).toMatch(/^_[0-9a-f]+\.app1\.example\.com\.$/);
    expect((await zoneRecords(dnsRoute53, dnsZoneId))[`${name} CNAME`]).toEqual([
      (first.certificate.Data as Record<string, string>)['ValidationRecords.0.Value'],
    ]);
    expect(await zoneRecords(appRoute53, appZoneId)).toEqual({});
  });

  it('replaces the certificate when its names change, adding the new name record, and the cleanup Delete removes the old one', async () => {
    const next = { ...APP1, SubjectAlternativeNames: ['*.app1.example.com', 'www.app1.example.com'] };
    const old = first.certificate.PhysicalResourceId;
    const update = await answer(
      certificates,
      updateEvent({
        ...common(CERTIFICATE_RESOURCE_TYPES.certificate, 'FirstCertificate'),
        physicalResourceId: old,
        properties: next,
        oldProperties: APP1,
      }),
    );
    const arn = update.PhysicalResourceId;
    const data = update.Data as Record<string, string>;
    const added = await answer(
      roleRecords,
      createEvent({
        ...common('Custom::CrossAccountDnsRecord', 'FirstRecord1'),
        properties: recordProperties('role', data, 1),
      }),
    );
    const validation = await answer(
      certificates,
      updateEvent({
        ...common(CERTIFICATE_RESOURCE_TYPES.validation, 'FirstValidation'),
        physicalResourceId: first.validation?.PhysicalResourceId ?? '',
        properties: { CertificateArn: arn },
        oldProperties: { CertificateArn: old },
      }),
    );
    const cleanup = await answer(
      certificates,
      deleteEvent({
        ...common(CERTIFICATE_RESOURCE_TYPES.certificate, 'FirstCertificate'),
        physicalResourceId: old,
        properties: APP1,
      }),
    );

    expect(update.Status).toBe('SUCCESS');
    expect(arn).not.toBe(old);
    expect(data['ValidationRecords.0.Name']).toBe(
      (first.certificate.Data as Record<string, string>)['ValidationRecords.0.Name'],
    );
    expect(data['ValidationRecords.1.Name']).toMatch(/\.www\.app1\.example\.com$/);
    expect([added.Status, validation.Status, cleanup.Status]).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(validation.Data).toEqual({ Arn: arn });
    expect(await listCertificates()).toEqual([arn]);
    first = { certificate: update, records: [first.records[0] as ResponseBody, added], validation };
  });

  it('keeps a validation record shared with a second certificate for the same name until both are deleted', async () => {
    const second = await deploy('Second', { DomainName: 'app1.example.com' }, 'role');
    const name = `${(second.certificate.Data as Record<string, string>)['ValidationRecords.0.Name']}.`;

    const deleteRecord = (logical: string, body: ResponseBody) =>
      answer(
        roleRecords,
        deleteEvent({
          ...common('Custom::CrossAccountDnsRecord', logical),
          physicalResourceId: body.PhysicalResourceId,
          properties: recordProperties('role', second.certificate.Data as Record<string, string>, 0),
        }),
      );
    expect(second.validation?.Status).toBe('SUCCESS');
    expect((await deleteRecord('SecondRecord0', second.records[0] as ResponseBody)).Status).toBe('SUCCESS');
    expect((await zoneRecords(dnsRoute53, dnsZoneId))[`${name} CNAME`]).toHaveLength(1);
    await answer(
      certificates,
      deleteEvent({
        ...common(CERTIFICATE_RESOURCE_TYPES.certificate, 'SecondCertificate'),
        physicalResourceId: second.certificate.PhysicalResourceId,
        properties: { DomainName: 'app1.example.com' },
      }),
    );

    for (const [index, record] of first.records.entries()) {
      expect((await deleteRecord(`FirstRecord${index}`, record)).Status).toBe('SUCCESS');
    }
    expect(await zoneRecords(dnsRoute53, dnsZoneId)).toEqual({});
  });

  it('deletes the certificate its id names whatever the properties say, and a second Delete succeeds too', async () => {
    const arn = first.certificate.PhysicalResourceId;
    const remove = () =>
      answer(
        certificates,
        deleteEvent({
          ...common(CERTIFICATE_RESOURCE_TYPES.certificate, 'FirstCertificate'),
          physicalResourceId: arn,
          properties: { DomainName: 'other.example.com' },
        }),
      );

    const [once, twice] = [await remove(), await remove()];

    expect([once.Status, twice.Status]).toEqual(['SUCCESS', 'SUCCESS']);
    expect(await listCertificates()).toEqual([]);
  });

  it('through the DNS account provider, writes records under the allowlisted names, and an account outside it creates nothing', async () => {
    const allowed = await deploy('Allowed', { DomainName: 'api.app1.example.com' }, 'sns');
    const refused = await deploy('Refused', { DomainName: 'app2.example.com' }, 'sns');

    expect(allowed.validation?.Status).toBe('SUCCESS');
    expect(refused.records.map((record) => record.Status)).toEqual(['FAILED']);
    expect(refused.records[0]?.Reason).toContain(`may change records under app1.example.com only, not _`);
    expect(refused.validation).toBeUndefined();
    expect(await listCertificates()).toEqual([allowed.certificate.PhysicalResourceId]);
    expect(Object.keys(await zoneRecords(dnsRoute53, dnsZoneId)).some((key) => key.includes('app2'))).toBe(
      false,
    );
  });
});
