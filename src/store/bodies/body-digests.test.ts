import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ChecksumAlgorithm } from '../s3-records.js';
import { BodyDigests, checkDigests, checkedResult, digestsFor } from './body-digests.js';
import { BodyDigestMismatch, type BodyWriteOptions } from './body-store.js';
import { crc32c } from './crc32c.js';
import { crc64Bytes, crc64nvme } from './crc64nvme.js';

/** CRC from its definition, a bit at a time in BigInt: nothing shared with the table-driven code. */
function referenceCrc(bytes: Uint8Array, width: 32 | 64, reflectedPoly: bigint): bigint {
  const mask = (1n << BigInt(width)) - 1n;
  let crc = mask;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ reflectedPoly : crc >> 1n;
  }
  return crc ^ mask;
}
const refCrc32c = (b: Uint8Array) => Number(referenceCrc(b, 32, 0x82f63b78n));
const refCrc64 = (b: Uint8Array) => referenceCrc(b, 64, 0x9a6c9329ac4bc9b5n).toString(16).padStart(16, '0');
const hex64 = (b: Uint8Array) => crc64Bytes(crc64nvme(b)).toString('hex');

const CHECK = Buffer.from('123456789');

describe('CRC-32C and CRC-64/NVME', () => {
  it('give the catalogued check values of "123456789"', () => {
    // https://reveng.sourceforge.io/crc-catalogue/all.htm (CRC-32/ISCSI, CRC-64/NVME)
    expect(crc32c(CHECK)).toBe(0xe3069283);
    expect(hex64(CHECK)).toBe('ae8b14860a799888');
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    expect(hex64(Buffer.alloc(0))).toBe('0000000000000000');
  });

  it('match the bitwise definition for every length and alignment up to 80 bytes', () => {
    const data = randomBytes(100);
    for (let offset = 0; offset < 9; offset++) {
      for (let length = 0; length <= 80; length++) {
        const slice = data.subarray(offset, offset + length);
        expect(crc32c(slice), `${offset}+${length}`).toBe(refCrc32c(slice));
        expect(hex64(slice), `${offset}+${length}`).toBe(refCrc64(slice));
      }
    }
  });

  it('extend a running value: chunks give the CRC of the whole', () => {
    const data = randomBytes(10_000);
    const cuts = [0, 1, 7, 8, 9, 100, 4097, 9999, 10_000];
    let c32 = 0;
    let c64 = crc64nvme(Buffer.alloc(0));
    for (let i = 1; i < cuts.length; i++) {
      const chunk = data.subarray(cuts[i - 1], cuts[i]);
      c32 = crc32c(chunk, c32);
      c64 = crc64nvme(chunk, c64);
    }
    expect(c32).toBe(refCrc32c(data));
    expect(crc64Bytes(c64).toString('hex')).toBe(refCrc64(data));
  });
});

describe('BodyDigests', () => {
  const ALL: ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

  it('computes MD5 and the asked checksums, base64 as S3 sends them, over any chunking', () => {
    const data = randomBytes(300_000);
    const digests = new BodyDigests(new Set(ALL));
    for (let at = 0; at < data.length; at += 65_537) digests.update(data.subarray(at, at + 65_537));
    const crc32Bytes = Buffer.alloc(4);
    crc32Bytes.writeUInt32BE(crc32(data));
    const crc32cBytes = Buffer.alloc(4);
    crc32cBytes.writeUInt32BE(refCrc32c(data));
    expect(digests.result()).toEqual({
      size: data.length,
      md5Hex: createHash('md5').update(data).digest('hex'),
      sha256Hex: createHash('sha256').update(data).digest('hex'),
      checksums: {
        CRC32: crc32Bytes.toString('base64'),
        CRC32C: crc32cBytes.toString('base64'),
        CRC64NVME: Buffer.from(refCrc64(data), 'hex').toString('base64'),
        SHA1: createHash('sha1').update(data).digest('base64'),
        SHA256: createHash('sha256').update(data).digest('base64'),
      },
    });
  });

  it('computes only MD5 when nothing else is asked', () => {
    const digests = new BodyDigests(new Set());
    digests.update(Buffer.from('abc'));
    expect(digests.result()).toEqual({ size: 3, md5Hex: '900150983cd24fb0d6963f7d28e17f72', checksums: {} });
  });

  it('gives an empty body the checksums S3 gives it', () => {
    // zlib's CRC-32 is S3's CRC32: same polynomial, init and xor. Empty body: AAAAAA==.
    const digests = new BodyDigests(new Set(['CRC32', 'CRC32C', 'CRC64NVME']));
    expect(digests.result().checksums).toEqual({
      CRC32: 'AAAAAA==',
      CRC32C: 'AAAAAA==',
      CRC64NVME: 'AAAAAAAAAAA=',
    });
  });

  it('checks expected digests in order: size, MD5, SHA-256, then each checksum', () => {
    const digests = new BodyDigests(new Set(['CRC32C']), true);
    digests.update(Buffer.from('abc'));
    const actual = digests.result();
    const md5 = Buffer.from(actual.md5Hex, 'hex').toString('base64');
    const good = { size: 3, md5, sha256Hex: actual.sha256Hex, checksums: actual.checksums };
    expect(() => checkDigests(actual, good)).not.toThrow();
    expect(() => checkDigests(actual, { ...good, sha256Hex: actual.sha256Hex?.toUpperCase() })).not.toThrow();
    const mismatch = (expected: Parameters<typeof checkDigests>[1]) => {
      try {
        checkDigests(actual, expected);
      } catch (error) {
        expect(error).toBeInstanceOf(BodyDigestMismatch);
        return (error as BodyDigestMismatch).which;
      }
      return undefined;
    };
    expect(mismatch({ ...good, size: 4, md5: 'x' })).toBe('size');
    expect(mismatch({ ...good, md5: '1B2M2Y8AsgTpgAmY7PhCfg==' })).toBe('md5');
    expect(mismatch({ ...good, sha256Hex: '0'.repeat(64) })).toBe('sha256');
    expect(mismatch({ checksums: { CRC32C: 'AAAAAA==' } })).toBe('CRC32C');
    // A checksum expected but never computed is a caller's bug, not the client's.
    expect(() => checkDigests(actual, { checksums: { SHA1: 'x' } })).toThrow(/name it in compute/);
  });

  it('computes what is expected up front as well as what is asked', () => {
    const computed = (options: BodyWriteOptions) => {
      const digests = digestsFor(options);
      digests.update(Buffer.from('abc'));
      const { checksums, sha256Hex } = digests.result();
      return { algorithms: Object.keys(checksums).sort(), sha256: sha256Hex !== undefined };
    };
    expect(computed({ compute: ['CRC32'], expected: { checksums: { SHA1: 'x' }, sha256Hex: 'ab' } })).toEqual(
      {
        algorithms: ['CRC32', 'SHA1'],
        sha256: true,
      },
    );
    // Expectations known only after the body (trailing checksums) add nothing up front.
    expect(computed({ compute: ['CRC64NVME'], expected: () => ({ checksums: { CRC32: 'x' } }) })).toEqual({
      algorithms: ['CRC64NVME'],
      sha256: false,
    });
  });

  it('checks the result against expectations given as a value or known only at the end', () => {
    const written = () => {
      const digests = digestsFor({});
      digests.update(Buffer.from('abc'));
      return digests;
    };
    expect(checkedResult(written().result(), { expected: { size: 3 } }).size).toBe(3);
    expect(() => checkedResult(written().result(), { expected: () => ({ size: 4 }) })).toThrow(
      BodyDigestMismatch,
    );
  });
});
