import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AzIdMapping } from '../../providers/az-id-mapping/cdk/az-id-mapping.js';
import { testStack } from './fixtures/stacks.js';
import { wildcardActions } from './iam.js';

describe('AzIdMapping', () => {
  it('asks the provider for the zone ids in the order given', () => {
    const stack = testStack();

    new AzIdMapping(stack, 'Zones', { zoneIds: ['use1-az4', 'use1-az1'] });

    Template.fromStack(stack).hasResourceProperties('Custom::AzIdMapping', {
      ZoneIds: ['use1-az4', 'use1-az1'],
    });
  });

  it('gives each zone name as Fn::Select over Fn::Split of the ordered ZoneNames attribute', () => {
    const stack = testStack();

    const zones = new AzIdMapping(stack, 'Zones', { zoneIds: ['use1-az4', 'use1-az1'] });

    expect(zones.zoneNames.map((name) => stack.resolve(name))).toEqual([
      { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::GetAtt': ['Zones', 'ZoneNames'] }] }] },
      { 'Fn::Select': [1, { 'Fn::Split': [',', { 'Fn::GetAtt': ['Zones', 'ZoneNames'] }] }] },
    ]);
  });

  it('gives the name of one zone id, and the id of one name, as Fn::GetAtt', () => {
    const stack = testStack();

    const zones = new AzIdMapping(stack, 'Zones');

    expect(stack.resolve(zones.zoneName('use1-az1'))).toEqual({ 'Fn::GetAtt': ['Zones', 'use1-az1'] });
    expect(stack.resolve(zones.zoneId('us-east-1a'))).toEqual({ 'Fn::GetAtt': ['Zones', 'us-east-1a'] });
  });

  it('lets the provider describe availability zones and nothing else, with one function per stack', () => {
    const stack = testStack();

    new AzIdMapping(stack, 'Zones');
    new AzIdMapping(stack, 'MoreZones', { zoneIds: ['use1-az2'] });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: 'ec2:DescribeAvailabilityZones', Effect: 'Allow', Resource: '*' }),
          Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow' }),
        ],
      },
    });
    expect(wildcardActions(template)).toEqual([]);
  });
});
