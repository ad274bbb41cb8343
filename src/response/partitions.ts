/**
 * The AWS partitions: each one's DNS suffix and the shape of its region names. From the AWS SDK for JavaScript v3's
 * partition table (`@aws-sdk/util-endpoints`, `partitions.json`: `outputs.dnsSuffix` and `regionRegex`).
 */
export const AWS_PARTITIONS = [
  { id: 'aws', dnsSuffix: 'amazonaws.com', region: /^(?:us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/ },
  { id: 'aws-cn', dnsSuffix: 'amazonaws.com.cn', region: /^cn-[a-z]+-\d+$/ },
  { id: 'aws-us-gov', dnsSuffix: 'amazonaws.com', region: /^us-gov-[a-z]+-\d+$/ },
  { id: 'aws-iso', dnsSuffix: 'c2s.ic.gov', region: /^us-iso-[a-z]+-\d+$/ },
  { id: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov', region: /^us-isob-[a-z]+-\d+$/ },
  { id: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk', region: /^eu-isoe-[a-z]+-\d+$/ },
  { id: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov', region: /^us-isof-[a-z]+-\d+$/ },
  { id: 'aws-eusc', dnsSuffix: 'amazonaws.eu', region: /^eusc-de-[a-z]+-\d+$/ },
] as const;

/** The bucket CloudFormation answers through in a region (CloudFormation User Guide, "cfn-vpce-bucketnames"). */
export const responseBucketOf = (region: string) =>
  `cloudformation-custom-resource-response-${region.replaceAll('-', '')}`;

const BUCKET_PREFIX = 'cloudformation-custom-resource-response-';
/** An aws-partition region without dashes (`useast1`), after the bucket prefix. */
const GLOBAL_BUCKET =
  /^cloudformation-custom-resource-response-(?:us|eu|ap|sa|ca|me|af|il|mx)(?:north|south|east|west|central|northeast|northwest|southeast|southwest)\d+$/;

/**
 * Whether `hostname` is a CloudFormation response bucket, addressed virtual-host style in its own region of any
 * partition: `<bucket>.s3.<region>.<suffix>` (also `s3.dualstack.<region>` and the older `s3-<region>`), or, in the
 * aws partition, the global `<bucket>.s3.amazonaws.com`. The bucket must be the one of the region in the host name.
 */
export function isResponseBucketHost(hostname: string): boolean {
  if (!hostname.startsWith(BUCKET_PREFIX)) return false;
  for (const partition of AWS_PARTITIONS) {
    const suffix = `.${partition.dnsSuffix}`;
    if (!hostname.endsWith(suffix)) continue;
    const labels = hostname.slice(0, -suffix.length).split('.');
    const [bucket, ...endpoint] = labels;
    if (partition.id === 'aws' && endpoint.length === 1 && endpoint[0] === 's3' && bucket !== undefined) {
      // The global endpoint names no region: the bucket's suffix must be an aws region without its dashes.
      return GLOBAL_BUCKET.test(bucket);
    }
    const region = regionOf(endpoint);
    if (region && partition.region.test(region) && bucket === responseBucketOf(region)) return true;
  }
  return false;
}

/** The region of an S3 endpoint's labels: `s3.<region>`, `s3.dualstack.<region>` or `s3-<region>`. */
function regionOf(endpoint: readonly string[]): string | undefined {
  if (endpoint.length === 2 && endpoint[0] === 's3') return endpoint[1];
  if (endpoint.length === 3 && endpoint[0] === 's3' && endpoint[1] === 'dualstack') return endpoint[2];
  if (endpoint.length === 1 && endpoint[0]?.startsWith('s3-')) return endpoint[0].slice(3);
  return undefined;
}
