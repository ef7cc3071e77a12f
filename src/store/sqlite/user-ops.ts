import type { Database } from 'better-sqlite3';
import type { UserRecord } from '../records.js';
import type { StoreTx } from '../store.js';
import { decodeMarker, pageSize, toPage } from './paging.js';
import { type ListParams, opt, pathPrefix, readTags } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type UserOps = Pick<
  StoreTx,
  'getUser' | 'getUserById' | 'listUsers' | 'countUserDependents' | 'createUser' | 'updateUser' | 'deleteUser'
>;

export function makeUserOps(db: Database): UserOps {
  const byName = db.prepare<[string, string], UserRow>(
    'SELECT * FROM users WHERE account_id = ? AND name = ?',
  );
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const list = db.prepare<ListParams, UserRow>(
    `SELECT * FROM users WHERE account_id = $a AND name > $after AND substr(path, 1, length($prefix)) = $prefix
     ORDER BY name LIMIT $limit`,
  );
  const dependents = db.prepare<{ id: string }, DependentsRow>(`SELECT
    (SELECT count(*) FROM access_keys WHERE user_id = $id) AS keys,
    (SELECT count(*) FROM group_members WHERE user_id = $id) AS groups,
    (SELECT count(*) FROM inline_policies WHERE user_id = $id) AS inline,
    (SELECT count(*) FROM policy_attachments WHERE user_id = $id) AS attached,
    (SELECT count(*) FROM login_profiles WHERE user_id = $id) AS login,
    (SELECT count(*) FROM mfa_devices WHERE user_id = $id) AS mfa`);
  const insert = db.prepare(`INSERT INTO users
    (id, account_id, name, path, arn, create_date, permissions_boundary_arn, tags, password_last_used)
    VALUES ($id, $accountId, $name, $path, $arn, $createDate, $permissionsBoundaryArn, $tags, $passwordLastUsed)`);
  const update = db.prepare(`UPDATE users SET name = $name, path = $path, arn = $arn,
    permissions_boundary_arn = $permissionsBoundaryArn, tags = $tags, password_last_used = $passwordLastUsed
    WHERE id = $id`);
  const remove = db.prepare<[string]>('DELETE FROM users WHERE id = ?');

  const find = (accountId: string, name: string): UserRecord => {
    const row = byName.get(accountId, name);
    if (!row) throw noSuchEntity(`user ${name}`);
    return toUser(row);
  };

  return {
    async getUser(accountId, name) {
      const row = byName.get(accountId, name);
      return row && toUser(row);
    },
    async getUserById(id) {
      const row = byId.get(id);
      return row && toUser(row);
    },
    async listUsers(accountId, filter, page) {
      const size = pageSize(page);
      const rows = list.all({
        a: accountId,
        after: decodeMarker(page.marker),
        prefix: pathPrefix(filter),
        limit: size + 1,
      });
      return toPage(rows, size, toUser, (row) => row.name);
    },
    async countUserDependents(accountId, name) {
      const user = find(accountId, name);
      const row = dependents.get({ id: user.id }) as DependentsRow;
      return {
        accessKeys: row.keys,
        groups: row.groups,
        inlinePolicies: row.inline,
        attachedPolicies: row.attached,
        loginProfile: row.login > 0,
        mfaDevices: row.mfa,
      };
    },
    async createUser(user) {
      guardWrite(`user ${user.name}`, () => insert.run(userParams({ ...user, passwordLastUsed: undefined })));
      return { ...user, tags: [...user.tags] };
    },
    async updateUser(accountId, name, patch) {
      const next = { ...find(accountId, name), ...patch } as UserRecord & {
        permissionsBoundaryArn?: string | null;
      };
      if (next.permissionsBoundaryArn === null) delete next.permissionsBoundaryArn;
      guardWrite(`user ${next.name}`, () => update.run(userParams(next)));
      return next;
    },
    async deleteUser(accountId, name) {
      const user = find(accountId, name);
      guardWrite(`user ${user.name}`, () => remove.run(user.id), 'DeleteConflict');
    },
  };
}

export interface UserRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  arn: string;
  create_date: number;
  permissions_boundary_arn: string | null;
  tags: string;
  password_last_used: number | null;
}

interface DependentsRow {
  keys: number;
  groups: number;
  inline: number;
  attached: number;
  login: number;
  mfa: number;
}

export function toUser(row: UserRow): UserRecord {
  return {
    accountId: row.account_id,
    id: row.id,
    name: row.name,
    path: row.path,
    arn: row.arn,
    createDate: row.create_date,
    permissionsBoundaryArn: opt(row.permissions_boundary_arn),
    tags: readTags(row.tags),
    passwordLastUsed: opt(row.password_last_used),
  };
}

function userParams(user: UserRecord) {
  return {
    id: user.id,
    accountId: user.accountId,
    name: user.name,
    path: user.path,
    arn: user.arn,
    createDate: user.createDate,
    permissionsBoundaryArn: user.permissionsBoundaryArn ?? null,
    tags: JSON.stringify(user.tags),
    passwordLastUsed: user.passwordLastUsed ?? null,
  };
}
