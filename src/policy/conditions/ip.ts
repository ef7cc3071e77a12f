// IP address condition operators: policy values are IPv4 or IPv6 CIDR ranges ("203.0.113.0/24",
// "2001:DB8:1234:5678::/64"); a bare address means /32 (IPv4) or /128 (IPv6). An IPv4 range never
// matches an IPv6 request address and vice versa. No policy variables.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
import type { ConditionFamily } from './family.js';

export const ipFamily: ConditionFamily = {
  name: 'IpAddress',
  operators: [
    { name: 'IpAddress', negated: false },
    { name: 'NotIpAddress', negated: true },
  ],
  checkValue(operator, value) {
    if (parseCidr(value) !== undefined) return undefined;
    return `\`${value}\` is not an IP address or CIDR range; \`${operator}\` takes values such as \`203.0.113.0/24\` or \`2001:db8::/32\``;
  },
  compileValue(_operator, value) {
    const range = parseCidr(value) as Cidr;
    return (requestValue) => {
      const address = parseIp(requestValue);
      return address !== undefined && inRange(address, range);
    };
  },
};

export interface Cidr {
  /** 4 bytes for IPv4, 16 for IPv6. */
  bytes: Uint8Array;
  prefix: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const bytes = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (bytes === undefined) return undefined;
  if (slash < 0) return { bytes, prefix: bytes.length * 8 };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= bytes.length * 8 ? { bytes, prefix } : undefined;
}

/** The address bytes, or undefined when `text` is not a plain IPv4 or IPv6 address. */
export function parseIp(text: string): Uint8Array | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

export function inRange(address: Uint8Array, range: Cidr): boolean {
  if (address.length !== range.bytes.length) return false;
  const full = range.prefix >> 3;
  for (let i = 0; i < full; i++) if (address[i] !== range.bytes[i]) return false;
  const rest = range.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((address[full] as number) & mask) === ((range.bytes[full] as number) & mask);
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] as string;
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    bytes[i] = Number(part);
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2 || (halves.length === 2 && (halves[0] as string).includes('.'))) return undefined;
  const head = groupsOf(halves[0] as string);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  if (head === undefined || tail === undefined) return undefined;
  const written = head.length + tail.length;
  if (halves.length === 1 ? written !== 8 : written > 7) return undefined;
  const groups = [...head, ...new Array<number>(8 - written).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

// Hex groups of one side of `::`; a trailing dotted quad (`::ffff:192.0.2.1`) counts as two groups.
function groupsOf(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}
