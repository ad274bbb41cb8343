import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnSubnet, CfnVPC } from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { AzIdMapping } from '../cdk/index.js';

/** What {@link AzVpcStack} takes besides the stack's own props. */
export interface AzVpcStackProps extends StackProps {
  /** Physical zone ids of the stack's region, one subnet each. */
  readonly zoneIds: readonly string[];
}

/**
 * A VPC whose subnets are placed by physical zone id: `us-east-1a` is a different zone in each account, `use1-az1`
 * the same everywhere. The names come from the AZ-id mapping at deploy time, so synth makes no SDK call.
 */
export class AzVpcStack extends Stack {
  readonly subnets: CfnSubnet[];

  constructor(scope: Construct, id: string, props: AzVpcStackProps) {
    super(scope, id, props);
    const zones = new AzIdMapping(this, 'Zones', { zoneIds: props.zoneIds });
    const vpc = new CfnVPC(this, 'Vpc', {
      cidrBlock: '10.0.0.0/16',
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });

    // zoneNames[i] is Fn::Select(i, Fn::Split(',', ZoneNames)): the name this account gives zoneIds[i].
    this.subnets = zones.zoneNames.map(
      (availabilityZone, index) =>
        new CfnSubnet(this, `Subnet${index + 1}`, {
          vpcId: vpc.ref,
          cidrBlock: Fn.select(index, Fn.cidr(vpc.attrCidrBlock, props.zoneIds.length, '8')),
          availabilityZone,
        }),
    );
    this.subnets.forEach((subnet, index) => {
      new CfnOutput(this, `Subnet${index + 1}Zone`, {
        value: `${props.zoneIds[index]} = ${subnet.attrAvailabilityZone}`,
        description: 'The physical zone id and the name this account gives it',
      });
    });
  }
}
