// Body sources for the body stores' tests.
import { Readable } from 'node:stream';

/** A source of `data` in chunks of `size`, optionally failing after `failAfter` bytes. */
export function chunked(data: Buffer, size = 65_536, failAfter?: number): Readable {
  let at = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && at >= failAfter) return this.destroy(new Error('connection reset'));
      if (at >= data.length) return this.push(null);
      this.push(data.subarray(at, at + size));
      at += size;
    },
  });
}
