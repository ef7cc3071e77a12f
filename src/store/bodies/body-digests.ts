// The digests of a body as it streams by: MD5 always (the ETag), and the checksums asked for. Each
// costs CPU on every byte, so only what is asked is computed.
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { ChecksumAlgorithm, Checksums } from '../s3-records.js';
import { BodyDigestMismatch, type BodyWriteOptions, type ExpectedDigests } from './body-store.js';
import { crc32c } from './crc32c.js';
import { type Crc64, crc64Bytes, crc64nvme } from './crc64nvme.js';

export interface DigestResult {
  size: number;
  md5Hex: string;
  /** Present when SHA-256 was computed (asked as a checksum, or to check a signed payload hash). */
  sha256Hex?: string;
  /** The checksums asked for. */
  checksums: Checksums;
}

export class BodyDigests {
  private size = 0;
  private readonly md5 = createHash('md5');
  private readonly sha1?: Hash;
  private readonly sha256?: Hash;
  private crc32?: number;
  private crc32c?: number;
  private crc64?: Crc64;

  constructor(
    private readonly algorithms: ReadonlySet<ChecksumAlgorithm>,
    sha256Hex = false,
  ) {
    if (algorithms.has('SHA1')) this.sha1 = createHash('sha1');
    if (algorithms.has('SHA256') || sha256Hex) this.sha256 = createHash('sha256');
    if (algorithms.has('CRC32')) this.crc32 = 0;
    if (algorithms.has('CRC32C')) this.crc32c = 0;
    if (algorithms.has('CRC64NVME')) this.crc64 = [0, 0];
  }

  update(chunk: Buffer): void {
    this.size += chunk.length;
    this.md5.update(chunk);
    this.sha1?.update(chunk);
    this.sha256?.update(chunk);
    if (this.crc32 !== undefined) this.crc32 = crc32(chunk, this.crc32);
    if (this.crc32c !== undefined) this.crc32c = crc32c(chunk, this.crc32c);
    if (this.crc64 !== undefined) this.crc64 = crc64nvme(chunk, this.crc64);
  }

  /** Call once, after the last chunk. */
  result(): DigestResult {
    const checksums: Checksums = {};
    if (this.crc32 !== undefined) checksums.CRC32 = uint32Base64(this.crc32);
    if (this.crc32c !== undefined) checksums.CRC32C = uint32Base64(this.crc32c);
    if (this.crc64 !== undefined) checksums.CRC64NVME = crc64Bytes(this.crc64).toString('base64');
    if (this.sha1) checksums.SHA1 = this.sha1.digest('base64');
    const sha256 = this.sha256?.digest();
    if (sha256 && this.algorithms.has('SHA256')) checksums.SHA256 = sha256.toString('base64');
    const result: DigestResult = { size: this.size, md5Hex: this.md5.digest('hex'), checksums };
    if (sha256) result.sha256Hex = sha256.toString('hex');
    return result;
  }
}

/** Throws BodyDigestMismatch for the first expected digest that differs: size, MD5, SHA-256, checksums. */
export function checkDigests(actual: DigestResult, expected: ExpectedDigests): void {
  if (expected.size !== undefined && expected.size !== actual.size) {
    throw new BodyDigestMismatch('size', String(expected.size), String(actual.size));
  }
  const md5 = Buffer.from(actual.md5Hex, 'hex').toString('base64');
  if (expected.md5 !== undefined && expected.md5 !== md5)
    throw new BodyDigestMismatch('md5', expected.md5, md5);
  if (expected.sha256Hex !== undefined) {
    const sha256 = requireDigest(actual.sha256Hex, 'SHA256');
    if (expected.sha256Hex.toLowerCase() !== sha256)
      throw new BodyDigestMismatch('sha256', expected.sha256Hex, sha256);
  }
  for (const [algorithm, value] of Object.entries(expected.checksums ?? {}) as [
    ChecksumAlgorithm,
    string,
  ][]) {
    const computed = requireDigest(actual.checksums[algorithm], algorithm);
    if (value !== computed) throw new BodyDigestMismatch(algorithm, value, computed);
  }
}

/** What a write hashes besides MD5: the checksums asked, and those expected when known before the body. */
export interface DigestPlan {
  algorithms: ChecksumAlgorithm[];
  /** SHA-256 as hex, to check a signed payload hash. */
  sha256Hex: boolean;
}

export function digestPlan({ compute, expected }: BodyWriteOptions): DigestPlan {
  const algorithms = new Set(compute);
  if (typeof expected === 'function' || expected === undefined)
    return { algorithms: [...algorithms], sha256Hex: false };
  for (const algorithm of Object.keys(expected.checksums ?? {}))
    algorithms.add(algorithm as ChecksumAlgorithm);
  return { algorithms: [...algorithms], sha256Hex: expected.sha256Hex !== undefined };
}

export function digestsFor(options: BodyWriteOptions): BodyDigests {
  const plan = digestPlan(options);
  return new BodyDigests(new Set(plan.algorithms), plan.sha256Hex);
}

/** A written body's digests, once checked against what the write expected (BodyDigestMismatch if not). */
export function checkedResult(result: DigestResult, { expected }: BodyWriteOptions): DigestResult {
  const promised = typeof expected === 'function' ? expected() : expected;
  if (promised) checkDigests(result, promised);
  return result;
}

function requireDigest(value: string | undefined, algorithm: ChecksumAlgorithm): string {
  // INVARIANT: digests expected only after the body (trailing checksums) were named in `compute`.
  if (value === undefined) throw new Error(`${algorithm} was expected but not computed: name it in compute`);
  return value;
}

function uint32Base64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString('base64');
}
