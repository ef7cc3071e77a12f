import type { Database } from 'better-sqlite3';
import type { RoleRecord } from '../records.js';
import type { StoreTx } from '../store.js';
import { decodeMarker, pageSize, toPage } from './paging.js';
import { type ListParams, opt, pathPrefix, readTags } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type RoleOps = Pick<
  StoreTx,
  'getRole' | 'getRoleById' | 'listRoles' | 'countRoleDependents' | 'createRole' | 'updateRole' | 'deleteRole'
>;

export function makeRoleOps(db: Database): RoleOps {
  const byName = db.prepare<[string, string], RoleRow>(
    'SELECT * FROM roles WHERE account_id = ? AND name = ?',
  );
  const byId = db.prepare<[string], RoleRow>('SELECT * FROM roles WHERE id = ?');
  const list = db.prepare<ListParams, RoleRow>(
    `SELECT * FROM roles WHERE account_id = $a AND name > $after AND substr(path, 1, length($prefix)) = $prefix
     ORDER BY name LIMIT $limit`,
  );
  const dependents = db.prepare<{ id: string }, { inline: number; attached: number }>(`SELECT
    (SELECT count(*) FROM inline_policies WHERE role_id = $id) AS inline,
    (SELECT count(*) FROM policy_attachments WHERE role_id = $id) AS attached`);
  const insert = db.prepare(`INSERT INTO roles (id, account_id, name, path, arn, create_date, trust_policy,
      description, max_session_duration, permissions_boundary_arn, tags, last_used_date, last_used_region)
    VALUES ($id, $accountId, $name, $path, $arn, $createDate, $trustPolicy, $description, $maxSessionDuration,
      $permissionsBoundaryArn, $tags, $lastUsedDate, $lastUsedRegion)`);
  const update = db.prepare(`UPDATE roles SET trust_policy = $trustPolicy, description = $description,
      max_session_duration = $maxSessionDuration, permissions_boundary_arn = $permissionsBoundaryArn, tags = $tags,
      last_used_date = $lastUsedDate, last_used_region = $lastUsedRegion
    WHERE id = $id`);
  const remove = db.prepare<[string]>('DELETE FROM roles WHERE id = ?');

  const find = (accountId: string, name: string): RoleRecord => {
    const row = byName.get(accountId, name);
    if (!row) throw noSuchEntity(`role ${name}`);
    return toRole(row);
  };

  return {
    async getRole(accountId, name) {
      const row = byName.get(accountId, name);
      return row && toRole(row);
    },
    async getRoleById(id) {
      const row = byId.get(id);
      return row && toRole(row);
    },
    async listRoles(accountId, filter, page) {
      const size = pageSize(page);
      const rows = list.all({
        a: accountId,
        after: decodeMarker(page.marker),
        prefix: pathPrefix(filter),
        limit: size + 1,
      });
      return toPage(rows, size, toRole, (row) => row.name);
    },
    async countRoleDependents(accountId, name) {
      const row = dependents.get({ id: find(accountId, name).id });
      return { inlinePolicies: row?.inline ?? 0, attachedPolicies: row?.attached ?? 0 };
    },
    async createRole(role) {
      guardWrite(`role ${role.name}`, () => insert.run(roleParams(role)));
      return { ...role, tags: [...role.tags] };
    },
    async updateRole(accountId, name, patch) {
      const next = { ...find(accountId, name), ...patch } as RoleRecord & {
        description?: string | null;
        permissionsBoundaryArn?: string | null;
      };
      if (next.description === null) delete next.description;
      if (next.permissionsBoundaryArn === null) delete next.permissionsBoundaryArn;
      update.run(roleParams(next));
      return next;
    },
    async deleteRole(accountId, name) {
      const role = find(accountId, name);
      guardWrite(`role ${role.name}`, () => remove.run(role.id), 'DeleteConflict');
    },
  };
}

interface RoleRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  arn: string;
  create_date: number;
  trust_policy: string;
  description: string | null;
  max_session_duration: number;
  permissions_boundary_arn: string | null;
  tags: string;
  last_used_date: number | null;
  last_used_region: string | null;
}

function toRole(row: RoleRow): RoleRecord {
  return {
    accountId: row.account_id,
    id: row.id,
    name: row.name,
    path: row.path,
    arn: row.arn,
    createDate: row.create_date,
    assumeRolePolicyDocument: row.trust_policy,
    description: opt(row.description),
    maxSessionDuration: row.max_session_duration,
    permissionsBoundaryArn: opt(row.permissions_boundary_arn),
    tags: readTags(row.tags),
    lastUsedDate: opt(row.last_used_date),
    lastUsedRegion: opt(row.last_used_region),
  };
}

function roleParams(role: RoleRecord) {
  return {
    id: role.id,
    accountId: role.accountId,
    name: role.name,
    path: role.path,
    arn: role.arn,
    createDate: role.createDate,
    trustPolicy: role.assumeRolePolicyDocument,
    description: role.description ?? null,
    maxSessionDuration: role.maxSessionDuration,
    permissionsBoundaryArn: role.permissionsBoundaryArn ?? null,
    tags: JSON.stringify(role.tags),
    lastUsedDate: role.lastUsedDate ?? null,
    lastUsedRegion: role.lastUsedRegion ?? null,
  };
}
