import { isIPv4, isIPv6 } from 'node:net';
import { normalizeRecordName, recordNameProblem } from './record-name.js';

/**
 * The value formats of Route 53 Developer Guide, "Supported DNS record types": A a dotted-decimal IPv4 address, AAAA
 * a colon-separated IPv6 address, CNAME/NS/PTR one domain name, MX `priority name`, SRV `priority weight port
 * target` (each number 0 to 65535), CAA `flags tag "value"` (flags 0 to 255; RFC 8659 4.1: a tag is 1 to 15 letters
 * and digits). Other types go to Route 53 as written.
 */
const MX = /^(\d{1,5})\s+(\S+)$/;
const SRV = /^(\d{1,5})\s+(\d{1,5})\s+(\d{1,5})\s+(\S+)$/;
const CAA = /^(\d{1,3})\s+([A-Za-z0-9]{1,15})\s+"((?:[^"\\]|\\.)*)"$/;

function nameProblem(name: string, root = false): string | undefined {
  if (root && name === '.') return undefined;
  return recordNameProblem(normalizeRecordName(name));
}

const within = (text: string, max: number) => Number(text) <= max;

/**
 * Why `value` cannot be a value of a `type` record, saying what was expected, or `undefined` when it
 * can (or when this provider leaves the type's format to Route 53).
 *
 * @example
 * ```ts
 * import { recordValueProblem } from './value-problem.js';
 * recordValueProblem('MX', '10 mail.example.com'); // undefined
 * recordValueProblem('A', '192.0.2.300'); // 'expected an IPv4 address such as 192.0.2.1 for an A record'
 * ```
 */
export function recordValueProblem(type: string, value: string): string | undefined {
  switch (type) {
    case 'A':
      return isIPv4(value) ? undefined : `expected an IPv4 address such as 192.0.2.1 for an A record`;
    case 'AAAA':
      // Node's isIPv6 accepts a zone index (fe80::1%eth0), which has no place in DNS.
      return isIPv6(value) && !value.includes('%')
        ? undefined
        : `expected an IPv6 address such as 2001:db8::1 for an AAAA record`;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return nameProblem(value) === undefined
        ? undefined
        : `expected one domain name such as target.example.com for a ${type} record`;
    case 'MX': {
      const [, priority = '', name = ''] = MX.exec(value) ?? [];
      // RFC 7505's null MX, "0 .", says the domain accepts no mail.
      if (/^0\s+\.$/.test(value.trim())) return undefined;
      return within(priority, 65535) && nameProblem(name) === undefined
        ? undefined
        : `expected "priority mail-server" with a priority from 0 to 65535, such as "10 mail.example.com", for an MX record`;
    }
    case 'SRV': {
      const [, priority = '', weight = '', port = '', target = ''] = SRV.exec(value) ?? [];
      const numbers = [priority, weight, port].every((field) => within(field, 65535));
      return numbers && nameProblem(target, true) === undefined
        ? undefined
        : `expected four fields "priority weight port target", the first three from 0 to 65535, such as "10 5 5060 sip.example.com", for an SRV record`;
    }
    case 'CAA': {
      const [, flags = ''] = CAA.exec(value) ?? [];
      return flags !== '' && within(flags, 255)
        ? undefined
        : `expected "flags tag \\"value\\"" with flags from 0 to 255, a tag of letters and digits and the value in double quotes, such as "0 issue \\"amazon.com\\"", for a CAA record`;
    }
    default:
      return undefined;
  }
}
