// "A crash never leaves half a body under an id": a child writes bodies in a loop and reports each
// acknowledged one; we kill it without warning (most likely mid-write) and inspect the directory.
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runUntilKilled } from '../run-until-killed.js';
import { BODIES_FOLDER, openFileBodyStore } from './file-body-store.js';

const BODY_SIZE = 4 * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'trustlab-bodies-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer and SIGKILLs it after `bodies` acknowledged writes; returns them as id → fill byte. */
async function runAndKill(bodies: number): Promise<Map<string, number>> {
  const acknowledged = new Map<string, number>();
  const writer = new URL('./crash-writer.ts', import.meta.url);
  // Some 40 ms into the next body, which takes ~100 ms to arrive.
  await runUntilKilled(
    writer,
    dir,
    (line) => {
      const [id, fill] = line.split(' ');
      acknowledged.set(id as string, Number(fill));
      return acknowledged.size >= bodies;
    },
    40,
  );
  return acknowledged;
}

describe('file body store under kill -9', () => {
  it('keeps every acknowledged body whole, nothing half-written under an id, and sweeps the rest', async () => {
    const all = new Map<string, number>();
    let interrupted = 0;
    for (let round = 0; round < 3; round++) {
      for (const [id, fill] of await runAndKill(3)) all.set(id, fill);
      const folder = join(dir, BODIES_FOLDER);
      for (const name of readdirSync(folder)) {
        if (name.startsWith('.tmp-')) {
          interrupted++;
          continue;
        }
        // Whatever carries an id is a whole body: the right size, one fill byte throughout.
        const body = readFileSync(join(folder, name));
        expect(body.length, name).toBe(BODY_SIZE);
        expect(
          body.every((b) => b === body[0]),
          name,
        ).toBe(true);
        if (all.has(name)) expect(body[0]).toBe(all.get(name));
      }
      for (const id of all.keys()) expect(readdirSync(folder)).toContain(id);

      // What the crash left is older than the next store: its sweep keeps only what is referenced.
      const past = new Date(Date.now() - 1000);
      for (const name of readdirSync(folder)) utimesSync(join(folder, name), past, past);
      const store = openFileBodyStore(dir);
      await store.sweep((id) => all.has(id));
      await store.close();
      expect(readdirSync(folder).sort()).toEqual([...all.keys()].sort());
    }
    // The kills did land mid-write, leaving temporary files (then swept).
    expect(interrupted).toBeGreaterThan(0);
  }, 60_000);
});
