import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../arn/index.js';
import { matchConsecutiveCodes, matchTotp, totpCode, totpStep } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII text "12345678901234567890"; the test vectors are
// 8 digits, whose last 6 are the 6-digit codes. https://datatracker.ietf.org/doc/html/rfc6238#appendix-B
const SEED = encodeBase32(Buffer.from('12345678901234567890', 'ascii'));
const VECTORS: [seconds: number, code8: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i s the code is the last six digits of %s', (seconds, code8) => {
    expect(totpCode(SEED, totpStep(seconds * 1000))).toBe(code8.slice(2));
  });

  it('accepts a code one step off, not twice, and not far off', () => {
    const now = new Date(1111111111 * 1000);
    const step = totpStep(now);
    expect(matchTotp(SEED, totpCode(SEED, step - 1), now)).toBe(step - 1);
    expect(matchTotp(SEED, totpCode(SEED, step), now, { lastUsedStep: step })).toBeUndefined();
    expect(matchTotp(SEED, totpCode(SEED, step - 5), now)).toBeUndefined();
  });

  it('finds two consecutive codes and refuses them out of order', () => {
    const now = new Date(2000000000 * 1000);
    const step = totpStep(now);
    const [a, b] = [totpCode(SEED, step - 1), totpCode(SEED, step)];
    expect(matchConsecutiveCodes(SEED, a, b, now)).toBe(step);
    expect(matchConsecutiveCodes(SEED, b, a, now)).toBeUndefined();
  });
});
