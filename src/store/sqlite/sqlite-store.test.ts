import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { A, account, policy, user } from '../contract/fixtures.js';
import { describeStoreContract } from '../store-contract.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openSqliteStore, SQLITE_FILE_NAME, type SqliteStore } from './sqlite-store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trustlab-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('SQLite :memory:', {
  open: () => openSqliteStore({ dataDir: ':memory:' }),
  // One connection: a read outside a transaction may see the transaction in progress.
  isolatedReads: false,
});

describeStoreContract('SQLite file', {
  open: () => openSqliteStore({ dataDir: tempDir() }),
  reopen: (closed) => openSqliteStore({ dataDir: dirname((closed as SqliteStore).file) }),
  isolatedReads: true,
});

describe('SQLite file store', () => {
  it('opens in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const store = openSqliteStore({ dataDir: tempDir() });
    expect(store.settings()).toEqual({ journalMode: 'wal', synchronous: 'FULL', foreignKeys: true });
    await store.close();
    const normal = openSqliteStore({ dataDir: tempDir(), synchronous: 'NORMAL' });
    expect(normal.settings().synchronous).toBe('NORMAL');
    await normal.close();
  });

  it('keeps everything across close and reopen, and reopening applies no migration again', async () => {
    const dir = tempDir();
    const store = openSqliteStore({ dataDir: dir });
    expect(store.file).toBe(join(dir, SQLITE_FILE_NAME));
    const p = policy(A, 'P');
    await store.transaction(async (tx) => {
      await tx.putAccount(account(A));
      await tx.createUser(user(A, 'David'));
      await tx.createPolicy(p);
      await tx.attachPolicy(A, 'user', 'David', p.arn);
    });
    await store.appendAudit({
      time: 1,
      requestId: 'r1',
      service: 'iam',
      operation: 'CreateUser',
      actions: [],
      resources: [],
    });
    await store.close();

    const db = new Database(join(dir, SQLITE_FILE_NAME));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    db.close();

    const again = openSqliteStore({ dataDir: dir });
    expect((await again.getUser(A, 'David'))?.name).toBe('David');
    expect((await again.listAttachedPolicies(A, 'user', 'David', {}, {})).items).toEqual([
      { policyName: 'P', policyArn: p.arn },
    ]);
    expect((await again.queryAudit({})).map((r) => r.requestId)).toEqual(['r1']);
    await again.close();
  });

  it('refuses a database written by a newer trustlab', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this trustlab/);
    db.close();
  });

  it('applies all steps of a migration or none', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE t (x); SELEC 1;' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'users'").get()).toEqual({
      n: 0,
    });
    expect(migrate(db, MIGRATIONS)).toEqual([1]);
    db.close();
  });
});
