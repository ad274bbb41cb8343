import { CfnParameter, Duration, Fn, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { CrkitProvider } from '../../src/cdk/crkit-provider.js';
import { CrkitResource } from '../../src/cdk/crkit-resource.js';
import { ValidationError } from '../../src/errors.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { testStack, WIDGET_ENTRY } from './fixtures/stacks.js';
import { Widget } from './fixtures/widget-provider.js';

function widgetStack() {
  const stack = testStack();
  const provider = CrkitProvider.getOrCreate(stack, {
    providerId: 'acme.widget',
    entry: WIDGET_ENTRY,
    statements: [new PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['*'] })],
  });
  return { stack, provider };
}

function synthError(properties: Record<string, unknown>): unknown {
  const { stack, provider } = widgetStack();
  try {
    // biome-ignore lint/suspicious/noExplicitAny: these tests pass what a JavaScript caller (or a cast) could.
    new CrkitResource(stack, 'Widget', { definition: Widget, provider, properties: properties as any });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('CrkitResource', () => {
  it('passes the properties with their keys as written, and a ServiceTimeout of 300 s', () => {
    const { stack, provider } = widgetStack();

    new CrkitResource(stack, 'Widget', {
      definition: Widget,
      provider,
      properties: { Name: 'w-1', Ttl: 300, Tags: ['a', 'b'], Settings: { Color: 'red' } },
    });

    Template.fromStack(stack).hasResourceProperties('Custom::Widget', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('Function'), 'Arn'] },
      ServiceTimeout: '300',
      Name: 'w-1',
      Ttl: 300,
      Tags: ['a', 'b'],
      Settings: { Color: 'red' },
    });
  });

  it('DependsOn the provider function, its role and the role default policy', () => {
    const { stack, provider } = widgetStack();

    new CrkitResource(stack, 'Widget', {
      definition: Widget,
      provider,
      properties: { Name: 'w-1', Ttl: 60 },
    });

    const template = Template.fromStack(stack);
    const id = (type: string) => Object.keys(template.findResources(type))[0];
    const [resource] = Object.values(template.findResources('Custom::Widget'));
    expect(resource?.DependsOn).toEqual(
      expect.arrayContaining([id('AWS::Lambda::Function'), id('AWS::IAM::Role'), id('AWS::IAM::Policy')]),
    );
  });

  it('sets the ServiceTimeout it is given', () => {
    const { stack, provider } = widgetStack();

    new CrkitResource(stack, 'Widget', {
      definition: Widget,
      provider,
      properties: { Name: 'w-1', Ttl: 60 },
      serviceTimeout: Duration.minutes(10),
    });

    Template.fromStack(stack).hasResourceProperties('Custom::Widget', { ServiceTimeout: '600' });
  });

  it.each([Duration.seconds(0), Duration.seconds(3601), Duration.millis(1500)])(
    'refuses a ServiceTimeout CloudFormation would refuse (%s)',
    (serviceTimeout) => {
      const { stack, provider } = widgetStack();

      expect(
        () =>
          new CrkitResource(stack, 'Widget', {
            definition: Widget,
            provider,
            properties: { Name: 'w-1', Ttl: 60 },
            serviceTimeout,
          }),
      ).toThrow(/^serviceTimeout: expected whole seconds from 1 to 3600 \(CloudFormation's limit\), got /);
    },
  );

  it('fails synth with the message the provider would answer for a bad property, naming the construct', () => {
    const error = synthError({ Name: 'w-1', Ttl: 'abc' });

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      'Test/Widget (Custom::Widget): ResourceProperties.Ttl: expected an integer, got "abc"',
    );
    expect((error as ValidationError).resourceType).toBe('Custom::Widget');
  });

  it('validates what CloudFormation sends: a number where the schema wants z.number() arrives as a string', () => {
    const error = synthError({ Name: 'w-1', Ttl: 60, Weight: 2 });

    expect((error as Error).message).toMatch(
      /^Test\/Widget \(Custom::Widget\): ResourceProperties\.Weight: expected a number, got "2" \(CloudFormation/,
    );
  });

  it('lists every bad property and never shows a sensitive value', () => {
    const error = synthError({ Name: 'w', Ttl: 5, Secret: 'short' });

    expect((error as Error).message).toBe(
      'Test/Widget (Custom::Widget): ResourceProperties.Name: expected at least 3 characters, got "w"; ' +
        'ResourceProperties.Ttl: expected a number >= 60, got 5; ' +
        'ResourceProperties.Secret: expected at least 8 characters, got a value not shown (sensitive)',
    );
  });

  it('leaves the content of deploy-time values to the provider where a string is accepted', () => {
    const { stack, provider } = widgetStack();
    const parameter = Fn.importValue('SomeExport');

    new CrkitResource(stack, 'Widget', {
      definition: Widget,
      provider,
      properties: {
        Name: parameter,
        Ttl: parameter,
        Email: parameter,
        Mode: new CfnParameter(stack, 'Mode').valueAsString as 'fast',
        Tags: Fn.split(',', parameter),
      },
    });

    Template.fromStack(stack).hasResourceProperties('Custom::Widget', {
      Name: { 'Fn::ImportValue': 'SomeExport' },
      Tags: { 'Fn::Split': [',', { 'Fn::ImportValue': 'SomeExport' }] },
    });
  });

  it('fails synth when a deploy-time value goes where the schema refuses any string', () => {
    const error = synthError({ Name: 'w-1', Ttl: 60, Weight: Token.asNumber(Fn.importValue('W')) });

    expect((error as Error).message).toMatch(
      /^Test\/Widget \(Custom::Widget\): ResourceProperties\.Weight: expected a number, got a value known only at deploy time \(a CDK token\) \(CloudFormation sends/,
    );
    expect((synthError({ Name: 'w-1', Ttl: 60, Settings: Fn.importValue('S') }) as Error).message).toMatch(
      /^Test\/Widget \(Custom::Widget\): ResourceProperties\.Settings: expected an object, got a value known only at deploy time \(a CDK token\)/,
    );
  });

  it('gives typed attributes as Fn::GetAtt of the names crkit flattens Data into', () => {
    const { stack, provider } = widgetStack();
    const widget = new CrkitResource(stack, 'Widget', {
      definition: Widget,
      provider,
      properties: { Name: 'w-1', Ttl: 60 },
    });

    expect(stack.resolve(widget.getAttString('Zone.Name'))).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(widget.resource.node.defaultChild as never), 'Zone.Name'],
    });
    expect(stack.resolve(widget.ref)).toEqual({ Ref: expect.stringMatching(/^Widget/) });
  });

  it('writes AWS::CloudFormation::CustomResource for a definition of that generic type, with an integer ServiceTimeout and no warning', () => {
    const { stack, provider } = widgetStack();
    const Generic = defineResource({
      resourceType: 'AWS::CloudFormation::CustomResource',
      properties: z.object({}),
      create: () => {},
      delete: () => {},
    });

    new CrkitResource(stack, 'Generic', { definition: Generic, provider, properties: {} });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudFormation::CustomResource', 1);
    // CDK's own check of this type wants an integer, and warns on every synth about the string it writes itself.
    template.hasResourceProperties('AWS::CloudFormation::CustomResource', { ServiceTimeout: 300 });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  it('accepts a provider in another account given only by its service token', () => {
    const { stack } = widgetStack();

    new CrkitResource(stack, 'Widget', {
      definition: Widget,
      provider: { serviceToken: 'arn:aws:sns:us-east-1:222222222222:crkit-widget' },
      properties: { Name: 'w-1', Ttl: 60 },
    });

    const [resource] = Object.values(Template.fromStack(stack).findResources('Custom::Widget'));
    expect(resource).toMatchObject({
      Properties: { ServiceToken: 'arn:aws:sns:us-east-1:222222222222:crkit-widget' },
    });
    expect(resource?.DependsOn).toBeUndefined();
  });
});
