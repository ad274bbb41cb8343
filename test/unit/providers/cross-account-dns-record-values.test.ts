import { ChangeResourceRecordSetsCommand, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readRecordValues } from '../../../providers/cross-account-dns-record/record-values.js';
import { type ResponseCapture, startResponseCapture } from '../../../src/testing/response-capture.js';
import { arrangeHappyPath, createRecord, providerFor, route53 } from './cross-account-dns-record-harness.js';

let capture: ResponseCapture;
beforeAll(async () => {
  capture = await startResponseCapture();
});
afterAll(() => capture.close());
beforeEach(arrangeHappyPath);

const DMARC = 'v=DMARC1; p=quarantine; rua=mailto:a@example.com,mailto:b@example.net';
/** A 2048-bit DKIM public key record, 414 characters: Route 53 takes at most 255 per string. */
const DKIM = `v=DKIM1; k=rsa; p=${'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(9)}`;

/** What Route 53 received: the record sets of every ChangeResourceRecordSets call. */
const sent = (): ResourceRecordSet[] =>
  route53
    .commandCalls(ChangeResourceRecordSetsCommand)
    .flatMap((call) => call.args[0].input.ChangeBatch?.Changes ?? [])
    .flatMap((change) => (change.ResourceRecordSet ? [change.ResourceRecordSet] : []));

const valuesSent = () => sent().flatMap((set) => (set.ResourceRecords ?? []).map((record) => record.Value));

async function create(properties: Record<string, unknown>) {
  return providerFor(capture).send(createRecord(capture)(properties));
}

describe('cross-account-dns-record values as Route 53 reads them', () => {
  it('sends a DMARC record given in a list as one quoted TXT string, its commas kept', async () => {
    const body = await create({ Name: '_dmarc.app1.example.com', Type: 'TXT', ResourceRecords: [DMARC] });

    expect(body.Status).toBe('SUCCESS');
    expect(valuesSent()).toEqual([`"${DMARC}"`]);
  });

  it('answers FAILED asking for a list when a DMARC record comes as one unquoted string, and calls nothing', async () => {
    const body = await create({ Name: '_dmarc.app1.example.com', Type: 'TXT', ResourceRecords: DMARC });

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe(
      'ResourceProperties.ResourceRecords: a comma outside double quotes, and a TXT value may hold commas itself, so it cannot be told whether this is one value or several: give ResourceRecords as a list (one item per value), or put each value in double quotes, got "v=DMARC1; p=quarantine; rua=mailto:a@example.com,mailto:b..."',
    );
    expect(route53.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(0);
  });

  it('reads one string of quoted TXT values as those values, never splitting inside the quotes', async () => {
    const body = await create({
      Name: 'app1.example.com',
      Type: 'TXT',
      ResourceRecords: `"${DMARC}", "v=spf1 include:amazonses.com -all"`,
    });

    expect(body.Status).toBe('SUCCESS');
    expect(valuesSent()).toEqual([`"${DMARC}"`, '"v=spf1 include:amazonses.com -all"']);
  });

  it('splits a DKIM key over 255 characters into quoted strings of 255, unquoted or quoted alike', async () => {
    const first = DKIM.slice(0, 255);
    const rest = DKIM.slice(255);

    const body = await create({
      Name: 'sel._domainkey.app1.example.com',
      Type: 'TXT',
      ResourceRecords: [DKIM],
    });
    await create({ Name: 'sel._domainkey.app1.example.com', Type: 'TXT', ResourceRecords: [`"${DKIM}"`] });

    expect(body.Status).toBe('SUCCESS');
    expect(DKIM.length).toBe(414);
    expect(valuesSent()).toEqual([`"${first}" "${rest}"`, `"${first}" "${rest}"`]);
  });

  it('keeps TXT strings already split, escapes quotes and writes other characters as octal codes', () => {
    expect(readRecordValues(['"part one" "part two"', 'say "hi"', 'café'], 'TXT')).toEqual({
      values: ['"part one" "part two"', '"say \\"hi\\""', '"caf\\303\\251"'],
    });
  });

  it('splits one string of CAA values only at commas outside their quoted values', () => {
    const text =
      '0 issue "letsencrypt.org; validationmethods=dns-01,http-01", 0 iodef "mailto:a@example.com"';

    expect(readRecordValues(text, 'CAA')).toEqual({
      values: [
        '0 issue "letsencrypt.org; validationmethods=dns-01,http-01"',
        '0 iodef "mailto:a@example.com"',
      ],
    });
  });

  it('sends CAA, MX and SRV values as given when they have their fields', async () => {
    await create({
      Type: 'CAA',
      ResourceRecords: ['0 issue "amazon.com"', '0 iodef "mailto:security@example.com"'],
    });
    await create({ Type: 'MX', ResourceRecords: '10 mail1.example.com, 20 mail2.example.com' });
    await create({ Type: 'SRV', ResourceRecords: ['10 5 5060 sip.example.com'] });

    expect(valuesSent()).toEqual([
      '0 issue "amazon.com"',
      '0 iodef "mailto:security@example.com"',
      '10 mail1.example.com',
      '20 mail2.example.com',
      '10 5 5060 sip.example.com',
    ]);
  });

  it.each([
    [
      'A',
      ['192.0.2.300'],
      'ResourceProperties.ResourceRecords[0]: expected an IPv4 address such as 192.0.2.1 for an A record, got "192.0.2.300"',
    ],
    [
      'AAAA',
      ['192.0.2.1'],
      'ResourceProperties.ResourceRecords[0]: expected an IPv6 address such as 2001:db8::1 for an AAAA record, got "192.0.2.1"',
    ],
    [
      'AAAA',
      ['fe80::1%eth0'],
      'ResourceProperties.ResourceRecords[0]: expected an IPv6 address such as 2001:db8::1 for an AAAA record, got "fe80::1%eth0"',
    ],
    [
      'CNAME',
      ['a.example.com', 'b.example.com'],
      'ResourceProperties.ResourceRecords: expected exactly one name: a CNAME record holds one value, got an array of 2 items',
    ],
    [
      'CNAME',
      ['not a name'],
      'ResourceProperties.ResourceRecords[0]: expected one domain name such as target.example.com for a CNAME record, got "not a name"',
    ],
    [
      'MX',
      ['mail.example.com'],
      'ResourceProperties.ResourceRecords[0]: expected "priority mail-server" with a priority from 0 to 65535, such as "10 mail.example.com", for an MX record, got "mail.example.com"',
    ],
    ['MX', ['70000 mail.example.com'], 'for an MX record, got "70000 mail.example.com"'],
    [
      'CAA',
      ['0 issue amazon.com'],
      'ResourceProperties.ResourceRecords[0]: expected "flags tag \\"value\\"" with flags from 0 to 255, a tag of letters and digits and the value in double quotes, such as "0 issue \\"amazon.com\\"", for a CAA record, got "0 issue amazon.com"',
    ],
    ['CAA', ['256 issue "amazon.com"'], 'for a CAA record, got "256 issue \\"amazon.com\\""'],
    [
      'SRV',
      ['10 5 sip.example.com'],
      'ResourceProperties.ResourceRecords[0]: expected four fields "priority weight port target", the first three from 0 to 65535, such as "10 5 5060 sip.example.com", for an SRV record, got "10 5 sip.example.com"',
    ],
    [
      'HTTPS',
      '1 . alpn=h2,h3',
      'ResourceProperties.ResourceRecords: a comma outside double quotes, and a HTTPS value may hold commas itself, so it cannot be told whether this is one value or several',
    ],
    [
      'TXT',
      ['"unclosed'],
      'ResourceProperties.ResourceRecords[0]: a double quote is not closed: expected strings in double quotes separated by spaces, like "part one" "part two", or the text without any quotes, got "\\"unclosed"',
    ],
  ])(
    'answers FAILED before any call for a bad %s value, naming it and what was expected',
    async (Type, ResourceRecords, reason) => {
      const body = await create({ Type, ResourceRecords });

      expect(body.Status).toBe('FAILED');
      expect(body.Reason).toContain(reason);
      expect(route53.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(0);
    },
  );

  it('sends an alias record with its target and no TTL', async () => {
    const AliasTarget = { DNSName: 'd111111abcdef8.cloudfront.net', HostedZoneId: 'Z2FDTNDATAQYW2' };

    const body = await create({ ResourceRecords: undefined, TTL: undefined, AliasTarget });

    expect(body.Status).toBe('SUCCESS');
    expect(sent()).toEqual([
      {
        Name: 'app1.example.com.',
        Type: 'A',
        AliasTarget: {
          DNSName: 'd111111abcdef8.cloudfront.net.',
          HostedZoneId: 'Z2FDTNDATAQYW2',
          EvaluateTargetHealth: false,
        },
      },
    ]);
  });

  it.each([
    [
      { DNSName: 'd1.cloudfront.net', HostedZoneId: 'not a zone' },
      {},
      'AliasTarget.HostedZoneId: expected text matching /^[A-Z0-9]{1,32}$/, got "not a zone"',
    ],
    [{ DNSName: 'not a name', HostedZoneId: 'Z2FDTNDATAQYW2' }, {}, 'AliasTarget.DNSName: expected labels'],
    [
      { DNSName: 'd1.cloudfront.net', HostedZoneId: 'Z2FDTNDATAQYW2' },
      { TTL: 60 },
      'TTL: an alias record takes the TTL of its target',
    ],
    [
      { DNSName: 'd1.cloudfront.net', HostedZoneId: 'Z2FDTNDATAQYW2' },
      { ResourceRecords: ['192.0.2.1'] },
      'expected exactly one of ResourceRecords and AliasTarget',
    ],
  ])('answers FAILED for a bad alias target %j before any call', async (AliasTarget, extra, reason) => {
    const body = await create({ ResourceRecords: undefined, TTL: undefined, AliasTarget, ...extra });

    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toContain(reason);
    expect(route53.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(0);
  });

  it('accepts the null MX record of RFC 7505, "0 ."', async () => {
    const body = await create({ Type: 'MX', ResourceRecords: ['0 .'] });

    expect(body.Status).toBe('SUCCESS');
  });
});
