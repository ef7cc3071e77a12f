import type { Database } from 'better-sqlite3';
import type { ManagedPolicyRecord, PolicyVersionRecord } from '../records.js';
import type { StoreTx } from '../store.js';
import { StoreError } from '../store-error.js';
import { decodeMarker, pageSize, splitKey, toPage } from './paging.js';
import { opt, pathPrefix, readTags } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type PolicyOps = Pick<
  StoreTx,
  | 'getPolicy'
  | 'listPolicies'
  | 'getPolicyVersion'
  | 'listPolicyVersions'
  | 'countPolicyDependents'
  | 'createPolicy'
  | 'putAwsManagedPolicy'
  | 'createPolicyVersion'
  | 'setDefaultPolicyVersion'
  | 'deletePolicyVersion'
  | 'setPolicyTags'
  | 'deletePolicy'
>;

// The counts AWS reports are those of the asking account ($viewer).
const WITH_COUNTS = `SELECT p.*,
  (SELECT count(*) FROM policy_attachments a WHERE a.policy_id = p.id AND a.account_id = $viewer) AS attachments,
  (SELECT count(*) FROM users u WHERE u.account_id = $viewer AND u.permissions_boundary_arn = p.arn)
  + (SELECT count(*) FROM roles r WHERE r.account_id = $viewer AND r.permissions_boundary_arn = p.arn) AS boundaries
  FROM policies p`;

export function makePolicyOps(db: Database): PolicyOps {
  const byArn = db.prepare<{ viewer: string; arn: string }, PolicyRow>(`${WITH_COUNTS} WHERE p.arn = $arn`);
  const row = db.prepare<[string], PolicyRow>(
    'SELECT *, 0 AS attachments, 0 AS boundaries FROM policies WHERE arn = ?',
  );
  const list = db.prepare<ListPoliciesParams, PolicyRow>(`SELECT * FROM (${WITH_COUNTS}
      WHERE (($scope != 'Local' AND p.account_id = 'aws') OR ($scope != 'AWS' AND p.account_id = $viewer))
        AND substr(p.path, 1, length($prefix)) = $prefix
        AND (p.name, p.account_id) > ($afterName, $afterOwner))
    WHERE $onlyAttached = 0 OR attachments > 0
    ORDER BY name, account_id LIMIT $limit`);
  const version = db.prepare<[string, number], VersionRow>(
    'SELECT * FROM policy_versions WHERE policy_id = ? AND version_number = ?',
  );
  const versions = db.prepare<[string], VersionRow>(
    'SELECT * FROM policy_versions WHERE policy_id = ? ORDER BY version_number DESC',
  );
  const dependents = db.prepare<
    { id: string; arn: string },
    { attachments: number; boundaries: number }
  >(`SELECT
    (SELECT count(*) FROM policy_attachments WHERE policy_id = $id) AS attachments,
    (SELECT count(*) FROM users WHERE permissions_boundary_arn = $arn)
    + (SELECT count(*) FROM roles WHERE permissions_boundary_arn = $arn) AS boundaries`);
  const insert =
    db.prepare(`INSERT INTO policies (id, account_id, name, path, arn, description, default_version,
      next_version, create_date, update_date, tags)
    VALUES ($id, $accountId, $name, $path, $arn, $description, $defaultVersion, $nextVersion, $createDate,
      $updateDate, $tags)`);
  const upsertAws =
    db.prepare(`INSERT INTO policies (id, account_id, name, path, arn, description, default_version,
      next_version, create_date, update_date, tags)
    VALUES ($id, 'aws', $name, $path, $arn, $description, $defaultVersion, $nextVersion, $createDate, $updateDate, '[]')
    ON CONFLICT (arn) DO UPDATE SET name = excluded.name, path = excluded.path, description = excluded.description,
      default_version = excluded.default_version, next_version = excluded.next_version,
      create_date = excluded.create_date, update_date = excluded.update_date`);
  const insertVersion = db.prepare<[string, number, string, number]>(
    'INSERT INTO policy_versions (policy_id, version_number, document, create_date) VALUES (?, ?, ?, ?)',
  );
  const clearVersions = db.prepare<[string]>('DELETE FROM policy_versions WHERE policy_id = ?');
  const bumpVersion = db.prepare<{ id: string; next: number; defaultVersion: string; updateDate: number }>(
    `UPDATE policies SET next_version = $next, default_version = $defaultVersion, update_date = $updateDate
     WHERE id = $id`,
  );
  const setDefault = db.prepare<[string, string]>('UPDATE policies SET default_version = ? WHERE id = ?');
  const removeVersion = db.prepare<[string, number]>(
    'DELETE FROM policy_versions WHERE policy_id = ? AND version_number = ?',
  );
  const setTags = db.prepare<[string, string]>('UPDATE policies SET tags = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM policies WHERE id = ?');

  const find = (arn: string): PolicyRow => {
    const found = row.get(arn);
    if (!found) throw noSuchEntity(`policy ${arn}`);
    return found;
  };

  return {
    async getPolicy(viewer, arn) {
      const found = byArn.get({ viewer, arn });
      return found && toPolicy(found);
    },
    async listPolicies(viewer, filter, page) {
      const size = pageSize(page);
      const [afterName = '', afterOwner = ''] = splitKey(decodeMarker(page.marker));
      const rows = list.all({
        viewer,
        scope: filter.scope ?? 'All',
        prefix: pathPrefix(filter),
        afterName,
        afterOwner,
        onlyAttached: filter.onlyAttached ? 1 : 0,
        limit: size + 1,
      });
      return toPage(rows, size, toPolicy, (r) => `${r.name}/${r.account_id}`);
    },
    async getPolicyVersion(arn, versionId) {
      const policy = row.get(arn);
      const n = versionNumber(versionId);
      const found = policy && n !== undefined ? version.get(policy.id, n) : undefined;
      return found && policy && toVersion(policy, found);
    },
    async listPolicyVersions(arn) {
      const policy = find(arn);
      return versions.all(policy.id).map((v) => toVersion(policy, v));
    },
    async countPolicyDependents(arn) {
      const policy = find(arn);
      const counts = dependents.get({ id: policy.id, arn }) ?? { attachments: 0, boundaries: 0 };
      const all = versions.all(policy.id).length;
      return {
        attachments: counts.attachments,
        permissionsBoundaryUses: counts.boundaries,
        nonDefaultVersions: all - 1,
      };
    },
    async createPolicy(policy) {
      guardWrite(`policy ${policy.name}`, () => {
        insert.run({
          id: policy.id,
          accountId: policy.accountId,
          name: policy.name,
          path: policy.path,
          arn: policy.arn,
          description: policy.description ?? null,
          defaultVersion: 'v1',
          nextVersion: 2,
          createDate: policy.createDate,
          updateDate: policy.createDate,
          tags: JSON.stringify(policy.tags),
        });
        insertVersion.run(policy.id, 1, policy.document, policy.createDate);
      });
      return toPolicy(find(policy.arn));
    },
    async putAwsManagedPolicy(policy) {
      const n = versionNumber(policy.defaultVersionId);
      if (n === undefined) throw new RangeError(`bad policy version id ${policy.defaultVersionId}`);
      upsertAws.run({
        id: policy.id,
        name: policy.name,
        path: policy.path,
        arn: policy.arn,
        description: policy.description ?? null,
        defaultVersion: policy.defaultVersionId,
        nextVersion: n + 1,
        createDate: policy.createDate,
        updateDate: policy.updateDate,
      });
      const stored = find(policy.arn);
      clearVersions.run(stored.id);
      insertVersion.run(stored.id, n, policy.document, policy.updateDate);
    },
    async createPolicyVersion(arn, input) {
      const policy = find(arn);
      const n = policy.next_version;
      const versionId = `v${n}`;
      insertVersion.run(policy.id, n, input.document, input.createDate);
      const defaultVersion = input.setAsDefault ? versionId : policy.default_version;
      bumpVersion.run({ id: policy.id, next: n + 1, defaultVersion, updateDate: input.createDate });
      return {
        policyArn: arn,
        versionId,
        document: input.document,
        isDefault: input.setAsDefault,
        createDate: input.createDate,
      };
    },
    async setDefaultPolicyVersion(arn, versionId) {
      const policy = find(arn);
      const n = versionNumber(versionId);
      if (n === undefined || !version.get(policy.id, n)) throw noSuchEntity(`policy version ${versionId}`);
      setDefault.run(`v${n}`, policy.id);
    },
    async deletePolicyVersion(arn, versionId) {
      const policy = find(arn);
      const n = versionNumber(versionId);
      if (n === undefined || !version.get(policy.id, n)) throw noSuchEntity(`policy version ${versionId}`);
      if (`v${n}` === policy.default_version) {
        throw new StoreError('DeleteConflict', 'the default version of a policy cannot be deleted');
      }
      removeVersion.run(policy.id, n);
    },
    async setPolicyTags(arn, tags) {
      setTags.run(JSON.stringify(tags), find(arn).id);
    },
    async deletePolicy(arn) {
      const policy = find(arn);
      guardWrite(`policy ${arn}`, () => remove.run(policy.id), 'DeleteConflict');
    },
  };
}

interface PolicyRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  arn: string;
  description: string | null;
  default_version: string;
  next_version: number;
  create_date: number;
  update_date: number;
  tags: string;
  attachments: number;
  boundaries: number;
}

interface VersionRow {
  policy_id: string;
  version_number: number;
  document: string;
  create_date: number;
}

interface ListPoliciesParams {
  viewer: string;
  scope: string;
  prefix: string;
  afterName: string;
  afterOwner: string;
  onlyAttached: number;
  limit: number;
}

/** `v12` → 12; undefined for anything that is not a version id. */
function versionNumber(versionId: string): number | undefined {
  const match = /^v([1-9]\d{0,8})$/.exec(versionId);
  return match ? Number(match[1]) : undefined;
}

function toPolicy(row: PolicyRow): ManagedPolicyRecord {
  return {
    accountId: row.account_id,
    id: row.id,
    name: row.name,
    path: row.path,
    arn: row.arn,
    description: opt(row.description),
    defaultVersionId: row.default_version,
    createDate: row.create_date,
    updateDate: row.update_date,
    tags: readTags(row.tags),
    attachmentCount: row.attachments,
    permissionsBoundaryUsageCount: row.boundaries,
  };
}

function toVersion(policy: PolicyRow, row: VersionRow): PolicyVersionRecord {
  const versionId = `v${row.version_number}`;
  return {
    policyArn: policy.arn,
    versionId,
    document: row.document,
    isDefault: versionId === policy.default_version,
    createDate: row.create_date,
  };
}
