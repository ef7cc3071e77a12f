// Streams a source into a new file while hashing it, the two overlapped: one batch is written (in
// libuv's pool) while the next is read and handed to the digest thread. A Writable would serialize
// them: its 'drain' waits until everything queued is on disk. Memory stays bounded at two batches
// (plus the hasher's own bound); the source is read no faster than the disk and the hasher take it.

import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Hashes one batch before it is written (the digest thread's copy is taken at once). */
export type HashBatch = (chunks: readonly Buffer[], size: number) => Promise<void>;

const BATCH = 1024 * 1024;

/** Creates `path` (failing if it exists), fills it from source, fsyncs and closes it. */
export async function writeHashed(source: Readable, path: string, hash: HashBatch): Promise<void> {
  const file = await open(path, 'wx');
  try {
    let writing: Promise<void> = Promise.resolve();
    let batch: Buffer[] = [];
    let size = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      batch.push(chunk);
      size += chunk.length;
      if (size < BATCH) continue;
      await hash(batch, size);
      await writing;
      writing = writeFully(file, batch);
      // Awaited at the next batch or the end; until then a failure must not count as unhandled.
      writing.catch(() => undefined);
      batch = [];
      size = 0;
    }
    await hash(batch, size);
    await writing;
    await writeFully(file, batch);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function writeFully(file: FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    const { bytesWritten } = await file.writev(rest);
    rest = dropBytes(rest, bytesWritten);
  }
}

/** The buffers left after the first n bytes were written (writev may write less than asked). */
function dropBytes(buffers: Buffer[], n: number): Buffer[] {
  let skip = n;
  let i = 0;
  while (i < buffers.length && skip >= (buffers[i] as Buffer).length) skip -= (buffers[i++] as Buffer).length;
  const rest = buffers.slice(i);
  if (skip > 0 && rest.length > 0) rest[0] = (rest[0] as Buffer).subarray(skip);
  return rest;
}
