/**
 * `Fn::GetAtt` attributes of a `Custom::CrossAccountDnsRecord`. Kept apart from the operations, whose types reach the
 * Route 53 and STS clients, so that the construct's declarations need neither.
 */
export interface CrossAccountDnsRecordData extends Record<string, unknown> {
  /** The hosted zone holding the record, e.g. `Z0123456789ABC`. */
  readonly HostedZoneId: string;
  /** The record's name, lower case without the trailing dot, e.g. `app1.example.com`. */
  readonly Name: string;
  readonly Type: string;
}
