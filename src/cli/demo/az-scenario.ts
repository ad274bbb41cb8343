import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { createAzIdMappingDefinition } from '../../../providers/az-id-mapping/index.js';
import { playLifecycle } from '../../testing/lifecycle.js';
import { type DemoContext, demoRecorder, differs, type ScenarioResult } from './scenario.js';

const STACK =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/crkit-demo-network/0e3b6a70-0000-4000-8000-000000000002';

/** The AZ id mapping: read, narrowed to chosen zones, a failed update (an unknown zone) rolled back, deleted. */
export async function azScenario({ aws, responses, io }: DemoContext): Promise<ScenarioResult> {
  const ec2 = new EC2Client(aws.clientConfig);
  const { AvailabilityZones = [] } = await ec2.send(new DescribeAvailabilityZonesCommand({}));
  // The truth the answers must match: what DescribeAvailabilityZones says, ordered by name.
  const zones = AvailabilityZones.filter((zone) => zone.ZoneType === 'availability-zone')
    .map(({ ZoneName = '', ZoneId = '' }) => ({ ZoneName, ZoneId }))
    .sort((a, b) => a.ZoneName.localeCompare(b.ZoneName));
  io.out(
    `DescribeAvailabilityZones: ${zones.map((zone) => `${zone.ZoneName}=${zone.ZoneId}`).join(' ')}\n\n`,
  );
  const [first, , third] = zones;
  const chosen = first && third ? [third, first] : zones;
  const all = (data: Record<string, string> | undefined) =>
    differs(
      [
        data?.ZoneNames,
        data?.ZoneIds,
        ...zones.map(
          (zone) => data?.[zone.ZoneId] === zone.ZoneName && data?.[zone.ZoneName] === zone.ZoneId,
        ),
      ],
      [
        zones.map((zone) => zone.ZoneName).join(','),
        zones.map((zone) => zone.ZoneId).join(','),
        ...zones.map(() => true),
      ],
    );
  const { verifications, verify, progress } = demoRecorder(io);

  const timeline = await playLifecycle(createAzIdMappingDefinition({ clients: { ec2 } }), {
    responses,
    stackId: STACK,
    logicalResourceId: 'Zones',
    steps: [
      { create: {} },
      { update: { ZoneIds: chosen.map((zone) => zone.ZoneId) }, expect: 'in-place' },
      { update: { ZoneIds: ['use1-az99'] }, expect: 'failure' },
      'delete',
    ],
    onProgress: progress(({ entry }) => {
      const data = entry.response?.Data;
      if (entry.response?.Status !== 'SUCCESS') return undefined;
      if (entry.action === 'create') {
        return verify(
          `every zone maps both ways, as DescribeAvailabilityZones says (${zones.length} zones)`,
          async () => all(data),
        );
      }
      if (entry.action === 'update') {
        return verify(
          `ZoneNames follow the requested ids: ${chosen.map((zone) => zone.ZoneName).join(',')}`,
          async () => differs(data?.ZoneNames, chosen.map((zone) => zone.ZoneName).join(',')),
        );
      }
      if (entry.action === 'rollback-update') {
        return verify('the rollback restored the requested zones', async () =>
          differs(data?.ZoneIds, chosen.map((zone) => zone.ZoneId).join(',')),
        );
      }
      return undefined;
    }),
  });
  return { title: 'Custom::AzIdMapping', timelines: [timeline], verifications };
}
