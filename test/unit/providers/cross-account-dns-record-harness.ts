import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  Route53Client,
  type RRType,
} from '@aws-sdk/client-route-53';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import {
  type CredentialsProvider,
  type CrossAccountDnsRecordOptions,
  createCrossAccountDnsRecordDefinition,
} from '../../../providers/cross-account-dns-record/index.js';
import type { ResponseBody } from '../../../src/core/fit-response.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { createEvent } from '../../../src/testing/events.js';
import type { ResponseCapture } from '../../../src/testing/response-capture.js';
import { testSeams } from '../../../src/testing/test-seams.js';

/** Shared arrangement of the cross-account-dns-record unit tests: mocked SDK clients and a loopback capture. */
export const RESOURCE_TYPE = 'Custom::CrossAccountDnsRecord';
export const ZONE = 'Z0123456789ABC';
export const APP_ACCOUNT = '111111111111';
export const ROLE_ARN = 'arn:aws:iam::222222222222:role/dns-records';
export const stackOf = (account: string) =>
  `arn:aws:cloudformation:us-east-1:${account}:stack/app/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f`;

export const route53 = mockClient(Route53Client);
export const sts = mockClient(STSClient);
export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** An AWS SDK style error: what the SDK throws for a service exception of that name. */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/** A record set as ListResourceRecordSets lists it. */
export const listed = (name: string, type: RRType, values: string[], TTL = 300): ResourceRecordSet => ({
  Name: `${name}.`,
  Type: type,
  TTL,
  ResourceRecords: values.map((Value) => ({ Value })),
});

/**
 * Every call succeeds: each change gets a fresh id and is INSYNC, `example.com` is one public zone, no record
 * exists yet, and AssumeRole hands out credentials for an hour.
 */
export function arrangeHappyPath(): void {
  route53.reset();
  sts.reset();
  let changes = 0;
  route53.on(ChangeResourceRecordSetsCommand).callsFake(() => ({
    ChangeInfo: { Id: `/change/C${++changes}`, Status: 'PENDING', SubmittedAt: new Date() },
  }));
  route53.on(GetChangeCommand).callsFake((input: { Id: string }) => ({
    ChangeInfo: { Id: input.Id, Status: 'INSYNC', SubmittedAt: new Date() },
  }));
  route53
    .on(ListResourceRecordSetsCommand)
    .resolves({ ResourceRecordSets: [], IsTruncated: false, MaxItems: 10 });
  route53.on(ListHostedZonesByNameCommand).resolves({
    HostedZones: [
      {
        Id: `/hostedzone/${ZONE}`,
        Name: 'example.com.',
        CallerReference: 'a',
        Config: { PrivateZone: false },
      },
      {
        Id: '/hostedzone/ZSUB',
        Name: 'sub.example.com.',
        CallerReference: 'b',
        Config: { PrivateZone: false },
      },
    ],
    IsTruncated: false,
    MaxItems: 100,
  });
  sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: 'ASIAASSUMED',
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(Date.now() + 60 * 60 * 1000),
    },
  });
}

/** The provider over the mocked clients, answering to `capture`; `send` returns the PUT body. */
export function providerFor(capture: ResponseCapture, options: CrossAccountDnsRecordOptions = {}) {
  const credentialsSeen: (CredentialsProvider | undefined)[] = [];
  const definition = createCrossAccountDnsRecordDefinition({
    clients: {
      sts: new STSClient({ region: 'us-east-1' }),
      route53: (credentials) => {
        credentialsSeen.push(credentials);
        return new Route53Client({ region: 'us-east-1', ...(credentials ? { credentials } : {}) });
      },
    },
    completion: { initialDelayMs: 1, maxDelayMs: 5 },
    ...testSeams({ sleep: async () => {} }),
    coalesceWindowMs: 1,
    ...options,
  });
  const handler = lambdaHandler(definition, {
    allowedResponseOrigins: [capture.origin],
    retry: { attempts: 1 },
    logger: quiet,
  });
  return {
    credentialsSeen,
    async send(event: { ResponseURL: string }): Promise<ResponseBody> {
      await handler(event);
      const response = capture.responseFor(event.ResponseURL);
      if (!response) throw new Error('the provider sent no response');
      return response.body;
    },
  };
}

/** The record most tests ask for, written loosely (case, trailing dot) as templates do. */
export const LOOSE_RECORD = {
  HostedZoneId: ZONE,
  Name: 'App1.Example.com.',
  Type: 'a',
  TTL: 60,
  ResourceRecords: ['192.0.2.10'],
};

/** A Create of {@link LOOSE_RECORD} (with `properties` over it) from a stack of `account`, answering to `capture`. */
export const createRecord =
  (capture: ResponseCapture) =>
  (properties: Record<string, unknown> = {}, account = APP_ACCOUNT) =>
    createEvent({
      resourceType: RESOURCE_TYPE,
      responseUrl: capture.responseUrl(),
      stackId: stackOf(account),
      logicalResourceId: 'Record',
      properties: { ...LOOSE_RECORD, ...properties },
    });
