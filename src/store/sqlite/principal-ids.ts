import type { Database } from 'better-sqlite3';
import type { PrincipalKind } from '../records.js';
import { noSuchEntity } from './sqlite-errors.js';

export type PrincipalLookup = (accountId: string, kind: PrincipalKind, name: string) => string;

/** The unique id of a user, group or role by name (case-insensitive); NoSuchEntity when missing. */
export function makePrincipalLookup(db: Database): PrincipalLookup {
  const statements = {
    user: db.prepare<[string, string], { id: string }>(
      'SELECT id FROM users WHERE account_id = ? AND name = ?',
    ),
    group: db.prepare<[string, string], { id: string }>(
      'SELECT id FROM groups WHERE account_id = ? AND name = ?',
    ),
    role: db.prepare<[string, string], { id: string }>(
      'SELECT id FROM roles WHERE account_id = ? AND name = ?',
    ),
  };
  return (accountId, kind, name) => {
    const row = statements[kind].get(accountId, name);
    if (!row) throw noSuchEntity(`${kind} ${name}`);
    return row.id;
  };
}

/** The column of policy_attachments and inline_policies that holds a principal of this kind. */
export function principalColumn(kind: PrincipalKind): 'user_id' | 'group_id' | 'role_id' {
  return `${kind}_id`;
}
