// The embedded backend: one SQLite file under the data directory, or `:memory:` for tests.
//
// - WAL, so readers never wait for the writer; a second, read-only connection serves reads outside
//   transactions and therefore sees committed data only. (`:memory:` has one connection: there,
//   concurrent reads may see a transaction in progress.)
// - synchronous=FULL by default: in WAL mode every commit is fsynced before it is acknowledged, so an
//   acknowledged change survives a power loss, not only a kill -9 (NORMAL survives kill -9 too, but
//   may lose the last commits on an OS crash). https://www.sqlite.org/pragma.html#pragma_synchronous
// - Group commit. Transactions run one at a time, in the order asked for, each inside its own SAVEPOINT;
//   all those asked for in one turn of the event loop (or while the previous group ran) share one
//   BEGIN IMMEDIATE … COMMIT, so one fsync acknowledges them all. A caller is answered only after that
//   COMMIT; a transaction that throws is rolled back to its savepoint and takes no other with it.
//   (An fsync costs ~0.3-1 ms on this machine's disk and blocks the event loop: one per request capped
//   AssumeRole at ~1,000/s.)
// - Audit records and access-key last-use notes are batched into the same group. A group of only those
//   commits with synchronous=NORMAL: it survives a kill -9 like everything else but skips the fsync; a
//   power loss may take the last batch. The next FULL commit or checkpoint makes them durable too.
//   IAM/STS changes always commit with FULL.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AccessKeyUse, AuditInput } from '../records.js';
import type { AuditFilter, Store, StoreReads, StoreTx } from '../store.js';
import { makeAccessKeyOps } from './access-key-ops.js';
import { makeAccountOps } from './account-ops.js';
import { makeAttachmentOps } from './attachment-ops.js';
import { type AuditOps, makeAuditOps } from './audit-ops.js';
import { makeBucketOps } from './bucket-ops.js';
import { makeGroupOps } from './group-ops.js';
import { makeMfaOps } from './mfa-ops.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { makeObjectOps } from './object-ops.js';
import { makePolicyOps } from './policy-ops.js';
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
  settings(): { journalMode: string; synchronous: SqliteSynchronous | 'OFF' | 'EXTRA'; foreignKeys: boolean };
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const engine = new SqliteEngine(options);
  return {
    ...engine.reads,
    file: engine.file,
    settings: () => engine.settings(),
    transaction: (fn) => engine.transaction(fn),
    noteAccessKeyUse: (id, use) => engine.noteAccessKeyUse(id, use),
    appendAudit: (record) => engine.appendAudit(record),
    queryAudit: async (filter) => engine.queryAudit(filter),
    close: () => engine.close(),
  };
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

class SqliteEngine {
  readonly file: string;
  readonly reads: StoreReads;
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
  private readonly relaxSync: Database.Statement;
  private readonly restoreSync: Database.Statement;

  constructor(options: SqliteStoreOptions) {
    const memory = options.dataDir === ':memory:';
    if (!memory) mkdirSync(options.dataDir, { recursive: true });
    this.file = memory ? ':memory:' : join(options.dataDir, SQLITE_FILE_NAME);
    this.writer = new Database(this.file);
    if (!memory) this.writer.pragma('journal_mode = WAL');
    const synchronous = options.synchronous ?? 'FULL';
    this.writer.pragma(`synchronous = ${synchronous}`);
    this.writer.pragma('foreign_keys = ON');
    this.writer.pragma('busy_timeout = 5000');
    migrate(this.writer, MIGRATIONS);
    this.reader = memory ? this.writer : new Database(this.file, { readonly: true });
    if (!memory) this.reader.pragma('busy_timeout = 5000');
    this.reads = makeOps(this.reader, this.pendingUses);
    this.tx = makeOps(this.writer, this.pendingUses);
    this.audit = makeAuditOps(this.writer);
    this.begin = this.writer.prepare('BEGIN IMMEDIATE');
    this.commit = this.writer.prepare('COMMIT');
    this.rollback = this.writer.prepare('ROLLBACK');
    this.savepoint = this.writer.prepare('SAVEPOINT one');
    this.release = this.writer.prepare('RELEASE one');
    this.rollbackToSavepoint = this.writer.prepare('ROLLBACK TO one');
    this.noteUse = this.writer.prepare(`UPDATE access_keys SET last_used_date = ?, last_used_service = ?,
      last_used_region = ? WHERE id = ?`);
    this.relaxSync = this.writer.prepare('PRAGMA synchronous = NORMAL');
    this.restoreSync = this.writer.prepare(`PRAGMA synchronous = ${synchronous}`);
  }

  settings() {
    return {
      journalMode: String(this.writer.pragma('journal_mode', { simple: true })),
      synchronous: SYNCHRONOUS[this.writer.pragma('synchronous', { simple: true }) as number] ?? 'OFF',
      foreignKeys: this.writer.pragma('foreign_keys', { simple: true }) === 1,
    };
  }

  transaction<T>(fn: (tx: StoreTx) => T | Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject });
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
    const group = this.waiting;
    const audit = this.pendingAudit;
    const uses = [...this.pendingUses];
    if (group.length === 0 && audit.length === 0 && uses.length === 0) return;
    this.waiting = [];
    this.pendingAudit = [];
    // What has run in the open transaction, told once COMMIT has succeeded or failed.
    let done: ((error?: unknown) => void)[] = [];
    const failed = (error: unknown) => {
      // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, IOERR, BUSY…): the
      // group's earlier members are lost with it.
      if (this.writer.inTransaction) return;
      for (const settle of done) settle(error);
      done = [];
    };
    const durable = group.length > 0;
    if (!durable) this.relaxSync.run();
    try {
      for (const { fn, resolve, reject } of group) {
        const outcome = await this.inSavepoint(fn);
        if ('error' in outcome) {
          reject(outcome.error);
          failed(outcome.error);
        } else done.push((error) => (error ? reject(error) : resolve(outcome.value)));
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
      for (const settle of done) settle();
    } catch (error) {
      if (this.writer.inTransaction) this.rollback.run();
      for (const settle of done) settle(error);
    } finally {
      if (!durable) this.restoreSync.run();
    }
  }

  /** Runs one member of the group in its own savepoint, opening the group's transaction if needed. */
  private async inSavepoint<T>(
    fn: (tx: StoreTx) => T | Promise<T>,
  ): Promise<{ value: T } | { error: unknown }> {
    // A handle per transaction, dead once it ends: a leaked handle must not write outside one.
    const handle = liveHandle(this.tx);
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
}

function liveHandle(tx: StoreTx): { tx: StoreTx; end: () => void } {
  let live = true;
  // A proxy, not a copy of the ~90 methods: it is made once per transaction, on the AssumeRole hot path.
  const guarded = new Proxy(tx, {
    get(target, name) {
      const method = Reflect.get(target, name) as unknown;
      if (typeof method !== 'function') return method;
      return (...args: unknown[]) =>
        live ? method(...args) : Promise.reject(new Error(`${String(name)}: the transaction has ended`));
    },
  });
  return {
    tx: guarded,
    end: () => {
      live = false;
    },
  };
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
  };
}
