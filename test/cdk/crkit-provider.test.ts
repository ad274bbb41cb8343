import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { CrkitProvider } from '../../src/cdk/crkit-provider.js';
import { CrkitResource } from '../../src/cdk/crkit-resource.js';
import { ConfigurationError } from '../../src/errors.js';
import { testStack, WIDGET_ENTRY } from './fixtures/stacks.js';
import { Widget } from './fixtures/widget-provider.js';
import { wildcardActions } from './iam.js';

const describeParameters = new PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['*'] });

describe('CrkitProvider', () => {
  it('makes one function per stack however many resources use it', () => {
    const stack = testStack();
    for (const name of ['One', 'Two', 'Three']) {
      const provider = CrkitProvider.getOrCreate(stack, { providerId: 'acme.widget', entry: WIDGET_ENTRY });
      new CrkitResource(stack, name, { definition: Widget, provider, properties: { Name: name, Ttl: 60 } });
    }

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('Custom::Widget', 3);
    template.resourceCountIs('AWS::IAM::Role', 1);
  });

  it('may invoke itself and nothing else, to hand a long-running operation over', () => {
    const stack = testStack();
    CrkitProvider.getOrCreate(stack, { providerId: 'acme.widget', entry: WIDGET_ENTRY });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'lambda:InvokeFunction',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('Function'), 'Arn'] },
          },
        ],
      },
    });
  });

  it('runs the bundled handler on Node.js 22 with a timeout and a log group that keeps logs a month', () => {
    const stack = testStack();
    CrkitProvider.getOrCreate(stack, { providerId: 'acme.widget', entry: WIDGET_ENTRY });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 300,
      Architectures: ['arm64'],
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('Logs') } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.resourceCountIs('Custom::LogRetention', 0);
  });

  it('gives the role only the listed actions and log writing, with no wildcard action', () => {
    const stack = testStack();
    CrkitProvider.getOrCreate(stack, {
      providerId: 'acme.widget',
      entry: WIDGET_ENTRY,
      statements: [describeParameters],
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'ssm:GetParameter', Resource: '*' }),
          Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    expect(wildcardActions(template)).toEqual([]);
  });

  it('adds the statements of later calls to the shared role', () => {
    const stack = testStack();
    CrkitProvider.getOrCreate(stack, { providerId: 'acme.widget', entry: WIDGET_ENTRY });
    const again = CrkitProvider.getOrCreate(stack, {
      providerId: 'acme.widget',
      entry: WIDGET_ENTRY,
      statements: [describeParameters],
    });

    expect(again.node.path).toBe('Test/CrkitProvider-acme.widget');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ssm:GetParameter' })]) },
    });
  });

  it('refuses a wildcard action, naming it', () => {
    const stack = testStack();
    const wide = new PolicyStatement({ actions: ['s3:*'], resources: ['*'] });

    expect(() =>
      CrkitProvider.getOrCreate(stack, {
        providerId: 'acme.widget',
        entry: WIDGET_ENTRY,
        statements: [wide],
      }),
    ).toThrow(
      new ConfigurationError(
        'statements',
        'action "s3:*" is a wildcard; list each action the provider needs instead',
      ),
    );
  });

  it('refuses a NotAction statement', () => {
    const stack = testStack();
    const provider = CrkitProvider.getOrCreate(stack, { providerId: 'acme.widget', entry: WIDGET_ENTRY });

    expect(() =>
      provider.addToRolePolicy(new PolicyStatement({ notActions: ['iam:CreateUser'], resources: ['*'] })),
    ).toThrow(/NotAction/);
  });

  it('refuses the same provider id for another entry in one stack', () => {
    const stack = testStack();
    CrkitProvider.getOrCreate(stack, { providerId: 'acme.widget', entry: WIDGET_ENTRY });

    expect(() => CrkitProvider.getOrCreate(stack, { providerId: 'acme.widget', entry: 'other.ts' })).toThrow(
      /acme\.widget already serves .*widget-provider\.ts in this stack/,
    );
  });

  it.each([
    ['runtime', { runtime: Runtime.NODEJS_20_X }, /runtime: expected Node.js 22 or newer, got nodejs20.x/],
    ['timeout', { timeout: Duration.minutes(16) }, /timeout: expected 1 second to 15 minutes, got 960 s/],
    ['memorySize', { memorySize: 64 }, /memorySize: expected an integer from 128 to 10240 MB, got 64/],
    ['handler', { handler: 'index.handler' }, /handler: expected the name of an export/],
    ['providerId', { providerId: 'acme/widget' }, /providerId: expected 1 to 64 letters/],
  ])('refuses an invalid %s, naming the option', (_option, override, message) => {
    const stack = testStack();

    expect(() =>
      CrkitProvider.getOrCreate(stack, { providerId: 'acme.widget', entry: WIDGET_ENTRY, ...override }),
    ).toThrow(message);
  });
});
