import type { Database } from 'better-sqlite3';
import type { AccessKeyRecord, AccessKeyUse, LoginProfileRecord } from '../records.js';
import type { StoreTx } from '../store.js';
import { opt } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type AccessKeyOps = Pick<
  StoreTx,
  | 'getAccessKey'
  | 'listAccessKeys'
  | 'createAccessKey'
  | 'setAccessKeyStatus'
  | 'deleteAccessKey'
  | 'getLoginProfile'
  | 'putLoginProfile'
  | 'deleteLoginProfile'
>;

const KEY_COLUMNS = 'k.*, u.name AS user_name';

/** pendingUses: last uses noted but not yet written; reads show them. */
export function makeAccessKeyOps(db: Database, pendingUses: ReadonlyMap<string, AccessKeyUse>): AccessKeyOps {
  const byId = db.prepare<[string], KeyRow>(
    `SELECT ${KEY_COLUMNS} FROM access_keys k LEFT JOIN users u ON u.id = k.user_id WHERE k.id = ?`,
  );
  const forUser = db.prepare<[string, string], KeyRow>(
    `SELECT ${KEY_COLUMNS} FROM access_keys k JOIN users u ON u.id = k.user_id
     WHERE k.account_id = ? AND u.name = ? ORDER BY k.create_date, k.id`,
  );
  const forRoot = db.prepare<[string], KeyRow>(
    `SELECT ${KEY_COLUMNS} FROM access_keys k LEFT JOIN users u ON u.id = k.user_id
     WHERE k.account_id = ? AND k.user_id IS NULL ORDER BY k.create_date, k.id`,
  );
  const userId = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM users WHERE account_id = ? AND name = ?',
  );
  const insert = db.prepare(`INSERT INTO access_keys (id, account_id, user_id, secret, status, create_date)
    VALUES ($id, $accountId, $userId, $secret, $status, $createDate)`);
  const setStatus = db.prepare<[string, string]>('UPDATE access_keys SET status = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM access_keys WHERE id = ?');

  const profile = db.prepare<[string, string], ProfileRow>(
    `SELECT l.*, u.name AS user_name, u.account_id FROM login_profiles l JOIN users u ON u.id = l.user_id
     WHERE u.account_id = ? AND u.name = ?`,
  );
  const upsertProfile =
    db.prepare(`INSERT INTO login_profiles (user_id, password_hash, password_reset_required, create_date)
    VALUES ($userId, $hash, $reset, $createDate)
    ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
      password_reset_required = excluded.password_reset_required`);
  const removeProfile = db.prepare<[string]>('DELETE FROM login_profiles WHERE user_id = ?');

  const findUserId = (accountId: string, name: string): string => {
    const row = userId.get(accountId, name);
    if (!row) throw noSuchEntity(`user ${name}`);
    return row.id;
  };
  const toKey = (row: KeyRow): AccessKeyRecord => {
    const pending = pendingUses.get(row.id);
    return {
      accountId: row.account_id,
      accessKeyId: row.id,
      secretAccessKey: row.secret,
      userName: opt(row.user_name),
      status: row.status,
      createDate: row.create_date,
      lastUsedDate: pending?.date ?? opt(row.last_used_date),
      lastUsedService: pending?.service ?? opt(row.last_used_service),
      lastUsedRegion: pending?.region ?? opt(row.last_used_region),
    };
  };

  return {
    async getAccessKey(accessKeyId) {
      const row = byId.get(accessKeyId);
      return row && toKey(row);
    },
    async listAccessKeys(accountId, userName) {
      const rows = userName === undefined ? forRoot.all(accountId) : forUser.all(accountId, userName);
      return rows.map(toKey);
    },
    async createAccessKey(key) {
      const owner = key.userName === undefined ? null : findUserId(key.accountId, key.userName);
      guardWrite(`access key ${key.accessKeyId}`, () =>
        insert.run({
          id: key.accessKeyId,
          accountId: key.accountId,
          userId: owner,
          secret: key.secretAccessKey,
          status: key.status,
          createDate: key.createDate,
        }),
      );
    },
    async setAccessKeyStatus(accessKeyId, status) {
      if (setStatus.run(status, accessKeyId).changes === 0) throw noSuchEntity(`access key ${accessKeyId}`);
    },
    async deleteAccessKey(accessKeyId) {
      if (remove.run(accessKeyId).changes === 0) throw noSuchEntity(`access key ${accessKeyId}`);
    },
    async getLoginProfile(accountId, userName) {
      const row = profile.get(accountId, userName);
      return row && toProfile(row);
    },
    async putLoginProfile(p) {
      upsertProfile.run({
        userId: findUserId(p.accountId, p.userName),
        hash: p.passwordHash,
        reset: p.passwordResetRequired ? 1 : 0,
        createDate: p.createDate,
      });
    },
    async deleteLoginProfile(accountId, userName) {
      if (removeProfile.run(findUserId(accountId, userName)).changes === 0) {
        throw noSuchEntity(`login profile for ${userName}`);
      }
    },
  };
}

interface KeyRow {
  id: string;
  account_id: string;
  user_id: string | null;
  user_name: string | null;
  secret: string;
  status: 'Active' | 'Inactive';
  create_date: number;
  last_used_date: number | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

interface ProfileRow {
  user_id: string;
  user_name: string;
  account_id: string;
  password_hash: string;
  password_reset_required: number;
  create_date: number;
}

function toProfile(row: ProfileRow): LoginProfileRecord {
  return {
    accountId: row.account_id,
    userName: row.user_name,
    passwordHash: row.password_hash,
    passwordResetRequired: row.password_reset_required === 1,
    createDate: row.create_date,
  };
}
