// Time-based one-time passwords as virtual MFA devices compute them: RFC 6238 with HMAC-SHA1, 30-second
// steps and 6 digits over the device's Base32 seed (RFC 4226 dynamic truncation).
// https://datatracker.ietf.org/doc/html/rfc6238 and https://datatracker.ietf.org/doc/html/rfc4226#section-5.3
import { createHmac } from 'node:crypto';
import { BASE32_ALPHABET } from '../arn/index.js';

export const TOTP_STEP_SECONDS = 30;

/** The time step a moment falls in. */
export function totpStep(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  return Math.floor(ms / 1000 / TOTP_STEP_SECONDS);
}

/** The 6-digit code of a Base32 seed at a time step. */
export function totpCode(seedBase32: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', decodeSeed(seedBase32)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/**
 * The step of a code accepted around `now`: within `window` steps either side (clock drift), and after
 * `lastUsedStep` so a code is never accepted twice. undefined when no step matches.
 */
export function matchTotp(
  seedBase32: string,
  code: string,
  now: Date,
  options: { window?: number; lastUsedStep?: number } = {},
): number | undefined {
  const current = totpStep(now);
  const window = options.window ?? 1;
  for (let step = current - window; step <= current + window; step++) {
    if (options.lastUsedStep !== undefined && step <= options.lastUsedStep) continue;
    if (totpCode(seedBase32, step) === code) return step;
  }
  return undefined;
}

/**
 * EnableMFADevice's check: "two consecutive authentication codes" (AuthenticationCode1 then the next
 * one). Returns the step of the second code, or undefined. The pair may lie a few steps back, because
 * people type the second code after it appeared.
 */
export function matchConsecutiveCodes(
  seedBase32: string,
  code1: string,
  code2: string,
  now: Date,
): number | undefined {
  const current = totpStep(now);
  for (let step = current - 4; step <= current + 1; step++) {
    if (totpCode(seedBase32, step) === code1 && totpCode(seedBase32, step + 1) === code2) return step + 1;
  }
  return undefined;
}

function decodeSeed(text: string): Buffer {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const value = BASE32_ALPHABET.indexOf(ch);
    if (value < 0) continue;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}
