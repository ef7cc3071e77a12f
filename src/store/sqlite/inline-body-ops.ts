// Inline bodies (migration 0003): small object and part bodies kept as rows. Each is named by exactly
// one object version or part, so the write that drops that record deletes the row in its own
// transaction (`releaseBodies`); only file bodies go back to the caller for removal after the commit.
import type { Database } from 'better-sqlite3';
import { isInlineBodyId } from '../bodies/body-ids.js';
import type { StoreTx } from '../store.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type InlineBodyOps = Pick<
  StoreTx,
  'getInlineBody' | 'putInlineBody' | 'deleteInlineBodies' | 'sweepInlineBodies'
>;

export function makeInlineBodyOps(db: Database): InlineBodyOps {
  const get = db.prepare<[string], { bytes: Buffer }>('SELECT bytes FROM inline_bodies WHERE id = ?');
  const insert = db.prepare<[string, Uint8Array]>('INSERT INTO inline_bodies (id, bytes) VALUES (?, ?)');
  const release = releaseBodies(db);
  const unreferenced = db.prepare(`DELETE FROM inline_bodies
    WHERE id NOT IN (SELECT body_id FROM objects WHERE body_id IS NOT NULL)
      AND id NOT IN (SELECT body_id FROM upload_parts)`);
  return {
    async getInlineBody(id) {
      return get.get(id)?.bytes;
    },
    async putInlineBody(id, bytes) {
      guardWrite(`inline body ${id}`, () => insert.run(id, bytes));
    },
    async deleteInlineBodies(ids) {
      release(ids);
    },
    async sweepInlineBodies() {
      return unreferenced.run().changes;
    },
  };
}

/** Refuses a record naming an inline body that is not stored (its queued write failed). */
export function requireInlineBody(db: Database): (id: string | undefined) => void {
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM inline_bodies WHERE id = ?');
  return (id) => {
    if (id !== undefined && isInlineBodyId(id) && !exists.get(id)) throw noSuchEntity(`inline body ${id}`);
  };
}

/** Deletes the inline bodies among `ids` and returns the others: file bodies, for the caller to remove. */
export function releaseBodies(db: Database): (ids: readonly string[]) => string[] {
  const remove = db.prepare<[string]>('DELETE FROM inline_bodies WHERE id = ?');
  return (ids) => {
    const files: string[] = [];
    for (const id of ids) {
      if (isInlineBodyId(id)) remove.run(id);
      else files.push(id);
    }
    return files;
  };
}
