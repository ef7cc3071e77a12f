import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInlineBodyId } from './bodies/body-ids.js';
import { BodyDigestMismatch, type BodyStore } from './bodies/body-store.js';
import { BODIES_FOLDER } from './bodies/file-body-store.js';
import { INLINE_MAX } from './bodies/inline-body-store.js';
import { chunked } from './bodies/test-sources.js';
import { openBodyStore } from './open-body-store.js';
import { openSqliteStore, type SqliteStore } from './sqlite/sqlite-store.js';

const md5Hex = (data: Buffer) => createHash('md5').update(data).digest('hex');

describe('the served body store: small bodies inline in the database, large ones in files', () => {
  let dataDir: string;
  let store: SqliteStore;
  let bodies: BodyStore;
  const files = () => readdirSync(join(dataDir, BODIES_FOLDER));
  // A row's write is queued, not awaited: any transaction queued after it commits after it.
  const flushed = () => store.transaction(() => undefined);
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'trustlab-open-bodies-'));
    store = openSqliteStore({ dataDir });
    bodies = openBodyStore(dataDir, store);
  });
  afterEach(async () => {
    await bodies.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a body of up to INLINE_MAX bytes as a row, in small chunks or one', async () => {
    for (const [size, chunk] of [
      [0, 1],
      [1024, 100],
      [INLINE_MAX, 4096],
      [INLINE_MAX, INLINE_MAX],
    ] as const) {
      const data = randomBytes(size);
      const stored = await bodies.write(chunked(data, chunk), { compute: ['CRC32'] });
      expect(isInlineBodyId(stored.id)).toBe(true);
      expect(stored).toMatchObject({ size, md5Hex: md5Hex(data) });
      expect(stored.checksums.CRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
      await flushed();
      expect(await store.getInlineBody(stored.id)).toEqual(data);
      expect(await buffer(bodies.read(stored.id))).toEqual(data);
    }
    expect(files()).toEqual([]);
  });

  it('writes a longer body to a file, the bytes read before the decision included', async () => {
    const data = randomBytes(INLINE_MAX + 1);
    const stored = await bodies.write(chunked(data, 10_000), { expected: { md5: md5Base64(data) } });
    expect(isInlineBodyId(stored.id)).toBe(false);
    expect(files()).toEqual([stored.id]);
    expect(stored).toMatchObject({ size: data.length, md5Hex: md5Hex(data) });
    expect(await buffer(bodies.read(stored.id))).toEqual(data);
  });

  it('refuses a small body whose digests differ, keeping nothing', async () => {
    const data = randomBytes(10);
    const write = bodies.write(chunked(data), { expected: () => ({ md5: md5Base64(Buffer.from('other')) }) });
    await expect(write).rejects.toBeInstanceOf(BodyDigestMismatch);
    expect(await store.transaction((tx) => tx.sweepInlineBodies())).toBe(0);
  });

  it('passes on a failing source, small or large, keeping nothing', async () => {
    await expect(bodies.write(chunked(randomBytes(1000), 100, 500))).rejects.toThrow('connection reset');
    await expect(bodies.write(chunked(randomBytes(2 * INLINE_MAX), 8192, INLINE_MAX + 8192))).rejects.toThrow(
      'connection reset',
    );
    expect(await store.transaction((tx) => tx.sweepInlineBodies())).toBe(0);
    expect(files()).toEqual([]);
  });

  it('reads a range of an inline body, and concatenates inline and file parts in order', async () => {
    const small = randomBytes(1000);
    const large = randomBytes(INLINE_MAX * 2);
    const a = await bodies.write(chunked(small));
    const b = await bodies.write(chunked(large));
    await flushed();
    expect(await buffer(bodies.read(a.id, { start: 10, end: 19 }))).toEqual(small.subarray(10, 20));
    const whole = await bodies.concat([a.id, b.id, a.id]);
    expect(await buffer(bodies.read(whole.id))).toEqual(Buffer.concat([small, large, small]));
    const tiny = await bodies.concat([a.id, a.id]);
    expect(isInlineBodyId(tiny.id)).toBe(true);
    expect(tiny.md5Hex).toBe(md5Hex(Buffer.concat([small, small])));
  });

  it('removes inline and file bodies alike, and sweeps the rows and files no record names', async () => {
    const small = await bodies.write(Readable.from([Buffer.from('small')]));
    const large = await bodies.write(chunked(randomBytes(INLINE_MAX + 10)));
    await flushed();
    await bodies.remove([small.id, large.id]);
    expect(await store.getInlineBody(small.id)).toBeUndefined();
    expect(files()).toEqual([]);
    await bodies.write(Readable.from([Buffer.from('orphan')]));
    // Files are swept only when older than the store (a running write may still own them): rows always.
    expect(await bodies.sweep(() => false)).toBe(1);
  });
});

function md5Base64(data: Buffer): string {
  return createHash('md5').update(data).digest('base64');
}
