import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { EC2Client } from '@aws-sdk/client-ec2';
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createAzIdMappingDefinition } from '../../providers/az-id-mapping/index.js';
import { createCognitoTestUserDefinition } from '../../providers/cognito-test-user/index.js';
import {
  CERTIFICATE_RESOURCE_TYPES,
  createCrossAccountCertificateRouter,
} from '../../providers/cross-account-certificate/index.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { checkContract } from '../../src/testing/contract.js';
import type { LocalAws } from '../../src/testing/local-aws.js';
import { createS3ResponseBucket, type S3ResponseBucket } from '../../src/testing/s3-responses.js';
import { topicDelivery } from '../../src/testing/topic-delivery.js';
import { emulatorAccount } from './emulator/emulator.js';

let aws: LocalAws;
let responses: S3ResponseBucket;

beforeAll(async () => {
  aws = await emulatorAccount();
  responses = await createS3ResponseBucket(aws);
});
afterAll(() => aws?.stop());

describe('the ready-made providers keep the contract against the emulator', () => {
  it('cognito-test-user, answering to real pre-signed S3 URLs, and leaves no user behind', async () => {
    const cognito = new CognitoIdentityProviderClient(aws.clientConfig);
    const secretsManager = new SecretsManagerClient(aws.clientConfig);
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'crkit-contract' }));
    const UserPoolId = UserPool?.Id ?? '';
    await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'testers' }));
    const user = {
      UserPoolId,
      Username: 'contract-user',
      Attributes: { email: 'c@example.com' },
      Groups: ['testers'],
    };

    const report = await checkContract(
      createCognitoTestUserDefinition({ clients: { cognito, secretsManager } }),
      {
        responses,
        properties: user,
        update: { ...user, Attributes: { email: 'd@example.com' } },
        replacement: { ...user, Username: 'contract-user-2' },
        invalidProperties: { ...user, Groups: ['no-such-group'] },
      },
    );

    expect(report.violations).toEqual([]);
    expect(report.checks.filter((check) => check.skipped)).toEqual([]);
    const { Users = [] } = await cognito.send(new ListUsersCommand({ UserPoolId }));
    expect(Users).toEqual([]);
  });

  it('az-id-mapping, which reads only and so updates in place', async () => {
    const ec2 = new EC2Client(aws.clientConfig);

    const report = await checkContract(createAzIdMappingDefinition({ clients: { ec2 } }), {
      properties: {},
      update: { ZoneIds: ['use1-az1'] },
      invalidProperties: { ZoneIds: ['use1-az99'] },
    });

    expect(report.violations).toEqual([]);
    expect(report.checks.map((check) => check.skipped).filter(Boolean)).toEqual([
      'no replacement properties given',
    ]);
  });
});

describe('the certificate provider keeps the contract against the emulator', () => {
  it('cross-account-certificate: a duplicated request gets the same certificate, and none is left behind', async () => {
    const acm = new ACMClient(aws.clientConfig);
    const names = { DomainName: 'contract.example.com', SubjectAlternativeNames: ['*.contract.example.com'] };

    const report = await checkContract(
      createCrossAccountCertificateRouter({
        acm: () => acm,
        completion: { initialDelayMs: 20, maxDelayMs: 100 },
      }),
      {
        resourceType: CERTIFICATE_RESOURCE_TYPES.certificate,
        properties: names,
        update: { ...names, Tags: [{ Key: 'team', Value: 'web' }] },
        replacement: { ...names, SubjectAlternativeNames: ['www.contract.example.com'] },
        invalidProperties: { ...names, KeyAlgorithm: 'RSA_1' },
      },
    );

    expect(report.violations).toEqual([]);
    const { CertificateSummaryList = [] } = await acm.send(new ListCertificatesCommand({}));
    expect(CertificateSummaryList).toEqual([]);
  });
});

describe('a small provider of S3 objects, defined here', () => {
  const s3 = () => new S3Client(aws.clientConfig);
  const Properties = z.object({ Bucket: z.string().min(3), Key: z.string().min(1), Body: z.string() });
  const S3Object = defineResource({
    resourceType: 'Custom::S3Object',
    properties: Properties,
    replaceOn: ['Bucket', 'Key'],
    create: async ({ properties: { Bucket, Key, Body } }) => {
      await s3().send(new PutObjectCommand({ Bucket, Key, Body }));
      return { physicalResourceId: `s3://${Bucket}/${Key}` };
    },
    update: async ({ properties: { Bucket, Key, Body } }) => {
      await s3().send(new PutObjectCommand({ Bucket, Key, Body }));
    },
    physicalResourceId: z.string().regex(/^s3:\/\/[^/]+\/.+$/),
    delete: async ({ physicalResourceId }) => {
      const [, Bucket, Key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(physicalResourceId) ?? [];
      await s3().send(new DeleteObjectCommand({ Bucket, Key }));
    },
  });

  it('keeps the contract behind a real SNS topic and SQS queue, where a duplicate is answered once', async () => {
    const sns = new SNSClient(aws.clientConfig);
    const sqs = new SQSClient(aws.clientConfig);
    const { TopicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'crkit-contract' }));
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'crkit-contract' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes?.QueueArn ?? '' }));
    const object = { Bucket: responses.bucket, Key: 'queued/a.txt', Body: 'one' };

    const report = await checkContract(S3Object, {
      via: 'sqs',
      delivery: topicDelivery({ topicArn: TopicArn, queueUrl: QueueUrl, publisher: aws.clientConfig }),
      properties: object,
      update: { ...object, Body: 'two' },
      invalidProperties: { ...object, Key: '' },
    });

    expect(report.violations).toEqual([]);
    expect(report.entries.slice(0, 2).map((entry) => [entry.deliveries, entry.responses])).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('keeps the contract, and leaves no object behind', async () => {
    const Bucket = responses.bucket;
    const object = { Bucket, Key: 'contract/a.txt', Body: 'one' };

    const report = await checkContract(S3Object, {
      properties: object,
      update: { ...object, Body: 'two' },
      replacement: { ...object, Key: 'contract/b.txt' },
      invalidProperties: { ...object, Bucket: 'no-such-bucket-for-crkit' },
    });

    expect(report.violations).toEqual([]);
    const left = await s3().send(new ListObjectsV2Command({ Bucket, Prefix: 'contract/' }));
    expect(left.KeyCount ?? 0).toBe(0);
  });
});

describe('a naive provider of secrets, defined here', () => {
  it('is caught twice: a second delivery of its Create fails, and so does a second Delete', async () => {
    const secrets = new SecretsManagerClient(aws.clientConfig);
    const Secret = defineResource({
      resourceType: 'Custom::Secret',
      properties: z.object({ Name: z.string().min(1) }),
      create: async ({ properties }) => {
        const { ARN } = await secrets.send(
          new CreateSecretCommand({ Name: properties.Name, SecretString: 'x' }),
        );
        return { physicalResourceId: ARN ?? '' };
      },
      delete: async ({ physicalResourceId }) => {
        await secrets.send(
          new DeleteSecretCommand({ SecretId: physicalResourceId, RecoveryWindowInDays: 7 }),
        );
      },
    });

    const report = await checkContract(Secret, { properties: { Name: 'crkit-contract-secret' } });

    expect(report.violations).toEqual([
      expect.stringMatching(
        /^a duplicated create gives the same id: create: expected SUCCESS, got FAILED: create failed: ResourceExistsException: /,
      ),
      expect.stringMatching(
        /^delete is idempotent \(delete twice, SUCCESS both times\): delete: expected SUCCESS, got FAILED: delete failed: InvalidRequestException: /,
      ),
      expect.stringMatching(
        /^a Delete of an id CloudFormation made up succeeds .*: delete: expected SUCCESS, got FAILED: delete failed: ResourceNotFoundException: /,
      ),
      expect.stringMatching(
        /^every response is one CloudFormation accepts .*: create: the responses to one request delivered twice disagree \(SUCCESS arn:aws:secretsmanager:\S+; FAILED crkit:create-failed:\S+\)$/,
      ),
    ]);
  });
});
