import { cfn } from 'crkit';
import * as z from 'zod';
import { normalizeRecordName, recordNameProblem } from './record-name.js';
import { readRecordValues } from './record-values.js';

/**
 * Record types this provider writes. `SOA` is left out: a zone has exactly one, which only its owner should change.
 * Alias records, routing policies and health checks are out of scope.
 */
export const RECORD_TYPES = [
  'A',
  'AAAA',
  'CAA',
  'CNAME',
  'DS',
  'HTTPS',
  'MX',
  'NAPTR',
  'NS',
  'PTR',
  'SPF',
  'SRV',
  'SSHFP',
  'SVCB',
  'TLSA',
  'TXT',
] as const;

/** An IAM role ARN, as `RoleArn` and the `assumeRole` option take it. */
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** A DNS name, normalised (lower case, no trailing dot) and checked; a leading `*.` makes a wildcard. */
export const DomainName = z
  .string()
  .transform(normalizeRecordName)
  .superRefine((name, ctx) => {
    const problem = recordNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** `Z0123456789ABC` or `/hostedzone/Z0123456789ABC`, as `Ref` of an `AWS::Route53::HostedZone` gives it. */
const HostedZoneId = z
  .string()
  .trim()
  .transform((id) => id.replace(/^\/hostedzone\//, ''))
  .pipe(z.string().regex(/^[A-Z0-9]{1,32}$/, 'expected a hosted zone id like "Z0123456789ABC"'));

/**
 * Types an alias record may have (Route 53 API Reference, AliasTarget: an alias to an AWS resource is A or AAAA; one
 * to another record in the same zone has that record's type, and NS and SOA records cannot be aliases).
 */
const ALIAS_TYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'DS', 'MX', 'NAPTR', 'PTR', 'SPF', 'SRV', 'TXT'];

/** An alias target, as `AWS::Route53::RecordSet AliasTarget` gives it. */
const AliasTarget = z.object({
  /** The target's DNS name, e.g. a CloudFront distribution's `d111111abcdef8.cloudfront.net`. */
  DNSName: DomainName,
  /** The target's hosted zone id (CloudFront's is `Z2FDTNDATAQYW2`). */
  HostedZoneId,
  /** Whether the alias inherits the health of its target. @default false */
  EvaluateTargetHealth: cfn.boolean().default(false),
});

/**
 * The properties of `Custom::CrossAccountDnsRecord`, named as `AWS::Route53::RecordSet` names them. Exactly one of
 * `HostedZoneId` and `HostedZoneName` is required; `ExternalId` only with `RoleArn`.
 *
 * @example
 * ```ts
 * import { CrossAccountDnsRecordProperties } from 'crkit/providers/cross-account-dns-record';
 * CrossAccountDnsRecordProperties.parse({
 *   HostedZoneName: 'example.com',
 *   Name: 'App1.Example.com.',
 *   Type: 'a',
 *   TTL: '60',
 *   ResourceRecords: ['192.0.2.10'],
 * }); // { HostedZoneName: 'example.com', Name: 'app1.example.com', Type: 'A', TTL: 60, ..., AllowOverwrite: false }
 * ```
 */
export const CrossAccountDnsRecordProperties = z
  .object({
    /** The hosted zone's id (`Z...`, with or without `/hostedzone/`). */
    HostedZoneId: HostedZoneId.optional(),
    /** The hosted zone's name; it must name exactly one zone the DNS account has (public or private). */
    HostedZoneName: DomainName.optional(),
    /** The record's name, e.g. `app1.example.com` or `*.app1.example.com`; case and a trailing dot do not matter. */
    Name: DomainName,
    /** The record type, e.g. `A`, `CNAME`, `TXT` (any case). */
    Type: z
      .string()
      .transform((type) => type.trim().toUpperCase())
      .pipe(z.enum(RECORD_TYPES, { error: `expected one of ${RECORD_TYPES.join(', ')}` })),
    /** Seconds resolvers may cache the record; not with `AliasTarget`. @default 300 */
    TTL: cfn.integer(z.number().int().min(0).max(2_147_483_647)).optional(),
    /**
     * The values, 1 to 100 of them, as a list (one item per value) or one string split at commas where no value can
     * hold one. TXT and SPF values are sent as quoted strings of at most 255 characters. Give this or `AliasTarget`.
     */
    ResourceRecords: z.union([z.string(), z.array(z.string())]).optional(),
    /** An alias to an AWS resource or another record of the zone, instead of `ResourceRecords`. */
    AliasTarget: AliasTarget.optional(),
    /**
     * A record several resources may own at once with the same values (certificate validation records): each owner
     * is listed in a TXT record `_crkit-owners.<Name>`, and the last owner's Delete removes the record. @default false
     */
    Shared: cfn.boolean().default(false),
    /**
     * Take over a record that already exists (UPSERT) instead of failing the create; the resource then owns it, and
     * its Delete removes it. @default false
     */
    AllowOverwrite: cfn.boolean().default(false),
    /** The role to assume in the DNS account, when the provider accepts roles from properties. */
    RoleArn: z.string().trim().regex(ROLE_ARN, 'expected an IAM role ARN').optional(),
    /** The external id the role's trust policy requires (`sts:ExternalId`). */
    ExternalId: z
      .string()
      .regex(/^[\w+=,.@:/-]{2,1224}$/, 'expected 2 to 1224 letters, digits or +=,.@:/-_')
      .optional(),
  })
  .superRefine((props, ctx) => {
    if ((props.HostedZoneId === undefined) === (props.HostedZoneName === undefined)) {
      const message = 'expected exactly one of HostedZoneId and HostedZoneName';
      ctx.addIssue({ code: 'custom', message, path: ['HostedZoneId'] });
    }
    if (props.ExternalId !== undefined && props.RoleArn === undefined) {
      const message = 'expected RoleArn as well: an external id belongs to the role it is given for';
      ctx.addIssue({ code: 'custom', message, path: ['ExternalId'] });
    }
    if ((props.ResourceRecords === undefined) === (props.AliasTarget === undefined)) {
      const message = 'expected exactly one of ResourceRecords and AliasTarget';
      ctx.addIssue({ code: 'custom', message, path: ['ResourceRecords'] });
    }
    if (props.Shared && props.Name.startsWith('*.')) {
      const message = 'a wildcard record cannot be shared: its owners could not be listed beside it';
      ctx.addIssue({ code: 'custom', message, path: ['Shared'] });
    }
    if (props.AliasTarget !== undefined && props.TTL !== undefined) {
      const message = 'an alias record takes the TTL of its target: remove TTL';
      ctx.addIssue({ code: 'custom', message, path: ['TTL'] });
    }
    if (props.AliasTarget !== undefined && !ALIAS_TYPES.includes(props.Type)) {
      const message = `expected one of ${ALIAS_TYPES.join(', ')} for an alias record, got ${props.Type}`;
      ctx.addIssue({ code: 'custom', message, path: ['Type'] });
    }
    if (props.ResourceRecords !== undefined) {
      const read = readRecordValues(props.ResourceRecords, props.Type);
      for (const { index, message, input } of 'issues' in read ? read.issues : []) {
        const path = index === undefined ? ['ResourceRecords'] : ['ResourceRecords', index];
        ctx.addIssue({ code: 'custom', message, path, input });
      }
    }
  })
  // Checked above: here the values are only written as Route 53 takes them.
  .transform((props) => {
    const read =
      props.ResourceRecords === undefined ? undefined : readRecordValues(props.ResourceRecords, props.Type);
    return { ...props, ResourceRecords: read && 'values' in read ? read.values : undefined };
  });

/** The validated properties of a `Custom::CrossAccountDnsRecord`. */
export type CrossAccountDnsRecordValues = z.output<typeof CrossAccountDnsRecordProperties>;
