// The BodyStore on the local disk: one file per body under `<dataDir>/objects/`, named by a random id.
// A write streams into `.tmp-<random>` beside the bodies (same directory, so the rename is atomic)
// while hashing, fsyncs it, checks the expected digests once the source has ended, renames the file to
// its id and fsyncs the directory so the name itself survives a power loss. Anything else (a digest
// mismatch, a failing source, a crash) leaves at most a temporary file, which never has an id's name
// and which the next start's sweep removes. Backpressure holds: a body is never held whole in memory.
import { closeSync, createReadStream, fsync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { readdir, rename, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { checkedResult, digestPlan } from './body-digests.js';
import { newBodyId } from './body-ids.js';
import type { BodyStore, BodyWriteOptions, ByteRange, StoredBody } from './body-store.js';
import { RemoteDigests } from './remote-digests.js';
import { writeHashed } from './write-hashed.js';

/** The folder under the data directory that holds the bodies. */
export const BODIES_FOLDER = 'objects';

const TEMP_PREFIX = '.tmp-';
const fsyncDir = promisify(fsync);
const ID = /^[A-Za-z0-9_-]{16,64}$/;
/** Bigger than the 16/64 KiB defaults: fewer system calls per GiB, still bounded memory per stream. */
const CHUNK = 1024 * 1024;

/** Bodies of `<dataDir>/objects/`; for `:memory:` data, a temporary directory deleted at close. */
export function openFileBodyStore(dataDir: string): BodyStore {
  const temporary = dataDir === ':memory:';
  const root = temporary ? mkdtempSync(join(tmpdir(), 'trustlab-bodies-')) : dataDir;
  const dir = join(root, BODIES_FOLDER);
  mkdirSync(dir, { recursive: true });
  return new FileBodyStore(dir, temporary ? root : undefined);
}

class FileBodyStore implements BodyStore {
  /** Kept open to fsync the directory after each rename. */
  private readonly dirFd: number;
  /** Files this process wrote are never swept by it: a write or its transaction may still be running. */
  // File times come from the kernel's coarse clock, which can lag Date.now() by a few milliseconds: a
  // margin keeps a body written right after opening from looking older than the store.
  private readonly openedAt = Date.now() - 100;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly removeAtClose: string | undefined,
  ) {
    this.dirFd = openSync(dir, 'r');
  }

  async write(source: Readable, options: BodyWriteOptions = {}): Promise<StoredBody> {
    this.assertOpen();
    const digests = new RemoteDigests(digestPlan(options));
    const tempPath = join(this.dir, `${TEMP_PREFIX}${newBodyId()}`);
    try {
      await writeHashed(source, tempPath, (chunks, size) => digests.update(chunks, size));
      const result = checkedResult(await digests.result(), options);
      const id = newBodyId();
      await rename(tempPath, join(this.dir, id));
      await fsyncDir(this.dirFd);
      return { id, size: result.size, md5Hex: result.md5Hex, checksums: result.checksums };
    } catch (error) {
      digests.abort();
      await unlink(tempPath).catch(() => undefined);
      throw error;
    }
  }

  concat(ids: readonly string[], options?: BodyWriteOptions): Promise<StoredBody> {
    const paths = ids.map((id) => this.path(id));
    async function* parts() {
      for (const path of paths) yield* createReadStream(path, { highWaterMark: CHUNK });
    }
    return this.write(Readable.from(parts(), { objectMode: false }), options);
  }

  read(id: string, range?: ByteRange): Readable {
    // A stream's buffer is its highWaterMark: a 1 KiB object must not cost a 1 MiB allocation.
    const length = range ? range.end - range.start + 1 : CHUNK;
    return createReadStream(this.path(id), { highWaterMark: Math.max(1, Math.min(CHUNK, length)), ...range });
  }

  async remove(ids: readonly string[]): Promise<void> {
    await Promise.all(ids.map((id) => unlink(this.path(id)).catch(ignoreMissing)));
  }

  async sweep(isReferenced: (id: string) => boolean): Promise<number> {
    this.assertOpen();
    let removed = 0;
    for (const name of await readdir(this.dir)) {
      const orphan = name.startsWith(TEMP_PREFIX) || (ID.test(name) && !isReferenced(name));
      if (!orphan) continue;
      const path = join(this.dir, name);
      const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Number.POSITIVE_INFINITY }));
      if (mtimeMs >= this.openedAt) continue;
      await unlink(path).catch(ignoreMissing);
      removed++;
    }
    return removed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.dirFd);
    if (this.removeAtClose) rmSync(this.removeAtClose, { recursive: true, force: true });
  }

  private path(id: string): string {
    // Ids come from records, but a path is built from them: refuse anything that could leave the folder.
    if (!ID.test(id)) throw new Error(`not a body id: ${JSON.stringify(id)}`);
    return join(this.dir, id);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the body store is closed');
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
}
