// Streams a source into a new file while hashing it, the two overlapped: one batch is written (in
// libuv's pool) while the next is hashed (on the main thread). A Writable would serialize them: its
// 'drain' waits until everything queued is on disk, so the hasher would idle during every write.
// Memory stays bounded at two batches; the source is read no faster than the disk takes it.

import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { BodyDigests } from './body-digests.js';

const BATCH = 1024 * 1024;

/** Creates `path` (failing if it exists), fills it from source, fsyncs and closes it. */
export async function writeHashed(source: Readable, path: string, digests: BodyDigests): Promise<void> {
  const file = await open(path, 'wx');
  try {
    let writing: Promise<void> = Promise.resolve();
    let batch: Buffer[] = [];
    let size = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      digests.update(chunk);
      batch.push(chunk);
      size += chunk.length;
      if (size < BATCH) continue;
      await writing;
      writing = writeFully(file, batch);
      // Awaited at the next batch or the end; until then a failure must not count as unhandled.
      writing.catch(() => undefined);
      batch = [];
      size = 0;
    }
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
