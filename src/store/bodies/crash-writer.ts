// A child process for the crash test: writes 4 MiB bodies in a loop, each filled with one byte value and
// trickled in over ~100 ms (so a kill lands mid-write), and prints `<id> <value>` once each write is
// acknowledged, until it is killed.
// Usage: node --import tsx crash-writer.ts <dataDir>
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { openFileBodyStore } from './file-body-store.js';

const BODY_SIZE = 4 * 1024 * 1024;

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer <dataDir>');
const store = openFileBodyStore(dataDir);
for (let i = 0; ; i++) {
  const { id } = await store.write(Readable.from(trickle(i % 256)));
  // Writes to a pipe are synchronous on Linux: once this returns, the parent can read it.
  process.stdout.write(`${id} ${i % 256}\n`);
}

async function* trickle(fill: number) {
  const chunk = Buffer.alloc(64 * 1024, fill);
  for (let sent = 0; sent < BODY_SIZE; sent += chunk.length) {
    yield chunk;
    await sleep(1.5);
  }
}
