// The key range of an S3 listing (prefix, start after a marker) as bounds an index can seek to:
// `key >= from [AND key < end]`. SQLite compares TEXT as UTF-8 bytes (BINARY), and UTF-8 byte order
// is code point order, so both bounds are computed on code points here.

export interface KeyRange {
  /** Inclusive lower bound. */
  from: string;
  /** Exclusive upper bound; absent when none exists (no prefix, or one of only U+10FFFF). */
  end?: string;
}

/** The parameters of a listing statement seeking a key range. */
export interface RangeParams {
  bucket: string;
  from: string;
  end?: string;
  prefix: string;
  limit: number;
}

export function keyRange(prefix: string, after: string | undefined): KeyRange {
  // after + NUL is the smallest string above `after`, which turns the exclusive marker into an
  // inclusive bound, so one index seek serves both the marker and the prefix.
  const afterBound = after === undefined ? '' : `${after}\u0000`;
  const from = compareUtf8(afterBound, prefix) > 0 ? afterBound : prefix;
  const end = prefixEnd(prefix);
  return end === undefined ? { from } : { from, end };
}

/** Byte order of the UTF-8 encodings: S3's listing order. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The smallest string above every string starting with prefix: its last code point plus one. */
function prefixEnd(prefix: string): string | undefined {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = (points.pop() as string).codePointAt(0) as number;
    if (last < 0x10ffff) {
      // Skip the surrogate block, which UTF-8 cannot encode.
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return points.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}
