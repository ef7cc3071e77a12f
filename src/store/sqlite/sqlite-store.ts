// The embedded backend: one SQLite file under the data directory, or `:memory:` for tests.
//
// - WAL, so readers never wait for the writer; a second, read-only connection serves reads outside
//   transactions and therefore sees committed data only. (`:memory:` has one connection: there,
//   concurrent reads may see a transaction in progress.)
// - synchronous=FULL by default: in WAL mode every commit is fsynced before it is acknowledged, so an
//   acknowledged change survives a power loss, not only a kill -9 (NORMAL survives kill -9 too, but
//   may lose the last commits on an OS crash). https://www.sqlite.org/pragma.html#pragma_synchronous
// - Transactions run one at a time (a queue), each BEGIN IMMEDIATE … COMMIT around an async function.
// - Audit records and access-key last-use notes are batched: everything noted in one turn of the event
//   loop is written in one transaction, committed with synchronous=NORMAL. They survive a kill -9 like
//   everything else, but skip the fsync (measured: ~0.3-1 ms per commit on this machine's disk, which
//   would block the event loop once per request); a power loss may take the last batch. The next FULL
//   commit or checkpoint makes them durable too. IAM/STS changes always commit with FULL.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AccessKeyUse, AuditInput } from '../records.js';
import type { AuditFilter, Store, StoreReads, StoreTx } from '../store.js';
import { makeAccessKeyOps } from './access-key-ops.js';
import { makeAccountOps } from './account-ops.js';
import { makeAttachmentOps } from './attachment-ops.js';
import { type AuditOps, makeAuditOps } from './audit-ops.js';
import { makeGroupOps } from './group-ops.js';
import { makeMfaOps } from './mfa-ops.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { makePolicyOps } from './policy-ops.js';
import { makeRoleOps } from './role-ops.js';
import { makeSessionOps } from './session-ops.js';
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
  private flushScheduled = false;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
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
    return this.serialize(async () => {
      // A handle per transaction, dead once it ends: a leaked handle must not write outside one.
      const handle = liveHandle(this.tx);
      try {
        return await this.inTransaction(() => fn(handle.tx));
      } finally {
        handle.end();
      }
    });
  }

  noteAccessKeyUse(accessKeyId: string, use: AccessKeyUse): void {
    this.pendingUses.set(accessKeyId, use);
    this.scheduleFlush();
  }

  appendAudit(record: AuditInput): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.pendingAudit.push({ record, settle: (error) => (error ? reject(error) : resolve()) });
      this.scheduleFlush();
    });
  }

  queryAudit(filter: AuditFilter) {
    return this.audit.query(filter);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.serialize(() => this.flush());
    if (this.reader !== this.writer) this.reader.close();
    this.writer.close();
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async inTransaction<T>(body: () => T | Promise<T>): Promise<T> {
    this.begin.run();
    try {
      const result = await body();
      this.commit.run();
      return result;
    } catch (error) {
      if (this.writer.inTransaction) this.rollback.run();
      throw error;
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.closed) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.serialize(() => this.flush());
    });
  }

  /** Writes the batched audit records and key uses in one transaction. */
  private async flush(): Promise<void> {
    const audit = this.pendingAudit;
    const uses = [...this.pendingUses];
    if (audit.length === 0 && uses.length === 0) return;
    this.pendingAudit = [];
    this.relaxSync.run();
    try {
      await this.inTransaction(() => {
        for (const { record } of audit) this.audit.insert(record);
        for (const [id, use] of uses) this.noteUse.run(use.date, use.service, use.region, id);
      });
      for (const [id, use] of uses) if (this.pendingUses.get(id) === use) this.pendingUses.delete(id);
      for (const { settle } of audit) settle();
    } catch (error) {
      for (const { settle } of audit) settle(error);
    } finally {
      this.restoreSync.run();
    }
  }
}

function liveHandle(tx: StoreTx): { tx: StoreTx; end: () => void } {
  let live = true;
  const guarded = Object.fromEntries(
    Object.entries(tx).map(([name, method]) => [
      name,
      (...args: unknown[]) => {
        if (!live) return Promise.reject(new Error(`${name}: the transaction has ended`));
        return (method as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as StoreTx;
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
  };
}
