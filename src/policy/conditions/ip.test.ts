// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import { describe, expect, it } from 'vitest';
import { parseCidr, parseIp } from './ip.js';
import { lookupOperator } from './operators.js';
import { holds } from './test-fixture.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

describe(`IP address operators (${OPS}#Conditions_IPAddress)`, () => {
  it('203.0.113.0/24 covers 203.0.113.0 to 203.0.113.255', () => {
    const range = '203.0.113.0/24';
    expect(holds('IpAddress', 'aws:SourceIp', range, { 'aws:SourceIp': '203.0.113.0' })).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', range, { 'aws:SourceIp': '203.0.113.255' })).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', range, { 'aws:SourceIp': '203.0.114.1' })).toBe(false);
    expect(holds('NotIpAddress', 'aws:SourceIp', range, { 'aws:SourceIp': '203.0.114.1' })).toBe(true);
    expect(holds('NotIpAddress', 'aws:SourceIp', range, { 'aws:SourceIp': '203.0.113.7' })).toBe(false);
  });

  it('a bare address means /32', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '192.0.2.1', { 'aws:SourceIp': '192.0.2.1' })).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', '192.0.2.1', { 'aws:SourceIp': '192.0.2.2' })).toBe(false);
  });

  it('handles prefixes that do not fall on a byte boundary', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '10.0.0.0/9', { 'aws:SourceIp': '10.127.255.255' })).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', '10.0.0.0/9', { 'aws:SourceIp': '10.128.0.0' })).toBe(false);
    expect(holds('IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': '8.8.8.8' })).toBe(true);
  });

  it('mixes IPv4 and IPv6 ranges in one condition', () => {
    const ranges = ['203.0.113.0/24', '2001:DB8:1234:5678::/64'];
    expect(holds('IpAddress', 'aws:SourceIp', ranges, { 'aws:SourceIp': '203.0.113.9' })).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', ranges, { 'aws:SourceIp': '2001:db8:1234:5678:abcd::1' })).toBe(
      true,
    );
    expect(holds('IpAddress', 'aws:SourceIp', ranges, { 'aws:SourceIp': '2001:db8:1234:5679::1' })).toBe(
      false,
    );
  });

  it('an IPv4 range never matches an IPv6 address, nor the reverse', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': '::1' })).toBe(false);
    expect(holds('IpAddress', 'aws:SourceIp', '::/0', { 'aws:SourceIp': '192.0.2.1' })).toBe(false);
    expect(holds('NotIpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': '::1' })).toBe(true);
  });

  it('a request without aws:SourceIp (VPC endpoint) does not match IpAddress', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '203.0.113.0/24', {})).toBe(false);
  });

  it('a request value that is not an address matches nothing', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': 'localhost' })).toBe(false);
  });

  it('rejects values that are not addresses or ranges', () => {
    const op = lookupOperator('IpAddress');
    expect(op?.checkValue('300.1.1.1/8')).toMatch(/`300.1.1.1\/8` is not an IP address/);
    expect(op?.checkValue('10.0.0.0/33')).toBeDefined();
    expect(op?.checkValue('10.0.0/8')).toBeDefined();
    expect(op?.checkValue('2001:db8::/129')).toBeDefined();
    expect(op?.checkValue('2001:db8::1::2')).toBeDefined();
    expect(op?.checkValue('10.0.0.0/')).toBeDefined();
    expect(op?.checkValue('${aws:SourceIp}')).toBeDefined();
    expect(op?.checkValue('10.0.0.0/8')).toBeUndefined();
    expect(op?.checkValue('::ffff:192.0.2.1')).toBeUndefined();
  });
});

describe('parseIp / parseCidr', () => {
  it('reads IPv6 shorthand and embedded IPv4', () => {
    expect([...(parseIp('::1') ?? [])]).toEqual([...new Array(15).fill(0), 1]);
    expect([...(parseIp('::ffff:192.0.2.1') ?? [])].slice(10)).toEqual([0xff, 0xff, 192, 0, 2, 1]);
    expect(parseIp('1:2:3:4:5:6:7:8')?.length).toBe(16);
    expect(parseIp('1:2:3:4:5:6:7')).toBeUndefined();
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIp('fe80::1%eth0')).toBeUndefined();
    expect(parseCidr('2001:db8::/32')?.prefix).toBe(32);
    expect(parseCidr('192.0.2.1')?.prefix).toBe(32);
  });
});
