// Identifiers in AWS's formats.
//
// Unique ids are 21 characters: a four-letter prefix naming the entity type, then characters from
// AWS's upper-case base32 alphabet (`A-Z2-7`; 0, 1, 8 and 9 never occur).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes
//
// Access key ids are 20 characters: AKIA (long-term) or ASIA (STS) and 16 base32 characters, i.e. 10
// bytes. Current AWS keys carry their account: the first bit is set and the next 40 bits are the
// account number, which is how `sts get-access-key-info` answers for any key. We do the same, so that
// GetAccessKeyInfo works for keys of deleted users too.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html
// Layout (observed, not documented by AWS): https://awsteele.com/blog/2020/09/26/aws-access-key-format.html
// and https://labs.withsecure.com/publications/a-bitwise-analysis-of-aws-access-key-identifiers.html
import { createHash, randomFillSync } from 'node:crypto';

export const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The entity types whose unique ids IAM hands out, with AWS's prefixes. */
export const UNIQUE_ID_PREFIXES = {
  user: 'AIDA',
  group: 'AGPA',
  role: 'AROA',
  managedPolicy: 'ANPA',
  // AWS lists ANVA for managed policy versions, but the API names versions v1, v2…; kept for completeness.
  managedPolicyVersion: 'ANVA',
  instanceProfile: 'AIPA',
  serverCertificate: 'ASCA',
  publicKey: 'APKA',
} as const;

export type UniqueIdKind = keyof typeof UNIQUE_ID_PREFIXES;
export type AccessKeyKind = 'long-term' | 'session';

export function newUniqueId(kind: UniqueIdKind): string {
  return UNIQUE_ID_PREFIXES[kind] + randomBase32(17);
}

/** The kind named by a unique id's prefix, or undefined when the text is not a well-formed unique id. */
export function uniqueIdKind(id: string): UniqueIdKind | undefined {
  if (!UNIQUE_ID.test(id)) return undefined;
  const prefix = id.slice(0, 4);
  for (const [kind, p] of Object.entries(UNIQUE_ID_PREFIXES)) if (p === prefix) return kind as UniqueIdKind;
  return undefined;
}

export function newAccessKeyId(account: string, kind: AccessKeyKind): string {
  const bytes = secureRandom(10);
  // Bytes 0..5 hold 1 flag bit, the 40-bit account and 7 random bits; 6..9 stay random.
  const head = (1n << 47n) | (BigInt(account) << 7n) | BigInt((bytes[5] ?? 0) & 0x7f);
  for (let k = 0; k < 6; k++) bytes[k] = Number((head >> BigInt(8 * (5 - k))) & 0xffn);
  return (kind === 'long-term' ? 'AKIA' : 'ASIA') + encodeBase32(bytes);
}

/** The account encoded in an AKIA/ASIA key id, or undefined when the id does not carry one. */
export function accountFromAccessKeyId(id: string): string | undefined {
  if (!ACCESS_KEY_ID.test(id)) return undefined;
  const bytes = decodeBase32(id.slice(4, 14));
  let head = 0n;
  for (const b of bytes.subarray(0, 6)) head = (head << 8n) | BigInt(b);
  if (head >> 47n === 0n) return undefined;
  const account = (head >> 7n) & 0xff_ffff_ffffn;
  return account < 1_000_000_000_000n ? account.toString().padStart(12, '0') : undefined;
}

export function isAccessKeyId(id: string): boolean {
  return ACCESS_KEY_ID.test(id);
}

/** 40 characters of base64 text, the shape of AWS secret access keys. */
export function newSecretAccessKey(): string {
  return secureRandom(30).toString('base64');
}

/**
 * An opaque session token. AWS's are several hundred base64 characters; SDKs only pass them
 * back in `X-Amz-Security-Token`, so the length matters only for header sizes.
 */
export function newSessionToken(): string {
  return secureRandom(192).toString('base64');
}

/** A virtual MFA device's TOTP seed as AWS returns it in Base32StringSeed: 40 random bytes, 64 characters. */
export function newMfaSeed(): string {
  return encodeBase32(secureRandom(40));
}

/**
 * The 64-hex S3 canonical user id of an account. AWS assigns it at random; we derive it from the
 * account id so that it stays the same across restarts, re-applied labs and fresh data directories
 * with nothing stored, and two servers agree on it. It is not a secret on AWS either.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/finding-canonical-user-id.html
 */
export function canonicalUserId(account: string): string {
  return createHash('sha256').update(`trustlab canonical user id ${account}`).digest('hex');
}

/** S3's request ids: 16 upper-case hex digits (x-amz-request-id). */
export function newS3RequestId(): string {
  return secureRandom(8).toString('hex').toUpperCase();
}

/** A version id as S3 hands them out: 32 URL-safe characters, `.` standing in for `-`. */
export function newS3VersionId(): string {
  return secureRandom(24).toString('base64url').replaceAll('-', '.');
}

/** A multipart upload id: 60 URL-safe characters. */
export function newS3UploadId(): string {
  return secureRandom(45).toString('base64url');
}

// A call to randomBytes costs ~7 µs whatever its size (a lock and a syscall), and AssumeRole makes three
// ids; one 8 KiB fill serves dozens of them. Node's randomUUID keeps such a pool too.
const POOL = Buffer.alloc(8192);
let pooled = 0;

/** Fresh cryptographically secure bytes, copied out of the pool, each handed out once. */
function secureRandom(size: number): Buffer {
  // INVARIANT: the ids above ask for at most 192 bytes, far less than the pool.
  if (size > pooled) {
    randomFillSync(POOL);
    pooled = POOL.length;
  }
  pooled -= size;
  return Buffer.from(POOL.subarray(pooled, pooled + size));
}

export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function decodeBase32(text: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    buffer = (buffer << 5) | BASE32_ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  return Uint8Array.from(out);
}

function randomBase32(length: number): string {
  // 256 is a multiple of 32, so masking each byte keeps the characters uniform.
  let out = '';
  for (const byte of secureRandom(length)) out += BASE32_ALPHABET[byte & 31];
  return out;
}

const UNIQUE_ID = /^A[A-Z]{3}[A-Z2-7]{17}$/;
const ACCESS_KEY_ID = /^A[KS]IA[A-Z2-7]{16}$/;
