// "Survives kill -9, never loses an acknowledged change": a child commits in a loop and reports each
// acknowledged commit; we kill it without warning mid-loop and check the reopened database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runUntilKilled } from '../run-until-killed.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'trustlab-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until `commits` acknowledged commits, then SIGKILLs it; returns the last one acknowledged. */
async function runAndKill(commits: number, from: number): Promise<number> {
  let last = -1;
  await runUntilKilled(new URL('./crash-writer.ts', import.meta.url), dir, (line) => {
    last = Number(line);
    return last + 1 - from >= commits;
  });
  return last;
}

describe('SQLite store under kill -9', () => {
  it('keeps every acknowledged transaction whole, and no partial one, over three crashes', async () => {
    let users = 0;
    const acknowledged: number[] = [];
    for (let round = 0; round < 3; round++) {
      const from = users;
      const last = await runAndKill(150, from);
      for (let i = from; i <= last; i++) acknowledged.push(i);
      expect(last).toBeGreaterThanOrEqual(users + 149);

      const db = new Database(join(dir, SQLITE_FILE_NAME));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();

      const store = openSqliteStore({ dataDir: dir });
      users = (await store.countAccountEntities('999999999999')).users;
      // The transaction in flight when the kill came may have committed without being reported.
      expect([last + 1, last + 2]).toContain(users);
      const listed = (await store.listUsers('999999999999', {}, { maxItems: 1000 })).items;
      expect(listed).toHaveLength(users);
      for (let i = 0; i < users; i++) {
        const name = `u${i}`;
        expect(await store.getUser('999999999999', name), name).toBeDefined();
        expect(await store.listAccessKeys('999999999999', name), name).toHaveLength(1);
        expect((await store.getInlinePolicy('999999999999', 'user', name, 'p'))?.document, name).toBe(
          `{"n":${i}}`,
        );
      }
      const audited = new Set((await store.queryAudit({ limit: 10_000 })).map((r) => r.requestId));
      for (const i of acknowledged) expect(audited.has(`r${i}`), `r${i}`).toBe(true);
      await store.close();
    }
  });
});
