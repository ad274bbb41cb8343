import {
  DescribeAvailabilityZonesCommand,
  EC2Client,
  type AvailabilityZone as Ec2Zone,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAzIdMappingDefinition, handler } from '../../../providers/az-id-mapping/index.js';
import { CFN_LIMITS } from '../../../src/constants.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { createEvent, deleteEvent, updateEvent } from '../../../src/testing/events.js';
import { type ResponseCapture, startResponseCapture } from '../../../src/testing/response-capture.js';

expect.extend(allCustomMatcher);

const RESOURCE_TYPE = 'Custom::AzIdMapping';
const zone = (ZoneName: string, ZoneId: string, ZoneType = 'availability-zone'): Ec2Zone => ({
  ZoneName,
  ZoneId,
  ZoneType,
  RegionName: 'us-east-1',
});
const US_EAST_1 = [
  zone('us-east-1b', 'use1-az1'),
  zone('us-east-1a', 'use1-az6'),
  zone('us-east-1c', 'use1-az2'),
  zone('us-east-1-bos-1a', 'use1-bos1-az1', 'local-zone'),
  zone('us-east-1-wl1-bos-wlz-1', 'use1-wl1-bos-wlz1', 'wavelength-zone'),
];

const ec2 = mockClient(EC2Client);
let capture: ResponseCapture;
let send: (event: {
  ResponseURL: string;
}) => Promise<import('../../../src/core/fit-response.js').ResponseBody>;

beforeAll(async () => {
  capture = await startResponseCapture();
  const definition = createAzIdMappingDefinition({
    clients: { ec2: new EC2Client({ region: 'us-east-1' }) },
  });
  const handle = lambdaHandler(definition, {
    allowedResponseOrigins: [capture.origin],
    retry: { attempts: 1 },
  });
  send = async (event) => {
    await handle(event);
    const response = capture.responseFor(event.ResponseURL);
    if (!response) throw new Error('the provider sent no response');
    return response.body;
  };
});
afterAll(() => capture.close());
beforeEach(() => {
  ec2.reset();
  ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: US_EAST_1 });
});

const create = (properties: Record<string, unknown> = {}) =>
  createEvent({ resourceType: RESOURCE_TYPE, responseUrl: capture.responseUrl(), properties });

describe('az-id-mapping', () => {
  it('maps every zone id to its name and back, and lists all zones by name', async () => {
    const body = await send(create());

    expect(body.Status).toBe('SUCCESS');
    expect(body.Data).toEqual({
      'use1-az6': 'us-east-1a',
      'us-east-1a': 'use1-az6',
      'use1-az1': 'us-east-1b',
      'us-east-1b': 'use1-az1',
      'use1-az2': 'us-east-1c',
      'us-east-1c': 'use1-az2',
      ZoneNames: 'us-east-1a,us-east-1b,us-east-1c',
      ZoneIds: 'use1-az6,use1-az1,use1-az2',
    });
    expect(ec2).toHaveReceivedCommandWith(DescribeAvailabilityZonesCommand, {
      Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }],
    });
  });

  it('lists the requested zones in the requested order', async () => {
    const body = await send(create({ ZoneIds: ['use1-az2', 'use1-az6'] }));

    expect(body.Status).toBe('SUCCESS');
    expect(body.Data).toMatchObject({ ZoneNames: 'us-east-1c,us-east-1a', ZoneIds: 'use1-az2,use1-az6' });
  });

  it('accepts the requested zones as comma-separated text', async () => {
    const body = await send(create({ ZoneIds: 'use1-az1, use1-az2' }));

    expect(body.Data).toMatchObject({ ZoneNames: 'us-east-1b,us-east-1c' });
  });

  it('fails for an unknown zone id, listing the ids the region has', async () => {
    const body = await send(create({ ZoneIds: ['use1-az1', 'use1-az9', 'use1-bos1-az1'] }));

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe(
      'create failed: ValidationError: ResourceProperties.ZoneIds: unknown zone ids use1-az9, use1-bos1-az1 in ' +
        'us-east-1; its availability zones are use1-az1, use1-az2, use1-az6',
    );
  });

  it('fails with the AWS error when EC2 throttles', async () => {
    ec2
      .on(DescribeAvailabilityZonesCommand)
      .rejects(Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded' }));

    const body = await send(create());

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe('create failed: RequestLimitExceeded: Request limit exceeded.');
  });

  it('recomputes on update and keeps the physical id', async () => {
    const event = updateEvent({
      resourceType: RESOURCE_TYPE,
      responseUrl: capture.responseUrl(),
      physicalResourceId: 'app-Zones-0123456789abcdef',
      properties: { ZoneIds: ['use1-az1'] },
      oldProperties: {},
    });

    const body = await send(event);

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'app-Zones-0123456789abcdef' });
    expect(body.Data).toMatchObject({ ZoneNames: 'us-east-1b', ZoneIds: 'use1-az1' });
  });

  it('deletes without calling AWS', async () => {
    const event = deleteEvent({
      resourceType: RESOURCE_TYPE,
      responseUrl: capture.responseUrl(),
      physicalResourceId: 'app-Zones-0123456789abcdef',
    });

    const body = await send(event);

    expect(body.Status).toBe('SUCCESS');
    expect(ec2).not.toHaveReceivedAnyCommand();
  });

  it('stays under the response limit in a region with 12 zones and a long name', async () => {
    const region = 'ap-southeast-7';
    const zones = Array.from({ length: 12 }, (_, i) =>
      zone(`${region}${String.fromCharCode(97 + i)}`, `apse7-az${i + 10}`),
    );
    ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: zones });
    const event = createEvent({
      resourceType: RESOURCE_TYPE,
      responseUrl: capture.responseUrl(),
      logicalResourceId: 'L'.repeat(255),
      stackId: `arn:aws:cloudformation:${region}:123456789012:stack/${'s'.repeat(128)}/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f`,
    });

    const body = await send(event);

    expect(body.Status).toBe('SUCCESS');
    expect(Object.keys(body.Data ?? {})).toHaveLength(26);
    // With the longest stack name and logical id (each also in the physical id) the body is about 2.1 KB.
    expect(Buffer.byteLength(capture.responseFor(event.ResponseURL)?.raw ?? '')).toBeLessThan(
      CFN_LIMITS.maxResponseBytes * 0.6,
    );
  });
});

describe('az-id-mapping ready-made handler', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('serves requests with an EC2 client it makes on first use', async () => {
    vi.stubEnv('CRKIT_ALLOW_RESPONSE_ORIGINS', capture.origin);
    vi.stubEnv('CRKIT_LOG_LEVEL', 'error');
    vi.stubEnv('AWS_REGION', 'us-east-1');
    const event = create();

    await handler(event);

    expect(capture.responseFor(event.ResponseURL)?.body.Data).toMatchObject({ 'use1-az1': 'us-east-1b' });
  });
});
