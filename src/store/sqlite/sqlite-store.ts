// The embedded backend: one SQLite file under the data directory, or `:memory:` for tests.
//
// - WAL, so readers never wait for the writer; a second, read-only connection serves reads outside
//   transactions and therefore sees committed data only. (`:memory:` has one connection: there,
//   concurrent reads may see a transaction in progress.)
// - synchronous=FULL by default: every commit is fsynced before it is acknowledged, so an acknowledged
//   change survives a power loss, not only a kill -9 (NORMAL survives kill -9 too, but may lose the last
//   commits on an OS crash). https://www.sqlite.org/pragma.html#pragma_synchronous
//   The fsync is ours, not SQLite's: the connection runs with NORMAL (SQLite still syncs around its
//   checkpoints) and, after a COMMIT, we fdatasync the WAL file in libuv's thread pool, then answer. The
//   WAL is appended in commit order, so that one sync makes this commit and every earlier one durable,
//   as FULL's would, without blocking the event loop for the ~0.3-1 ms an fsync takes here (SQLite's own
//   sync inside COMMIT held the event loop ~27 % of the time under AssumeRole load).
// - Group commit. Transactions run one at a time, in the order asked for, each inside its own SAVEPOINT;
//   all those asked for in one turn of the event loop (or while the previous group ran) share one
//   BEGIN IMMEDIATE … COMMIT, so one fsync acknowledges them all. A caller is answered only after that
//   COMMIT; a transaction that throws is rolled back to its savepoint and takes no other with it.
//   A group waits for the sync under way, so that everything asked for meanwhile commits together; the
//   sync itself runs after COMMIT, and groups whose COMMIT comes during one share the next.
//   A transaction asked with `durable: false` is answered right after COMMIT, before the sync (a small
//   object body, which its record's durable commit follows).
// - Audit records and access-key last-use notes are batched into the same group. A group of only those
//   is not synced: it survives a kill -9 like everything else; a power loss may take the last batch. The
//   next synced commit or checkpoint makes them durable too. IAM/STS changes are always synced.
// - The IAM epoch counts the groups whose transactions called an IAM write (WRITE_KINDS); it moves on
//   after their COMMIT (or rollback) and before any of them is answered, so authorization's caches
//   of IAM reads are dropped exactly when they could be stale. AssumeRole's session writes leave it.
//   The reads the store keeps (read-cache.ts) are cleared likewise: roles with the epoch, buckets and
//   account Block Public Access by groups that wrote a bucket.
import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AccessKeyUse, AuditInput } from '../records.js';
import type { AuditFilter, Store, StoreReads, StoreTx, StoreWrites, TransactionOptions } from '../store.js';
import { makeAccessKeyOps } from './access-key-ops.js';
import { makeAccountOps } from './account-ops.js';
import { makeAttachmentOps } from './attachment-ops.js';
import { type AuditOps, makeAuditOps } from './audit-ops.js';
import { makeBucketOps } from './bucket-ops.js';
import { makeGroupOps } from './group-ops.js';
import { makeInlineBodyOps } from './inline-body-ops.js';
import { makeMfaOps } from './mfa-ops.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { makeObjectOps } from './object-ops.js';
import { makePolicyOps } from './policy-ops.js';
import { ReadCache } from './read-cache.js';
import { makeRoleOps } from './role-ops.js';
import { makeSessionOps } from './session-ops.js';
import { makeUploadOps } from './upload-ops.js';
import { makeUserOps } from './user-ops.js';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export interface SqliteStoreOptions {
  /** The data directory (created if missing; the file is `<dir>/trustlab.db`), or `:memory:`. */
  dataDir: string;
  /** Defaults to FULL. */
  synchronous?: SqliteSynchronous;
}

export const SQLITE_FILE_NAME = 'trustlab.db';

export interface SqliteStore extends Store {
  /** The database file, or `:memory:`. */
  readonly file: string;
  /** The connection settings in force, for diagnostics (`trustlab serve` prints where data lives). */
  settings(): { journalMode: string; synchronous: SqliteSynchronous; foreignKeys: boolean };
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const engine = new SqliteEngine(options);
  return {
    ...engine.reads,
    file: engine.file,
    settings: () => engine.settings(),
    transaction: (fn, options) => engine.transaction(fn, options),
    noteAccessKeyUse: (id, use) => engine.noteAccessKeyUse(id, use),
    appendAudit: (record) => engine.appendAudit(record),
    queryAudit: async (filter) => engine.queryAudit(filter),
    iamEpoch: () => engine.iamEpoch,
    close: () => engine.close(),
  };
}

// What each write changes, for what reads keep: IAM state moves the IAM epoch (authorization's caches);
// buckets and account Block Public Access settings clear the bucket read cache. Every write is listed,
// so a new one does not compile until it is classed.
type WriteKind = 'iam' | 'bucket' | 'other';
const WRITE_KINDS: Readonly<Record<keyof StoreWrites, WriteKind>> = {
  putAccount: 'iam',
  setAccountAlias: 'iam',
  createUser: 'iam',
  updateUser: 'iam',
  deleteUser: 'iam',
  createGroup: 'iam',
  updateGroup: 'iam',
  deleteGroup: 'iam',
  addUserToGroup: 'iam',
  removeUserFromGroup: 'iam',
  createRole: 'iam',
  updateRole: 'iam',
  deleteRole: 'iam',
  createPolicy: 'iam',
  putAwsManagedPolicy: 'iam',
  createPolicyVersion: 'iam',
  setDefaultPolicyVersion: 'iam',
  deletePolicyVersion: 'iam',
  setPolicyTags: 'iam',
  deletePolicy: 'iam',
  attachPolicy: 'iam',
  detachPolicy: 'iam',
  putInlinePolicy: 'iam',
  deleteInlinePolicy: 'iam',
  createAccessKey: 'iam',
  setAccessKeyStatus: 'iam',
  deleteAccessKey: 'iam',
  putLoginProfile: 'iam',
  deleteLoginProfile: 'iam',
  createMfaDevice: 'iam',
  updateMfaDevice: 'iam',
  deleteMfaDevice: 'iam',
  createSession: 'other',
  deleteExpiredSessions: 'other',
  createBucket: 'bucket',
  updateBucket: 'bucket',
  deleteBucket: 'bucket',
  setAccountPublicAccessBlock: 'bucket',
  putObject: 'other',
  deleteObjectVersion: 'other',
  updateObject: 'other',
  createUpload: 'other',
  putPart: 'other',
  deleteUpload: 'other',
  putInlineBody: 'other',
  deleteInlineBodies: 'other',
  sweepInlineBodies: 'other',
};

class SqliteEngine {
  readonly file: string;
  readonly reads: StoreReads;
  /** Store.iamEpoch. */
  iamEpoch = 0;
  /** Whether the running group called an IAM write, or a bucket write. */
  private groupChangesIam = false;
  private groupChangesBuckets = false;
  private readonly bucketReads = new ReadCache();
  private readonly iamReads = new ReadCache();
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly tx: StoreTx;
  private readonly audit: AuditOps;
  private readonly pendingUses = new Map<string, AccessKeyUse>();
  private pendingAudit: { record: AuditInput; settle: (error?: unknown) => void }[] = [];
  private waiting: Queued[] = [];
  private groupScheduled = false;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackToSavepoint: Database.Statement;
  private readonly noteUse: Database.Statement;
  private readonly synchronous: SqliteSynchronous;
  /** The WAL file, opened at the first commit we sync; undefined for `:memory:` or with NORMAL. */
  private wal: FileHandle | undefined;
  /** The latest WAL sync asked for, and the one not yet started that new callers may share. */
  private lastSync: Promise<void> = Promise.resolve();
  private nextSync: Promise<void> | undefined;

  constructor(options: SqliteStoreOptions) {
    const memory = options.dataDir === ':memory:';
    if (!memory) mkdirSync(options.dataDir, { recursive: true });
    this.file = memory ? ':memory:' : join(options.dataDir, SQLITE_FILE_NAME);
    this.writer = new Database(this.file);
    if (!memory) this.writer.pragma('journal_mode = WAL');
    this.synchronous = options.synchronous ?? 'FULL';
    this.writer.pragma('synchronous = NORMAL');
    this.writer.pragma('foreign_keys = ON');
    this.writer.pragma('busy_timeout = 5000');
    migrate(this.writer, MIGRATIONS);
    this.reader = memory ? this.writer : new Database(this.file, { readonly: true });
    if (!memory) this.reader.pragma('busy_timeout = 5000');
    const reads = makeOps(preparedOnFirstUse(this.reader), this.pendingUses);
    this.reads = this.iamReads.wrap(
      this.bucketReads.wrap(reads, ['getBucket', 'getAccountPublicAccessBlock']),
      ['getRole'],
    );
    this.tx = makeOps(preparedOnFirstUse(this.writer), this.pendingUses);
    this.audit = makeAuditOps(this.writer);
    this.begin = this.writer.prepare('BEGIN IMMEDIATE');
    this.commit = this.writer.prepare('COMMIT');
    this.rollback = this.writer.prepare('ROLLBACK');
    this.savepoint = this.writer.prepare('SAVEPOINT one');
    this.release = this.writer.prepare('RELEASE one');
    this.rollbackToSavepoint = this.writer.prepare('ROLLBACK TO one');
    this.noteUse = this.writer.prepare(`UPDATE access_keys SET last_used_date = ?, last_used_service = ?,
      last_used_region = ? WHERE id = ?`);
  }

  settings() {
    return {
      journalMode: String(this.writer.pragma('journal_mode', { simple: true })),
      // What an acknowledged commit has had: FULL's sync is ours (see the top of this file).
      synchronous: this.synchronous,
      foreignKeys: this.writer.pragma('foreign_keys', { simple: true }) === 1,
    };
  }

  transaction<T>(fn: (tx: StoreTx) => T | Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise<T>((resolve, reject) => {
      const durable = options.durable ?? true;
      this.waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject, durable });
      this.scheduleGroup();
    });
  }

  noteAccessKeyUse(accessKeyId: string, use: AccessKeyUse): void {
    this.pendingUses.set(accessKeyId, use);
    this.scheduleGroup();
  }

  appendAudit(record: AuditInput): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.pendingAudit.push({ record, settle: (error) => (error ? reject(error) : resolve()) });
      this.scheduleGroup();
    });
  }

  queryAudit(filter: AuditFilter) {
    return this.audit.query(filter);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.serialize(() => this.runGroup());
    await this.lastSync.catch(() => undefined);
    await this.wal?.close();
    if (this.reader !== this.writer) this.reader.close();
    this.writer.close();
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private scheduleGroup(): void {
    if (this.groupScheduled || this.closed) return;
    this.groupScheduled = true;
    // setImmediate runs after this turn's I/O callbacks: every request read in this turn joins the group.
    setImmediate(() => {
      this.groupScheduled = false;
      void this.serialize(() => this.runGroup());
    });
  }

  /** Runs the waiting transactions, then writes the batched audit records and key uses, under one COMMIT. */
  private async runGroup(): Promise<void> {
    // While a sync runs, what arrives waits for it and then commits as one group: fewer, larger commits.
    await this.lastSync.catch(() => undefined);
    const group = this.waiting;
    const audit = this.pendingAudit;
    const uses = [...this.pendingUses];
    if (group.length === 0 && audit.length === 0 && uses.length === 0) return;
    this.waiting = [];
    this.pendingAudit = [];
    // What has run in the open transaction, told once COMMIT has succeeded (and, for `done`, been
    // synced) or failed.
    let done: ((error?: unknown) => void)[] = [];
    let visible: ((error?: unknown) => void)[] = [];
    const failed = (error: unknown) => {
      // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, IOERR, BUSY…): the
      // group's earlier members are lost with it.
      if (this.writer.inTransaction) return;
      for (const settle of [...visible, ...done]) settle(error);
      done = [];
      visible = [];
    };
    const durable = group.some((queued) => queued.durable);
    try {
      for (const { fn, resolve, reject, durable: waitsForSync } of group) {
        const outcome = await this.inSavepoint(fn);
        if ('error' in outcome) {
          reject(outcome.error);
          failed(outcome.error);
        } else {
          (waitsForSync ? done : visible).push((error) => (error ? reject(error) : resolve(outcome.value)));
        }
      }
      const notes = await this.inSavepoint(() => {
        for (const { record } of audit) this.audit.insert(record);
        for (const [id, use] of uses) this.noteUse.run(use.date, use.service, use.region, id);
      });
      if ('error' in notes) {
        for (const { settle } of audit) settle(notes.error);
        failed(notes.error);
      } else {
        for (const { settle } of audit) done.push(settle);
        done.push((error) => {
          if (error) return;
          for (const [id, use] of uses) if (this.pendingUses.get(id) === use) this.pendingUses.delete(id);
        });
      }
      if (this.writer.inTransaction) this.commit.run();
    } catch (error) {
      if (this.writer.inTransaction) this.rollback.run();
      this.endGroupChanges();
      for (const settle of [...visible, ...done]) settle(error);
      return;
    }
    this.endGroupChanges();
    for (const settle of visible) settle();
    // The group is answered once its sync is done; the next group starts after that sync.
    const synced = durable ? this.syncSoon() : Promise.resolve();
    synced.then(
      () => {
        for (const settle of done) settle();
      },
      // A failed sync fails the group, as SQLite's own would: its commit is not known durable.
      (error: unknown) => {
        for (const settle of done) settle(error);
      },
    );
  }

  /**
   * Resolves once a WAL sync that started after this call has ended, making every commit before the call
   * durable. Callers that come while a sync runs share the one that follows it.
   */
  private syncSoon(): Promise<void> {
    if (this.nextSync) return this.nextSync;
    const next = this.lastSync
      .catch(() => undefined)
      .then(() => {
        this.nextSync = undefined;
        return this.syncWal();
      });
    this.nextSync = next;
    this.lastSync = next;
    return next;
  }

  /** Makes every commit so far durable (the WAL is synced before SQLite checkpoints it, too). */
  private async syncWal(): Promise<void> {
    if (this.synchronous !== 'FULL' || this.file === ':memory:') return;
    this.wal ??= await open(`${this.file}-wal`, 'r');
    await this.wal.datasync();
  }

  /**
   * Moves the epoch on and clears the IAM reads kept if the group that just ended called an IAM write,
   * and clears the bucket reads if it wrote a bucket (even when rolled back).
   */
  private endGroupChanges(): void {
    if (this.groupChangesIam) {
      this.iamEpoch++;
      this.iamReads.clear();
    }
    if (this.groupChangesBuckets) this.bucketReads.clear();
    this.groupChangesIam = false;
    this.groupChangesBuckets = false;
  }

  /** Runs one member of the group in its own savepoint, opening the group's transaction if needed. */
  private async inSavepoint<T>(
    fn: (tx: StoreTx) => T | Promise<T>,
  ): Promise<{ value: T } | { error: unknown }> {
    // A handle per transaction, dead once it ends: a leaked handle must not write outside one.
    const handle = liveHandle(this.tx, (kind) => {
      if (kind === 'iam') this.groupChangesIam = true;
      if (kind === 'bucket') this.groupChangesBuckets = true;
    });
    let opened = false;
    try {
      if (!this.writer.inTransaction) this.begin.run();
      this.savepoint.run();
      opened = true;
      const value = await fn(handle.tx);
      this.release.run();
      return { value };
    } catch (error) {
      if (opened && this.writer.inTransaction) {
        this.rollbackToSavepoint.run();
        this.release.run();
      }
      return { error };
    } finally {
      handle.end();
    }
  }
}

interface Queued {
  fn: (tx: StoreTx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Settled only once the group's commit is synced. */
  durable: boolean;
}

function liveHandle(tx: StoreTx, writing: (kind: WriteKind) => void): { tx: StoreTx; end: () => void } {
  let live = true;
  // A proxy, not a copy of the ~90 methods: it is made once per transaction, on the AssumeRole hot path.
  const guarded = new Proxy(tx, {
    get(target, name) {
      const method = Reflect.get(target, name) as unknown;
      if (typeof method !== 'function') return method;
      const kind = Object.hasOwn(WRITE_KINDS, name) ? WRITE_KINDS[name as keyof StoreWrites] : undefined;
      return (...args: unknown[]) => {
        if (!live) return Promise.reject(new Error(`${String(name)}: the transaction has ended`));
        if (kind) writing(kind);
        return method(...args);
      };
    },
  });
  return {
    tx: guarded,
    end: () => {
      live = false;
    },
  };
}

/**
 * The connection as the ops see it, whose statements are prepared when first used: preparing the ~220
 * of both connections up front cost ~10 ms and ~1 MB of start-up, and a lab uses few of them.
 */
function preparedOnFirstUse(db: Database.Database): Database.Database {
  return new Proxy(db, {
    get(target, name) {
      if (name === 'prepare') return (source: string) => lazyStatement(target, source);
      const value = Reflect.get(target, name) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function lazyStatement(db: Database.Database, source: string): Database.Statement {
  let statement: Database.Statement | undefined;
  // Bound once: these are called on every request.
  const methods = new Map<string | symbol, unknown>();
  return new Proxy({} as Database.Statement, {
    get(_, name) {
      statement ??= db.prepare(source);
      const known = methods.get(name);
      if (known) return known;
      const value = Reflect.get(statement, name) as unknown;
      if (typeof value !== 'function') return value;
      const method = value.bind(statement);
      methods.set(name, method);
      return method;
    },
  });
}

function makeOps(db: Database.Database, pendingUses: ReadonlyMap<string, AccessKeyUse>): StoreTx {
  return {
    ...makeAccountOps(db),
    ...makeUserOps(db),
    ...makeGroupOps(db),
    ...makeRoleOps(db),
    ...makePolicyOps(db),
    ...makeAttachmentOps(db),
    ...makeAccessKeyOps(db, pendingUses),
    ...makeMfaOps(db),
    ...makeSessionOps(db),
    ...makeBucketOps(db),
    ...makeObjectOps(db),
    ...makeUploadOps(db),
    ...makeInlineBodyOps(db),
  };
}
