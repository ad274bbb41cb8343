import { App, Fn, Stack, Token } from 'aws-cdk-lib';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AttributeName,
  CognitoTestUser,
  CrkitProvider,
  CrkitResource,
  type CrkitResourceProps,
  CrossAccountDnsRecord,
  type ICrkitProvider,
} from '../../cdk/index.js';
import type { AzIdMappingData } from '../../providers/az-id-mapping/zone-map.js';
import type { CognitoTestUserData } from '../../providers/cognito-test-user/properties.js';
import { Widget } from './fixtures/widget-provider.js';

const stack = new Stack(new App(), 'Types');
const provider: ICrkitProvider = { serviceToken: 'arn:aws:sns:us-east-1:222222222222:crkit' };

describe('CrkitResource', () => {
  it("types properties by the definition's schema input, CDK tokens included where a string is", () => {
    new CrkitResource(stack, 'Ok', {
      definition: Widget,
      provider,
      properties: {
        Name: Fn.importValue('Name'),
        Ttl: '300',
        Tags: ['a'],
        Weight: Token.asNumber(Fn.ref('W')),
      },
    });
    new CrkitResource(stack, 'Native', { definition: Widget, provider, properties: { Name: 'w', Ttl: 300 } });

    expectTypeOf<CrkitResourceProps<typeof Widget.properties, never>['properties']>().toHaveProperty('Ttl');
  });

  it('refuses properties of the wrong type, unknown properties and missing required ones', () => {
    new CrkitResource(stack, 'BadTtl', {
      definition: Widget,
      provider,
      // @ts-expect-error Ttl is an integer or its text, not a boolean
      properties: { Name: 'w', Ttl: true },
    });
    // @ts-expect-error Name is a string
    new CrkitResource(stack, 'BadName', { definition: Widget, provider, properties: { Name: 3, Ttl: 1 } });
    new CrkitResource(stack, 'Unknown', {
      definition: Widget,
      provider,
      // @ts-expect-error Nmae is not a property of Custom::Widget
      properties: { Nmae: 'w', Name: 'w', Ttl: 1 },
    });
    // @ts-expect-error Ttl is required
    new CrkitResource(stack, 'Missing', { definition: Widget, provider, properties: { Name: 'w' } });
    new CrkitResource(stack, 'BadSettings', {
      definition: Widget,
      provider,
      // @ts-expect-error Settings is an object, not a list
      properties: { Name: 'w', Ttl: 1, Settings: [] },
    });
  });

  it('types attribute names by the Data the handlers return, flattened as crkit does', () => {
    const widget = new CrkitResource(stack, 'Widget', {
      definition: Widget,
      provider,
      properties: { Name: 'w', Ttl: 1 },
    });

    expectTypeOf(widget.getAttString('Area')).toBeString();
    widget.getAttString('Zone.Name');
    widget.getAttString('Ids.0');
    // @ts-expect-error Widget returns no attribute Nope
    widget.getAttString('Nope');
    // @ts-expect-error Zone is flattened into Zone.Name; there is no attribute Zone
    widget.getAttString('Zone');
  });

  it('allows any attribute name where Data has an index signature, suggesting the declared ones', () => {
    expectTypeOf<'use1-az1'>().toExtend<AttributeName<AzIdMappingData>>();
    expectTypeOf<'ZoneNames'>().toExtend<AttributeName<AzIdMappingData>>();
    expectTypeOf<'SecretArn'>().toExtend<AttributeName<CognitoTestUserData>>();
    expectTypeOf<AttributeName<{ A: string; B: { C: number[] } }>>().toEqualTypeOf<'A' | `B.C.${number}`>();
  });
});

describe('CrkitProvider', () => {
  it('is made through getOrCreate only, which keeps one function per stack', () => {
    expectTypeOf(CrkitProvider.getOrCreate).returns.toEqualTypeOf<CrkitProvider>();
    expectTypeOf<CrkitProvider>().toExtend<ICrkitProvider>();
    // @ts-expect-error the constructor is protected: use CrkitProvider.getOrCreate
    new CrkitProvider(stack, 'Direct', { providerId: 'acme.widget', entry: 'widget.ts' });
  });
});

describe('CognitoTestUser', () => {
  it('types its props', () => {
    // @ts-expect-error userPool is an IUserPool, not its id
    new CognitoTestUser(stack, 'User', { userPool: 'us-east-1_abc', username: 'u' });
    expectTypeOf<CognitoTestUser['secretArn']>().toBeString();
  });
});

describe('CrossAccountDnsRecord', () => {
  it('types its record', () => {
    const record = { provider, hostedZoneName: 'example.com', recordName: 'a.example.com', recordType: 'A' };
    // @ts-expect-error values is a list of strings
    new CrossAccountDnsRecord(stack, 'Record', { ...record, values: '192.0.2.1' });
    expectTypeOf<CrossAccountDnsRecord['resource']['getAttString']>().parameter(0).toExtend<string>();
  });
});
