import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzIdMappingDefinition } from '../../../providers/az-id-mapping/index.js';
import type { ResponseBody } from '../../../src/core/fit-response.js';
import { lambdaHandler } from '../../../src/entry/lambda.js';
import { createEvent, deleteEvent, updateEvent } from '../../../src/testing/events.js';
import type { LocalAws } from '../../../src/testing/local-aws.js';
import { createS3ResponseBucket, type S3ResponseBucket } from '../../../src/testing/s3-responses.js';
import { emulatorAccount } from '../emulator/emulator.js';

const RESOURCE_TYPE = 'Custom::AzIdMapping';
let aws: LocalAws;
let responses: S3ResponseBucket;
let handler: ReturnType<typeof lambdaHandler>;
/** What the emulator's DescribeAvailabilityZones says, ordered by name: the truth the Data must match. */
let zones: { ZoneName: string; ZoneId: string }[];

beforeAll(async () => {
  aws = await emulatorAccount();
  responses = await createS3ResponseBucket(aws);
  const ec2 = new EC2Client(aws.clientConfig);
  const { AvailabilityZones = [] } = await ec2.send(new DescribeAvailabilityZonesCommand({}));
  zones = AvailabilityZones.filter((zone) => zone.ZoneType === 'availability-zone')
    .map(({ ZoneName = '', ZoneId = '' }) => ({ ZoneName, ZoneId }))
    .sort((a, b) => a.ZoneName.localeCompare(b.ZoneName));
  handler = lambdaHandler(createAzIdMappingDefinition({ clients: { ec2 } }), {
    allowedResponseOrigins: [responses.origin],
  });
});
afterAll(() => aws?.stop());

async function answer(event: { ResponseURL: string }): Promise<ResponseBody> {
  await handler(event);
  const body = await responses.read(event.ResponseURL);
  if (!body) throw new Error('no response in the bucket');
  return body;
}

const common = async () => ({ resourceType: RESOURCE_TYPE, responseUrl: await responses.responseUrl() });

describe('az-id-mapping against the emulator', () => {
  let id = '';

  it('maps every availability zone of the region both ways and lists them all by name', async () => {
    const body = await answer(createEvent(await common()));

    expect(body.Status).toBe('SUCCESS');
    id = body.PhysicalResourceId;
    expect(zones.length).toBeGreaterThan(2);
    const expected: Record<string, string> = {
      ZoneNames: zones.map((zone) => zone.ZoneName).join(','),
      ZoneIds: zones.map((zone) => zone.ZoneId).join(','),
    };
    for (const { ZoneName, ZoneId } of zones) {
      expected[ZoneName] = ZoneId;
      expected[ZoneId] = ZoneName;
    }
    expect(body.Data).toEqual(expected);
  });

  it('recomputes on update with the requested zones in the requested order', async () => {
    const [a, b] = [zones[2], zones[0]] as [(typeof zones)[0], (typeof zones)[0]];
    const event = updateEvent({
      ...(await common()),
      physicalResourceId: id,
      properties: { ZoneIds: [a.ZoneId, b.ZoneId] },
      oldProperties: {},
    });

    const body = await answer(event);

    expect(body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(body.Data).toMatchObject({
      ZoneNames: `${a.ZoneName},${b.ZoneName}`,
      ZoneIds: `${a.ZoneId},${b.ZoneId}`,
    });
  });

  it('fails for a zone id the region does not have, listing those it has', async () => {
    const body = await answer(createEvent({ ...(await common()), properties: { ZoneIds: ['use1-az99'] } }));

    expect(body.Status).toBe('FAILED');
    const ids = zones.map((zone) => zone.ZoneId).sort();
    expect(body.Reason).toBe(
      `create failed: ValidationError: ResourceProperties.ZoneIds: unknown zone id use1-az99 in ${aws.region}; ` +
        `its availability zones are ${ids.join(', ')}`,
    );
  });

  it('deletes as a no-op, again and again', async () => {
    const first = await answer(deleteEvent({ ...(await common()), physicalResourceId: id }));
    const again = await answer(deleteEvent({ ...(await common()), physicalResourceId: id }));

    expect(first).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(again).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  });
});
