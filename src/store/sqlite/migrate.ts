// Schema migrations: numbered SQL steps, applied in order inside one transaction, with the schema
// version in SQLite's `user_version` header field. Reopening a current database applies nothing.
// https://www.sqlite.org/pragma.html#pragma_user_version
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3…: each step moves user_version from version - 1 to version. */
  version: number;
  name: string;
  sql: string;
}

/** Applies the steps the database has not seen; returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[]): number[] {
  migrations.forEach((m, k) => {
    // INVARIANT: the list is contiguous from 1, so user_version names exactly the steps applied.
    if (m.version !== k + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${k + 1}`);
  });
  const latest = migrations.length;
  const applied: number[] = [];
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new Error(`the database has schema version ${current}, newer than this trustlab (${latest})`);
    }
    for (const m of migrations.slice(current)) {
      db.exec(m.sql);
      applied.push(m.version);
    }
    if (applied.length > 0) db.pragma(`user_version = ${latest}`);
  }).immediate();
  return applied;
}
