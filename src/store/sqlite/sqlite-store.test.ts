import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { A, accessKey, account, policy, role, session, user } from '../contract/fixtures.js';
import { bucket, object } from '../contract/s3-fixtures.js';
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
    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });
});

describe('SQLite group commit', () => {
  const walBytes = (store: SqliteStore) => statSync(`${store.file}-wal`).size;

  it('commits the transactions asked for in one turn under one COMMIT, each acknowledged once committed', async () => {
    const grouped = openSqliteStore({ dataDir: tempDir() });
    const apart = openSqliteStore({ dataDir: tempDir() });
    for (const store of [grouped, apart]) await store.transaction((tx) => tx.putAccount(account(A)));
    const [groupedBefore, apartBefore] = [walBytes(grouped), walBytes(apart)];

    // A separate connection sees only what is committed.
    const observer = new Database(grouped.file, { readonly: true });
    const committed = observer.prepare('SELECT count(*) AS n FROM users WHERE name = ?');
    const seenAtAcknowledgement: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        grouped
          .transaction((tx) => tx.createUser(user(A, `u${i}`)))
          .then(() => seenAtAcknowledgement.push((committed.get(`u${i}`) as { n: number }).n)),
      ),
    );
    observer.close();
    expect(seenAtAcknowledgement).toEqual(Array(20).fill(1));
    for (let i = 0; i < 20; i++) await apart.transaction((tx) => tx.createUser(user(A, `u${i}`)));

    // Each COMMIT appends the pages it changed to the WAL: twenty commits write the same pages twenty times.
    const groupedGrowth = walBytes(grouped) - groupedBefore;
    const apartGrowth = walBytes(apart) - apartBefore;
    expect(groupedGrowth * 5).toBeLessThan(apartGrowth);
    await Promise.all([grouped.close(), apart.close()]);
  });

  it('rolls back only the transaction that failed, and runs the group in order', async () => {
    const store = openSqliteStore({ dataDir: tempDir() });
    await store.transaction((tx) => tx.putAccount(account(A)));
    const order: string[] = [];
    const results = await Promise.allSettled([
      store.transaction(async (tx) => {
        order.push('first');
        await tx.createUser(user(A, 'First'));
      }),
      store.transaction(async (tx) => {
        order.push('failing');
        await tx.createUser(user(A, 'Failing'));
        await tx.createPolicy(policy(A, 'FailingPolicy'));
        throw new Error('handler failed');
      }),
      store.transaction(async (tx) => {
        order.push('duplicate');
        await tx.createUser(user(A, 'first'));
      }),
      store.transaction(async (tx) => {
        order.push('last');
        // Reads the writes of the group's earlier members, not those of the failed one.
        expect(await tx.getUser(A, 'First')).toBeDefined();
        expect(await tx.getUser(A, 'Failing')).toBeUndefined();
        await tx.createUser(user(A, 'Last'));
      }),
    ]);
    expect(order).toEqual(['first', 'failing', 'duplicate', 'last']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((await store.listUsers(A, {}, {})).items.map((u) => u.name)).toEqual(['First', 'Last']);
    expect(await store.getPolicy(A, `arn:aws:iam::${A}:policy/FailingPolicy`)).toBeUndefined();
    await store.close();
  });

  it('commits audit records and transactions of one turn together, and close waits for them', async () => {
    const dir = tempDir();
    const store = openSqliteStore({ dataDir: dir });
    await store.transaction((tx) => tx.putAccount(account(A)));
    const audited = store.appendAudit({
      time: 1,
      requestId: 'r1',
      service: 'iam',
      operation: 'CreateUser',
      actions: [],
      resources: [],
    });
    const created = store.transaction((tx) => tx.createUser(user(A, 'David')));
    await store.close();
    await Promise.all([audited, created]);
    const again = openSqliteStore({ dataDir: dir });
    expect(await again.getUser(A, 'David')).toBeDefined();
    expect((await again.queryAudit({})).map((r) => r.requestId)).toEqual(['r1']);
    await again.close();
  });
});

describe('SQLite durability and IAM epoch', () => {
  const audit = { time: 1, requestId: 'r1', service: 'sts', operation: 'X', actions: [], resources: [] };

  it('syncs the WAL after a COMMIT and before acknowledging it, off the event loop; audit alone is not synced', async () => {
    const probe = await open(import.meta.filename, 'r');
    const fileHandle = Object.getPrototypeOf(probe) as { datasync(): Promise<void> };
    await probe.close();
    const events: string[] = [];
    const original = fileHandle.datasync;
    const spy = vi.spyOn(fileHandle, 'datasync').mockImplementation(async function (this: unknown) {
      events.push('sync');
      return original.call(this);
    });
    try {
      const store = openSqliteStore({ dataDir: tempDir() });
      await store.transaction((tx) => tx.putAccount(account(A))).then(() => events.push('ack'));
      await store.appendAudit(audit).then(() => events.push('audit'));
      expect(events).toEqual(['sync', 'ack', 'audit']);
      await store.close();
      const relaxed = openSqliteStore({ dataDir: tempDir(), synchronous: 'NORMAL' });
      await relaxed.transaction((tx) => tx.putAccount(account(A)));
      await relaxed.close();
      expect(events).toEqual(['sync', 'ack', 'audit']);
      // A transaction that need not wait for durability is answered at COMMIT, before its group's sync;
      // alone in its group it is not synced at all (the durable write that depends on it will be).
      events.length = 0;
      const again = openSqliteStore({ dataDir: tempDir() });
      await Promise.all([
        again.transaction((tx) => tx.putAccount(account(A))).then(() => events.push('durable')),
        again
          .transaction((tx) => tx.putInlineBody('i.x', Buffer.from('x')), { durable: false })
          .then(() => events.push('visible')),
      ]);
      expect(events).toEqual(['visible', 'sync', 'durable']);
      await again.transaction((tx) => tx.putInlineBody('i.y', Buffer.from('y')), { durable: false });
      expect(events).toEqual(['visible', 'sync', 'durable']);
      expect(await again.getInlineBody('i.y')).toEqual(Buffer.from('y'));
      await again.close();
    } finally {
      spy.mockRestore();
    }
  });

  it('moves the IAM epoch with IAM writes, before they are acknowledged, not with sessions or audit', async () => {
    const store = openSqliteStore({ dataDir: tempDir() });
    const start = store.iamEpoch();
    const seen = await store.transaction((tx) => tx.putAccount(account(A))).then(() => store.iamEpoch());
    expect(seen).toBeGreaterThan(start);
    const key = accessKey(A);
    await store.transaction((tx) => tx.createAccessKey(key));
    const afterKey = store.iamEpoch();
    expect(afterKey).toBeGreaterThan(seen);

    await store.transaction((tx) => tx.createSession(session(A, 'R', 's')));
    await store.transaction((tx) => tx.getUser(A, 'David'));
    store.noteAccessKeyUse(key.accessKeyId, { date: 2, service: 'sts', region: 'us-east-1' });
    await store.appendAudit(audit);
    expect(store.iamEpoch()).toBe(afterKey);

    // A transaction that wrote and then failed moves it too: on :memory: a read may have seen the write.
    const failed = store.transaction(async (tx) => {
      await tx.createUser(user(A, 'Gone'));
      throw new Error('handler failed');
    });
    await expect(failed).rejects.toThrow('handler failed');
    expect(store.iamEpoch()).toBeGreaterThan(afterKey);
    await store.close();
  });

  it('keeps bucket reads until a group that wrote a bucket ends, then reads again', async () => {
    for (const dataDir of [tempDir(), ':memory:']) {
      const store = openSqliteStore({ dataDir });
      await store.transaction(async (tx) => {
        await tx.putAccount(account(A));
        await tx.createBucket(bucket('kept'));
      });
      const first = await store.getBucket('kept');
      expect(await store.getBucket('kept')).toBe(first);
      // Kept records are frozen: a caller cannot change what the next one reads.
      expect(() => {
        (first as { policy?: string }).policy = 'changed';
      }).toThrow(TypeError);
      expect(await store.getBucket('missing')).toBeUndefined();
      expect(await store.getAccountPublicAccessBlock(A)).toBeUndefined();

      const block = {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      };
      await store.transaction(async (tx) => {
        await tx.updateBucket('kept', { policy: '{"Version":"2012-10-17"}' });
        await tx.createBucket(bucket('missing'));
        await tx.setAccountPublicAccessBlock(A, block);
      });
      expect((await store.getBucket('kept'))?.policy).toBe('{"Version":"2012-10-17"}');
      expect(await store.getBucket('missing')).toBeDefined();
      expect(await store.getAccountPublicAccessBlock(A)).toEqual(block);

      // A group that wrote a bucket and rolled back clears them too; object writes keep them.
      const kept = await store.getBucket('kept');
      await store.transaction((tx) => tx.putObject(object('kept', 'k')));
      expect(await store.getBucket('kept')).toBe(kept);
      const failed = store.transaction(async (tx) => {
        await tx.deleteBucket('missing');
        throw new Error('handler failed');
      });
      await expect(failed).rejects.toThrow('handler failed');
      expect(await store.getBucket('missing')).toBeDefined();
      expect(await store.getBucket('kept')).not.toBe(kept);
      await store.close();
    }
  });

  it('keeps role reads until an IAM change, through session writes', async () => {
    const store = openSqliteStore({ dataDir: tempDir() });
    await store.transaction(async (tx) => {
      await tx.putAccount(account(A));
      await tx.createRole(role(A, 'Target'));
    });
    const first = await store.getRole(A, 'Target');
    await store.transaction((tx) => tx.createSession(session(A, 'Target', 's1')));
    expect(await store.getRole(A, 'Target')).toBe(first);
    await store.transaction((tx) => tx.updateRole(A, 'Target', { description: 'changed' }));
    expect((await store.getRole(A, 'Target'))?.description).toBe('changed');
    await store.close();
  });
});
