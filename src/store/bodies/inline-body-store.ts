// Small bodies go into the store's database, large ones to files. A body that ends within INLINE_MAX
// bytes is kept as a row whose write is queued before write() resolves, so the record that names it
// commits after it, usually in the same group: a small PUT then shares one commit with every other
// request instead of paying a file's create, fsync, rename and directory fsync. A longer body is handed
// on to the file store with the bytes already read in front, so memory stays bounded by INLINE_MAX per
// write whatever the size.
import { Readable } from 'node:stream';
import { checkedResult, digestsFor } from './body-digests.js';
import { isInlineBodyId, newInlineBodyId } from './body-ids.js';
import type { BodyStore, BodyWriteOptions, ByteRange, StoredBody } from './body-store.js';
import { RecentBodies } from './recent-bodies.js';

/** Bodies up to this size are kept inline: larger rows would slow the database's pages for little gain. */
export const INLINE_MAX = 64 * 1024;
/** Inline bodies kept in memory as well: a GET of a small object just written or read needs no read. */
const RECENT_BYTES = 16 * 1024 * 1024;

/** The store's side of inline bodies (see s3-store.ts). */
export interface InlineBodyTable {
  get(id: string): Promise<Buffer | undefined>;
  /**
   * Queues the row's write; it commits before any transaction queued after this call. Its failure is
   * seen there: a record naming an inline body that is not stored is refused (NoSuchEntity).
   */
  put(id: string, bytes: Buffer): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  /** Removes rows no record names; returns how many. */
  sweep(): Promise<number>;
}

export function withInlineBodies(files: BodyStore, table: InlineBodyTable): BodyStore {
  const recent = new RecentBodies(RECENT_BYTES);
  const read = (id: string, range?: ByteRange): Readable => {
    if (!isInlineBodyId(id)) return files.read(id, range);
    return Readable.from(inlineBytes(table, recent, id, range), { objectMode: false });
  };
  const write = async (source: Readable, options: BodyWriteOptions = {}): Promise<StoredBody> => {
    const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const head: Buffer[] = [];
    let size = 0;
    while (size <= INLINE_MAX) {
      const next = await chunks.next();
      if (next.done) return keepInline(table, recent, Buffer.concat(head, size), options);
      head.push(next.value);
      size += next.value.length;
    }
    return files.write(Readable.from(headThenRest(head, chunks), { objectMode: false }), options);
  };
  return {
    write,
    concat(ids, options) {
      async function* parts() {
        for (const id of ids) yield* read(id);
      }
      return write(Readable.from(parts(), { objectMode: false }), options);
    },
    read,
    async remove(ids) {
      recent.drop(ids);
      await Promise.all([
        table.remove(ids.filter(isInlineBodyId)),
        files.remove(ids.filter((id) => !isInlineBodyId(id))),
      ]);
    },
    async sweep(isReferenced) {
      return (await files.sweep(isReferenced)) + (await table.sweep());
    },
    close: () => files.close(),
  };
}

async function keepInline(
  table: InlineBodyTable,
  recent: RecentBodies,
  bytes: Buffer,
  options: BodyWriteOptions,
): Promise<StoredBody> {
  const digests = digestsFor(options);
  digests.update(bytes);
  const { size, md5Hex, checksums } = checkedResult(digests.result(), options);
  const id = newInlineBodyId();
  // Not awaited: the record that names the body is queued after it and commits in the same group.
  table.put(id, bytes).catch(() => undefined);
  recent.keep(id, bytes);
  return { id, size, md5Hex, checksums };
}

async function* headThenRest(head: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

async function* inlineBytes(
  table: InlineBodyTable,
  recent: RecentBodies,
  id: string,
  range?: ByteRange,
): AsyncGenerator<Buffer> {
  let bytes = recent.get(id);
  if (!bytes) {
    bytes = await table.get(id);
    if (!bytes) throw new Error(`no inline body ${id}`);
    recent.keep(id, bytes);
  }
  yield range ? bytes.subarray(range.start, range.end + 1) : bytes;
}
