import type { Database } from 'better-sqlite3';
import type { GroupRecord } from '../records.js';
import type { StoreTx } from '../store.js';
import { decodeMarker, pageSize, toPage } from './paging.js';
import { type ListParams, pathPrefix } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';
import { toUser, type UserRow } from './user-ops.js';

type GroupOps = Pick<
  StoreTx,
  | 'getGroup'
  | 'listGroups'
  | 'listGroupsForUser'
  | 'listGroupMembers'
  | 'countGroupDependents'
  | 'createGroup'
  | 'updateGroup'
  | 'deleteGroup'
  | 'addUserToGroup'
  | 'removeUserFromGroup'
>;

export function makeGroupOps(db: Database): GroupOps {
  const byName = db.prepare<[string, string], GroupRow>(
    'SELECT * FROM groups WHERE account_id = ? AND name = ?',
  );
  const userId = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM users WHERE account_id = ? AND name = ?',
  );
  const list = db.prepare<ListParams, GroupRow>(
    `SELECT * FROM groups WHERE account_id = $a AND name > $after AND substr(path, 1, length($prefix)) = $prefix
     ORDER BY name LIMIT $limit`,
  );
  const forUser = db.prepare<{ user: string; after: string; limit: number }, GroupRow>(
    `SELECT g.* FROM groups g JOIN group_members m ON m.group_id = g.id
     WHERE m.user_id = $user AND g.name > $after ORDER BY g.name LIMIT $limit`,
  );
  const members = db.prepare<{ group: string; after: string; limit: number }, UserRow>(
    `SELECT u.* FROM users u JOIN group_members m ON m.user_id = u.id
     WHERE m.group_id = $group AND u.name > $after ORDER BY u.name LIMIT $limit`,
  );
  const dependents = db.prepare<{ id: string }, { members: number; inline: number; attached: number }>(`SELECT
    (SELECT count(*) FROM group_members WHERE group_id = $id) AS members,
    (SELECT count(*) FROM inline_policies WHERE group_id = $id) AS inline,
    (SELECT count(*) FROM policy_attachments WHERE group_id = $id) AS attached`);
  const insert = db.prepare(`INSERT INTO groups (id, account_id, name, path, arn, create_date)
    VALUES ($id, $accountId, $name, $path, $arn, $createDate)`);
  const update = db.prepare('UPDATE groups SET name = $name, path = $path, arn = $arn WHERE id = $id');
  const remove = db.prepare<[string]>('DELETE FROM groups WHERE id = ?');
  const addMember = db.prepare<[string, string]>(
    'INSERT INTO group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const removeMember = db.prepare<[string, string]>(
    'DELETE FROM group_members WHERE group_id = ? AND user_id = ?',
  );

  const find = (accountId: string, name: string): GroupRecord => {
    const row = byName.get(accountId, name);
    if (!row) throw noSuchEntity(`group ${name}`);
    return toGroup(row);
  };
  const findUserId = (accountId: string, name: string): string => {
    const row = userId.get(accountId, name);
    if (!row) throw noSuchEntity(`user ${name}`);
    return row.id;
  };

  return {
    async getGroup(accountId, name) {
      const row = byName.get(accountId, name);
      return row && toGroup(row);
    },
    async listGroups(accountId, filter, page) {
      const size = pageSize(page);
      const rows = list.all({
        a: accountId,
        after: decodeMarker(page.marker),
        prefix: pathPrefix(filter),
        limit: size + 1,
      });
      return toPage(rows, size, toGroup, (row) => row.name);
    },
    async listGroupsForUser(accountId, userName, page) {
      const size = pageSize(page);
      const user = findUserId(accountId, userName);
      const rows = forUser.all({ user, after: decodeMarker(page.marker), limit: size + 1 });
      return toPage(rows, size, toGroup, (row) => row.name);
    },
    async listGroupMembers(accountId, groupName, page) {
      const size = pageSize(page);
      const group = find(accountId, groupName);
      const rows = members.all({ group: group.id, after: decodeMarker(page.marker), limit: size + 1 });
      return toPage(rows, size, toUser, (row) => row.name);
    },
    async countGroupDependents(accountId, name) {
      const row = dependents.get({ id: find(accountId, name).id });
      return {
        members: row?.members ?? 0,
        inlinePolicies: row?.inline ?? 0,
        attachedPolicies: row?.attached ?? 0,
      };
    },
    async createGroup(group) {
      guardWrite(`group ${group.name}`, () =>
        insert.run({
          id: group.id,
          accountId: group.accountId,
          name: group.name,
          path: group.path,
          arn: group.arn,
          createDate: group.createDate,
        }),
      );
      return { ...group };
    },
    async updateGroup(accountId, name, patch) {
      const next = { ...find(accountId, name), ...patch };
      guardWrite(`group ${next.name}`, () =>
        update.run({ id: next.id, name: next.name, path: next.path, arn: next.arn }),
      );
      return next;
    },
    async deleteGroup(accountId, name) {
      const group = find(accountId, name);
      guardWrite(`group ${group.name}`, () => remove.run(group.id), 'DeleteConflict');
    },
    async addUserToGroup(accountId, groupName, userName) {
      const group = find(accountId, groupName);
      return addMember.run(group.id, findUserId(accountId, userName)).changes > 0;
    },
    async removeUserFromGroup(accountId, groupName, userName) {
      const group = find(accountId, groupName);
      return removeMember.run(group.id, findUserId(accountId, userName)).changes > 0;
    },
  };
}

interface GroupRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  arn: string;
  create_date: number;
}

function toGroup(row: GroupRow): GroupRecord {
  return {
    accountId: row.account_id,
    id: row.id,
    name: row.name,
    path: row.path,
    arn: row.arn,
    createDate: row.create_date,
  };
}
