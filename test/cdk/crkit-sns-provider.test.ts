import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CrkitResource } from '../../src/cdk/crkit-resource.js';
import { CrkitSnsProvider, type CrkitSnsProviderProps } from '../../src/cdk/crkit-sns-provider.js';
import { testStack, WIDGET_ENTRY } from './fixtures/stacks.js';
import { Widget } from './fixtures/widget-provider.js';
import { wildcardActions } from './iam.js';

function synth(props: Partial<CrkitSnsProviderProps> = {}) {
  const stack = testStack();
  const provider = new CrkitSnsProvider(stack, 'Provider', {
    entry: WIDGET_ENTRY,
    allowedAccounts: ['111111111111'],
    ...props,
  });
  return { stack, provider, template: () => Template.fromStack(stack) };
}

describe('CrkitSnsProvider', () => {
  it('wires topic -> queue (with a dead-letter queue) -> function, reporting batch item failures', () => {
    const template = synth().template();

    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', RawMessageDelivery: true });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Requests'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.queueHandler',
      Runtime: 'nodejs22.x',
    });
  });

  it('may send to its own queue, to re-queue a long-running operation', () => {
    const template = synth().template();

    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['sqs:SendMessage', 'sqs:GetQueueUrl']),
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('Requests'), 'Arn'] },
          }),
        ]),
      },
    });
  });

  it('gives the queue a visibility timeout of six times the function timeout', () => {
    const template = synth({ timeout: Duration.seconds(90) }).template();

    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 90 });
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 540,
      RedrivePolicy: Match.anyValue(),
    });
  });

  it('refuses a visibility timeout under six times the function timeout', () => {
    expect(() => synth({ timeout: Duration.minutes(1), visibilityTimeout: Duration.minutes(5) })).toThrow(
      "visibilityTimeout: expected at least six times the function's timeout (360 s), got 300 s",
    );
  });

  it('lets only the listed accounts publish', () => {
    const template = synth({ allowedAccounts: ['111111111111', '333333333333'] }).template();

    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sns:Publish',
            Effect: 'Allow',
            Principal: {
              AWS: [
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] },
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::333333333333:root']] },
              ],
            },
          }),
        ],
      },
    });
  });

  it('lets principals of the organization publish, by an aws:PrincipalOrgID condition', () => {
    const template = synth({ allowedAccounts: [], allowedOrganizations: ['o-abcdef1234'] }).template();

    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Sid: 'CrkitAllowedOrganizationsPublish',
            Action: 'sns:Publish',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Resource: { Ref: Match.stringLikeRegexp('Topic') },
            Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-abcdef1234'] } },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CRKIT_ALLOWED_ORGANIZATIONS: 'o-abcdef1234' }) },
    });
  });

  it.each([
    [{ allowedAccounts: [] }, /^allowedAccounts: expected at least one account id/],
    [
      { allowedAccounts: ['111111111111', '1234'] },
      /^allowedAccounts\[1\]: expected an account id of 12 digits, like "111111111111", got "1234"$/,
    ],
    [
      { allowedOrganizations: ['org-1'] },
      /^allowedOrganizations\[0\]: expected an organization id like "o-exampleorgid"/,
    ],
    [{ batchSize: 11 }, /^batchSize: expected an integer from 1 to 10, got 11/],
  ])('refuses an invalid allowlist or batch option (%o)', (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  it('keeps idempotency records in a pay-per-request table with a TTL, named to the function', () => {
    const template = synth({ idempotencyTable: true }).template();

    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          CRKIT_IDEMPOTENCY_TABLE: { Ref: Match.stringLikeRegexp('Idempotency') },
          CRKIT_ALLOWED_ACCOUNTS: '111111111111',
        }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
            Resource: Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('Idempotency'), 'Arn'] }]),
          }),
        ]),
      },
    });
    expect(wildcardActions(template)).toEqual([]);
  });

  it('names the topic when asked, so that other accounts can build its ARN', () => {
    const template = synth({ topicName: 'crkit-dns-records' }).template();

    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'crkit-dns-records' });
    expect(() => synth({ topicName: 'no spaces' })).toThrow(/^topicName: expected 1 to 256 letters/);
  });

  it('makes no table unless asked', () => {
    synth().template().resourceCountIs('AWS::DynamoDB::Table', 0);
  });

  it('serves resources by its topic, which DependsOn the whole delivery path', () => {
    const { stack, provider, template } = synth();

    new CrkitResource(stack, 'Widget', {
      definition: Widget,
      provider,
      properties: { Name: 'w-1', Ttl: 60 },
    });

    const synthesised = template();
    const [resource] = Object.values(synthesised.findResources('Custom::Widget'));
    expect(resource?.Properties).toMatchObject({ ServiceToken: { Ref: expect.stringMatching(/Topic/) } });
    const ids = (type: string) => Object.keys(synthesised.findResources(type));
    expect(resource?.DependsOn).toEqual(
      expect.arrayContaining([
        ...ids('AWS::Lambda::Function'),
        ...ids('AWS::IAM::Role'),
        ...ids('AWS::IAM::Policy'),
        ...ids('AWS::SNS::Subscription'),
        ...ids('AWS::Lambda::EventSourceMapping'),
        ...ids('AWS::SQS::Queue'),
      ]),
    );
  });
});
