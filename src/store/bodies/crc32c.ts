// CRC-32C (Castagnoli), which S3 checks as x-amz-checksum-crc32c: reflected polynomial 0x82F63B78,
// init and final xor 0xFFFFFFFF (check value of "123456789": 0xE3069283). Node has CRC-32 (zlib) but
// not this one. Slice-by-8: eight bytes per step through eight tables, several times faster than a
// byte at a time. https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html

const T = makeTables(0x82f63b78);

/** Extends a running CRC (start from 0) over bytes; unsigned. */
export function crc32c(bytes: Uint8Array, previous = 0): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fast = bytes.length - (bytes.length % 8);
  let crc = ~previous;
  let i = 0;
  for (; i < fast; i += 8) {
    crc ^= view.getUint32(i, true);
    const next = view.getUint32(i + 4, true);
    crc =
      (T[1792 + (crc & 0xff)] as number) ^
      (T[1536 + ((crc >>> 8) & 0xff)] as number) ^
      (T[1280 + ((crc >>> 16) & 0xff)] as number) ^
      (T[1024 + (crc >>> 24)] as number) ^
      (T[768 + (next & 0xff)] as number) ^
      (T[512 + ((next >>> 8) & 0xff)] as number) ^
      (T[256 + ((next >>> 16) & 0xff)] as number) ^
      (T[next >>> 24] as number);
  }
  for (; i < bytes.length; i++) crc = (T[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** T[k * 256 + b]: the CRC contribution of byte b followed by k zero bytes. */
function makeTables(poly: number): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[b] = c;
  }
  for (let i = 256; i < t.length; i++) {
    const c = t[i - 256] as number;
    t[i] = (c >>> 8) ^ (t[c & 0xff] as number);
  }
  return t;
}
