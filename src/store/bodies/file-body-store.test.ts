import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BodyDigestMismatch, type BodyStore } from './body-store.js';
import { BODIES_FOLDER, openFileBodyStore } from './file-body-store.js';
import { chunked } from './test-sources.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trustlab-bodies-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const md5Base64 = (data: Buffer) => createHash('md5').update(data).digest('base64');

describe('file body store', () => {
  let dataDir: string;
  let store: BodyStore;
  const files = () => readdirSync(join(dataDir, BODIES_FOLDER));
  beforeEach(() => {
    dataDir = tempDir();
    store = openFileBodyStore(dataDir);
  });
  afterEach(() => store.close());

  it('keeps a body under its id and reads it back, with MD5 and the asked checksums', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const stored = await store.write(chunked(data), { compute: ['SHA256', 'CRC32C'] });
    expect(stored.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored.size).toBe(data.length);
    expect(stored.md5Hex).toBe(createHash('md5').update(data).digest('hex'));
    expect(stored.checksums.SHA256).toBe(createHash('sha256').update(data).digest('base64'));
    expect(Object.keys(stored.checksums).sort()).toEqual(['CRC32C', 'SHA256']);
    expect(files()).toEqual([stored.id]);
    expect(readFileSync(join(dataDir, BODIES_FOLDER, stored.id)).equals(data)).toBe(true);
    expect((await buffer(store.read(stored.id))).equals(data)).toBe(true);
    const empty = await store.write(Readable.from([]));
    expect(empty).toMatchObject({ size: 0, md5Hex: 'd41d8cd98f00b204e9800998ecf8427e', checksums: {} });
    expect(await buffer(store.read(empty.id))).toHaveLength(0);
  });

  it('keeps a body whose digests match what was promised, asking trailing ones once the source ends', async () => {
    const data = randomBytes(200_000);
    const expected = {
      md5: md5Base64(data),
      size: data.length,
      sha256Hex: createHash('sha256').update(data).digest('hex'),
    };
    expect((await store.write(chunked(data), { expected })).size).toBe(data.length);
    let ended = false;
    const source = chunked(data).on('end', () => {
      ended = true;
    });
    const crc = await store.write(chunked(data), { compute: ['CRC32'] });
    const trailing = await store.write(source, {
      compute: ['CRC32'],
      expected: () => {
        expect(ended).toBe(true);
        return { checksums: { CRC32: crc.checksums.CRC32 as string } };
      },
    });
    expect(trailing.checksums.CRC32).toBe(crc.checksums.CRC32);
    expect(files()).toHaveLength(3);
  });

  it('keeps nothing when a digest differs or the source fails', async () => {
    const data = randomBytes(2 * 1024 * 1024);
    const refused = [
      { expected: { md5: md5Base64(Buffer.from('other')) }, which: 'md5' },
      { expected: { size: data.length + 1 }, which: 'size' },
      { expected: { sha256Hex: '0'.repeat(64) }, which: 'sha256' },
      {
        expected: () => ({ checksums: { CRC64NVME: 'AAAAAAAAAAA=' } }),
        compute: ['CRC64NVME' as const],
        which: 'CRC64NVME',
      },
    ];
    for (const { expected, compute, which } of refused) {
      const error = await store.write(chunked(data), { expected, compute }).catch((e: unknown) => e);
      expect(error, which).toBeInstanceOf(BodyDigestMismatch);
      expect((error as BodyDigestMismatch).which).toBe(which);
    }
    await expect(store.write(chunked(data, 65_536, 1024 * 1024))).rejects.toThrow('connection reset');
    expect(files()).toEqual([]);
  });

  it('reads only as fast as the disk takes it: the source is never far ahead of the file', async () => {
    const total = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(65_536, 1);
    let pushed = 0;
    let ahead = 0;
    const source = new Readable({
      read() {
        const temp = files().find((name) => name.startsWith('.tmp-'));
        const written = temp ? statSync(join(dataDir, BODIES_FOLDER, temp)).size : 0;
        ahead = Math.max(ahead, pushed - written);
        if (pushed >= total) return this.push(null);
        pushed += chunk.length;
        this.push(chunk);
      },
    });
    expect((await store.write(source)).size).toBe(total);
    // Two 1 MiB batches (one being written, one filling) and the source's own buffer.
    expect(ahead).toBeLessThan(4 * 1024 * 1024);
  });

  it('reads a range of bytes, both ends inclusive', async () => {
    const data = randomBytes(100_000);
    const { id } = await store.write(chunked(data));
    for (const [start, end] of [
      [0, 0],
      [0, 99_999],
      [99_999, 99_999],
      [12_345, 67_890],
    ] as const) {
      expect((await buffer(store.read(id, { start, end }))).equals(data.subarray(start, end + 1))).toBe(true);
    }
  });

  it('concatenates parts in order into a new body and leaves the parts', async () => {
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(5 * 1024 * 1024), randomBytes(1000)];
    const ids: string[] = [];
    for (const part of parts) ids.push((await store.write(chunked(part))).id);
    const whole = Buffer.concat(parts);
    const joined = await store.concat([ids[2], ids[0], ids[1]] as string[], { compute: ['CRC64NVME'] });
    const expectedOrder = Buffer.concat([parts[2], parts[0], parts[1]] as Buffer[]);
    expect(joined.size).toBe(whole.length);
    expect(joined.md5Hex).toBe(createHash('md5').update(expectedOrder).digest('hex'));
    expect(joined.checksums.CRC64NVME).toBeDefined();
    expect((await buffer(store.read(joined.id))).equals(expectedOrder)).toBe(true);
    expect(files().sort()).toEqual([...ids, joined.id].sort());
    await expect(store.concat([ids[0] as string, 'AAAAAAAAAAAAAAAAAAAAAA'])).rejects.toThrow(/ENOENT/);
    expect(files()).toHaveLength(4);
  });

  it('removes bodies, and removing one twice is no error; refuses ids that are not ids', async () => {
    const a = await store.write(chunked(Buffer.from('a')));
    const b = await store.write(chunked(Buffer.from('b')));
    await store.remove([a.id]);
    await store.remove([a.id, b.id]);
    expect(files()).toEqual([]);
    expect(() => store.read('../../etc/passwd')).toThrow(/not a body id/);
    await expect(store.remove(['../x'])).rejects.toThrow(/not a body id/);
  });

  it('sweeps bodies no record names and leftover temporary files, never what this process wrote', async () => {
    const kept = await store.write(chunked(Buffer.from('kept')));
    const orphan = await store.write(chunked(Buffer.from('orphan')));
    const folder = join(dataDir, BODIES_FOLDER);
    writeFileSync(join(folder, '.tmp-crashedwrite000000'), 'half a body');
    writeFileSync(join(folder, 'README'), 'not ours: not an id');
    await store.close();
    // Files from before this store was opened: a second ago.
    const past = new Date(Date.now() - 1000);
    for (const name of readdirSync(folder)) utimesSync(join(folder, name), past, past);

    store = openFileBodyStore(dataDir);
    const fresh = await store.write(chunked(Buffer.from('fresh, not committed yet')));
    expect(await store.sweep((id) => id === kept.id)).toBe(2);
    expect(files().sort()).toEqual([kept.id, fresh.id, 'README'].sort());
    expect(files()).not.toContain(orphan.id);
    expect(await store.sweep(() => false)).toBe(1);
  });

  it('for :memory: data, keeps bodies in a temporary directory deleted at close', async () => {
    const memory = openFileBodyStore(':memory:');
    const { id } = await memory.write(chunked(Buffer.from('x')));
    const stream = memory.read(id);
    const path = (stream as unknown as { path: string }).path;
    expect(await buffer(stream)).toEqual(Buffer.from('x'));
    expect(existsSync(path)).toBe(true);
    await memory.close();
    expect(existsSync(path)).toBe(false);
    await expect(memory.write(chunked(Buffer.from('y')))).rejects.toThrow(/closed/);
  });

  it('writes bodies concurrently without mixing them', async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => Buffer.alloc(1024 * 1024 + i, i));
    const stored = await Promise.all(bodies.map((body) => store.write(chunked(body, 10_000))));
    await sleep(0);
    for (const [i, body] of bodies.entries()) {
      expect((await buffer(store.read((stored[i] as { id: string }).id))).equals(body)).toBe(true);
    }
  });
});
