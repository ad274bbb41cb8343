import {
  ACMClient,
  AddTagsToCertificateCommand,
  type CertificateDetail,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  RemoveTagsFromCertificateCommand,
  RequestCertificateCommand,
  UpdateCertificateOptionsCommand,
} from '@aws-sdk/client-acm';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CERTIFICATE_RESOURCE_TYPES,
  type CrossAccountCertificateOptions,
  createCrossAccountCertificateRouter,
} from '../../../providers/cross-account-certificate/index.js';
import type { ResponseBody } from '../../../src/core/fit-response.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { createEvent, deleteEvent, updateEvent } from '../../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../../src/testing/response-capture.js';
import { awsError, quiet } from './cross-account-dns-record-harness.js';

expect.extend(allCustomMatcher);

const acm = mockClient(ACMClient);
const ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/1f2e3d4c-5b6a-4789-9abc-def012345678';
const ARN_2 = 'arn:aws:acm:us-east-1:111111111111:certificate/2f2e3d4c-5b6a-4789-9abc-def012345678';
const EU_ARN = 'arn:aws:acm:eu-west-1:111111111111:certificate/3f2e3d4c-5b6a-4789-9abc-def012345678';
const STACK_ID =
  'arn:aws:cloudformation:us-east-1:111111111111:stack/app1/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f';
const PROPERTIES = {
  DomainName: 'app1.example.com',
  SubjectAlternativeNames: ['*.app1.example.com', 'api.app1.example.com'],
  Tags: [{ Key: 'team', Value: 'web' }],
};

let capture: ResponseCapture;
beforeAll(async () => {
  capture = await startResponseCapture();
});
afterAll(() => capture.close());

const record = (name: string, id: string) => ({
  DomainName: name,
  ValidationMethod: 'DNS' as const,
  ResourceRecord: {
    Name: `_${id}.${name.replace(/^\*\./, '')}.`,
    Type: 'CNAME' as const,
    Value: `_v${id}.acm-validations.aws.`,
  },
});
const detail = (
  status: string,
  extra: Partial<CertificateDetail> = {},
): { Certificate: CertificateDetail } => ({
  Certificate: {
    CertificateArn: ARN,
    DomainName: 'app1.example.com',
    SubjectAlternativeNames: ['app1.example.com', '*.app1.example.com', 'api.app1.example.com'],
    Status: status as CertificateDetail['Status'],
    DomainValidationOptions: [
      record('app1.example.com', 'a1'),
      record('*.app1.example.com', 'a1'),
      record('api.app1.example.com', 'b2'),
    ],
    ...extra,
  },
});
const regionsSeen: (string | undefined)[] = [];

beforeEach(() => {
  acm.reset();
  regionsSeen.length = 0;
  acm.on(RequestCertificateCommand).resolves({ CertificateArn: ARN });
  acm.on(DescribeCertificateCommand).resolves(detail('PENDING_VALIDATION'));
});

function provider(options: CrossAccountCertificateOptions = {}) {
  const handler = lambdaHandler(
    createCrossAccountCertificateRouter({
      acm: (region) => {
        regionsSeen.push(region);
        return new ACMClient({ region: region ?? 'us-east-1' });
      },
      completion: { initialDelayMs: 1, maxDelayMs: 5 },
      ...options,
    }),
    { allowedResponseOrigins: [capture.origin], retry: { attempts: 1 }, logger: quiet },
  );
  return async (event: { ResponseURL: string }): Promise<ResponseBody> => {
    await handler(event);
    const response = capture.responseFor(event.ResponseURL);
    if (!response) throw new Error('no response');
    return response.body;
  };
}

const common = (resourceType: string = CERTIFICATE_RESOURCE_TYPES.certificate) => ({
  resourceType,
  stackId: STACK_ID,
  logicalResourceId: 'Certificate',
  responseUrl: capture.responseUrl(),
});

describe('cross-account-certificate', () => {
  it('requests a DNS-validated certificate and answers its ARN and one validation record per name once ACM has them', async () => {
    acm
      .on(DescribeCertificateCommand)
      .resolvesOnce(
        detail('PENDING_VALIDATION', { DomainValidationOptions: [{ DomainName: 'app1.example.com' }] }),
      )
      .resolves(detail('PENDING_VALIDATION'));

    const body = await provider()(createEvent({ ...common(), properties: PROPERTIES }));

    expect(body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: ARN,
      Data: {
        Arn: ARN,
        'ValidationRecords.0.Name': '_a1.app1.example.com',
        'ValidationRecords.0.Value': '_va1.acm-validations.aws.',
        'ValidationRecords.1.Name': '_b2.api.app1.example.com',
        'ValidationRecords.1.Type': 'CNAME',
      },
    });
    expect(Object.keys(body.Data ?? {}).filter((key) => key.endsWith('.Name'))).toHaveLength(2);
    expect(acm).toHaveReceivedCommandWith(RequestCertificateCommand, {
      DomainName: 'app1.example.com',
      SubjectAlternativeNames: ['*.app1.example.com', 'api.app1.example.com'],
      ValidationMethod: 'DNS',
      Tags: [{ Key: 'team', Value: 'web' }],
      IdempotencyToken: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(acm).toHaveReceivedCommandTimes(DescribeCertificateCommand, 2);
  });

  it('sends the same idempotency token for a duplicated Create, so ACM answers the same certificate', async () => {
    const event = createEvent({ ...common(), properties: PROPERTIES });
    const send = provider();

    await send(event);
    await send({ ...event, ResponseURL: capture.responseUrl() });

    const tokens = acm
      .commandCalls(RequestCertificateCommand)
      .map((call) => call.args[0].input.IdempotencyToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
  });

  it('answers FAILED naming the domain and status when ACM will not issue it, with the ARN as id so the rollback Delete removes it', async () => {
    acm.on(DescribeCertificateCommand).resolves(detail('FAILED', { FailureReason: 'CAA_ERROR' }));

    const body = await provider()(createEvent({ ...common(), properties: PROPERTIES }));

    expect(body.Status).toBe('FAILED');
    expect(body.PhysicalResourceId).toBe(ARN);
    expect(body.Reason).toContain('the certificate for app1.example.com is FAILED (CAA_ERROR)');
  });

  it('requests the certificate in the region given, and deletes it there from its id alone', async () => {
    acm.on(RequestCertificateCommand).resolves({ CertificateArn: EU_ARN });
    const send = provider();

    await send(createEvent({ ...common(), properties: { ...PROPERTIES, Region: 'eu-west-1' } }));
    regionsSeen.length = 0;
    const body = await send(deleteEvent({ ...common(), physicalResourceId: EU_ARN, properties: PROPERTIES }));

    expect(body.Status).toBe('SUCCESS');
    expect(regionsSeen).toEqual(['eu-west-1']);
    expect(acm).toHaveReceivedCommandWith(DeleteCertificateCommand, { CertificateArn: EU_ARN });
  });

  it('updates tags and transparency logging in place, keeping the id and the Data', async () => {
    const body = await provider()(
      updateEvent({
        ...common(),
        physicalResourceId: ARN,
        properties: {
          ...PROPERTIES,
          Tags: [
            { Key: 'team', Value: 'api' },
            { Key: 'cost', Value: '42' },
          ],
          CertificateTransparencyLoggingPreference: 'DISABLED',
        },
        oldProperties: {
          ...PROPERTIES,
          Tags: [
            { Key: 'team', Value: 'web' },
            { Key: 'old', Value: 'x' },
          ],
        },
      }),
    );

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN, Data: { Arn: ARN } });
    expect(acm).toHaveReceivedCommandWith(RemoveTagsFromCertificateCommand, {
      Tags: [{ Key: 'old', Value: 'x' }],
    });
    expect(acm).toHaveReceivedCommandWith(AddTagsToCertificateCommand, {
      Tags: [
        { Key: 'team', Value: 'api' },
        { Key: 'cost', Value: '42' },
      ],
    });
    expect(acm).toHaveReceivedCommandWith(UpdateCertificateOptionsCommand, {
      CertificateArn: ARN,
      Options: { CertificateTransparencyLoggingPreference: 'DISABLED' },
    });
    expect(acm).not.toHaveReceivedCommand(RequestCertificateCommand);
  });

  it('replaces the certificate when a subject alternative name changes', async () => {
    acm.on(RequestCertificateCommand).resolves({ CertificateArn: ARN_2 });

    const body = await provider()(
      updateEvent({
        ...common(),
        physicalResourceId: ARN,
        properties: { ...PROPERTIES, SubjectAlternativeNames: ['www.app1.example.com'] },
        oldProperties: PROPERTIES,
      }),
    );

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN_2 });
    expect(acm).toHaveReceivedCommandWith(RequestCertificateCommand, {
      SubjectAlternativeNames: ['www.app1.example.com'],
    });
  });

  it('waits while the certificate is in use, then deletes it; one already gone, or an id it never issued, is deleted too', async () => {
    acm
      .on(DeleteCertificateCommand)
      .rejectsOnce(awsError('ResourceInUseException', 'in use by a load balancer'))
      .resolvesOnce({})
      .rejects(awsError('ResourceNotFoundException'));
    const send = provider();

    const first = await send(deleteEvent({ ...common(), physicalResourceId: ARN, properties: PROPERTIES }));
    const again = await send(deleteEvent({ ...common(), physicalResourceId: ARN, properties: PROPERTIES }));
    const foreign = await send(
      deleteEvent({ ...common(), physicalResourceId: 'not-an-arn', properties: PROPERTIES }),
    );

    expect([first.Status, again.Status, foreign.Status]).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(acm).toHaveReceivedCommandTimes(DeleteCertificateCommand, 3);
  });
});

describe('cross-account-certificate validation', () => {
  const validate = () =>
    createEvent({ ...common(CERTIFICATE_RESOURCE_TYPES.validation), properties: { CertificateArn: ARN } });

  it('answers the ARN once ACM reports the certificate ISSUED', async () => {
    acm.on(DescribeCertificateCommand).resolvesOnce(detail('PENDING_VALIDATION')).resolves(detail('ISSUED'));

    const body = await provider()(validate());

    expect(body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `${ARN}/issued`,
      Data: { Arn: ARN },
    });
  });

  it('answers FAILED naming the domain and status when validation timed out in ACM', async () => {
    acm.on(DescribeCertificateCommand).resolves(detail('VALIDATION_TIMED_OUT'));

    const body = await provider()(validate());

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain('the certificate for app1.example.com is VALIDATION_TIMED_OUT');
  });

  it('gives up before crkit times out, naming the domain and the status it is still in', async () => {
    const body = await provider({ completion: { timeoutSeconds: 1, initialDelayMs: 1, maxDelayMs: 20 } })(
      validate(),
    );

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toMatch(
      /the certificate for app1\.example\.com is still PENDING_VALIDATION after \d s/,
    );
  });
});
