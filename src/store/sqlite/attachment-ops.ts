import type { Database, Statement } from 'better-sqlite3';
import type { AttachedPolicy, InlinePolicyRecord, PolicyEntity, PrincipalKind } from '../records.js';
import type { StoreTx } from '../store.js';
import { decodeMarker, pageSize, splitKey, toPage } from './paging.js';
import { makePrincipalLookup, principalColumn } from './principal-ids.js';
import { pathPrefix } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type AttachmentOps = Pick<
  StoreTx,
  | 'listAttachedPolicies'
  | 'listEntitiesForPolicy'
  | 'attachPolicy'
  | 'detachPolicy'
  | 'getInlinePolicy'
  | 'listInlinePolicies'
  | 'putInlinePolicy'
  | 'deleteInlinePolicy'
>;

const KINDS: readonly PrincipalKind[] = ['user', 'group', 'role'];
// ListEntitiesForPolicy answers groups, then users, then roles.
const ENTITY_ORDER: Record<PrincipalKind, number> = { group: 1, user: 2, role: 3 };

export function makeAttachmentOps(db: Database): AttachmentOps {
  const principalId = makePrincipalLookup(db);
  const policyId = db.prepare<[string], { id: string }>('SELECT id FROM policies WHERE arn = ?');
  const perKind = (make: (column: string) => string) =>
    Object.fromEntries(
      KINDS.map((kind) => [kind, db.prepare<unknown[]>(make(principalColumn(kind)))]),
    ) as Record<PrincipalKind, Statement<unknown[]>>;

  const attached = perKind(
    (c) => `SELECT p.name, p.arn, p.account_id FROM policy_attachments a JOIN policies p ON p.id = a.policy_id
      WHERE a.${c} = $principal AND substr(p.path, 1, length($prefix)) = $prefix
        AND (p.name, p.account_id) > ($afterName, $afterOwner)
      ORDER BY p.name, p.account_id LIMIT $limit`,
  );
  const attach = perKind(
    (c) =>
      `INSERT INTO policy_attachments (policy_id, account_id, ${c}) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const detach = perKind((c) => `DELETE FROM policy_attachments WHERE policy_id = ? AND ${c} = ?`);
  const entities = db.prepare<EntityParams, EntityRow>(`SELECT * FROM (
      SELECT 'group' AS kind, 1 AS k, g.name, g.id, g.path FROM policy_attachments a JOIN groups g ON g.id = a.group_id
        WHERE a.policy_id = $policy AND a.account_id = $a
      UNION ALL
      SELECT 'user', 2, u.name, u.id, u.path FROM policy_attachments a JOIN users u ON u.id = a.user_id
        WHERE a.policy_id = $policy AND a.account_id = $a
      UNION ALL
      SELECT 'role', 3, r.name, r.id, r.path FROM policy_attachments a JOIN roles r ON r.id = a.role_id
        WHERE a.policy_id = $policy AND a.account_id = $a)
    WHERE ($kind = '' OR kind = $kind) AND substr(path, 1, length($prefix)) = $prefix
      AND (k, name COLLATE NOCASE) > ($afterK, $afterName)
    ORDER BY k, name COLLATE NOCASE LIMIT $limit`);

  const getInline = perKind((c) => `SELECT name, document FROM inline_policies WHERE ${c} = ? AND name = ?`);
  const listInline = perKind(
    (c) => `SELECT name, document FROM inline_policies WHERE ${c} = ? AND name > ? ORDER BY name LIMIT ?`,
  );
  const putInline = perKind(
    (c) => `INSERT INTO inline_policies (${c}, name, document) VALUES (?, ?, ?)
      ON CONFLICT (${c}, name) WHERE ${c} IS NOT NULL DO UPDATE SET document = excluded.document`,
  );
  const deleteInline = perKind((c) => `DELETE FROM inline_policies WHERE ${c} = ? AND name = ?`);

  const findPolicy = (arn: string): string => {
    const row = policyId.get(arn);
    if (!row) throw noSuchEntity(`policy ${arn}`);
    return row.id;
  };

  return {
    async listAttachedPolicies(accountId, kind, name, filter, page) {
      const size = pageSize(page);
      const principal = principalId(accountId, kind, name);
      const [afterName = '', afterOwner = ''] = splitKey(decodeMarker(page.marker));
      const rows = attached[kind].all({
        principal,
        prefix: pathPrefix(filter),
        afterName,
        afterOwner,
        limit: size + 1,
      }) as AttachedRow[];
      return toPage(
        rows,
        size,
        (r): AttachedPolicy => ({ policyName: r.name, policyArn: r.arn }),
        (r) => `${r.name}/${r.account_id}`,
      );
    },
    async listEntitiesForPolicy(accountId, arn, filter, page) {
      const size = pageSize(page);
      const [afterK = '0', afterName = ''] = splitKey(decodeMarker(page.marker)).reverse();
      const rows = entities.all({
        policy: findPolicy(arn),
        a: accountId,
        kind: filter.kind ?? '',
        prefix: pathPrefix(filter),
        afterK: Number(afterK),
        afterName,
        limit: size + 1,
      });
      return toPage(
        rows,
        size,
        (r): PolicyEntity => ({ kind: r.kind, name: r.name, id: r.id }),
        (r) => `${r.name}/${ENTITY_ORDER[r.kind]}`,
      );
    },
    async attachPolicy(accountId, kind, name, policyArn) {
      const principal = principalId(accountId, kind, name);
      return attach[kind].run(findPolicy(policyArn), accountId, principal).changes > 0;
    },
    async detachPolicy(accountId, kind, name, policyArn) {
      const principal = principalId(accountId, kind, name);
      return detach[kind].run(findPolicy(policyArn), principal).changes > 0;
    },
    async getInlinePolicy(accountId, kind, principalName, policyName) {
      const principal = principalId(accountId, kind, principalName);
      return getInline[kind].get(principal, policyName) as InlinePolicyRecord | undefined;
    },
    async listInlinePolicies(accountId, kind, principalName, page) {
      const size = pageSize(page);
      const principal = principalId(accountId, kind, principalName);
      const rows = listInline[kind].all(
        principal,
        decodeMarker(page.marker),
        size + 1,
      ) as InlinePolicyRecord[];
      return toPage(
        rows,
        size,
        (r) => ({ name: r.name, document: r.document }),
        (r) => r.name,
      );
    },
    async putInlinePolicy(accountId, kind, principalName, policy) {
      const principal = principalId(accountId, kind, principalName);
      guardWrite(`policy ${policy.name}`, () => putInline[kind].run(principal, policy.name, policy.document));
    },
    async deleteInlinePolicy(accountId, kind, principalName, policyName) {
      const principal = principalId(accountId, kind, principalName);
      if (deleteInline[kind].run(principal, policyName).changes === 0)
        throw noSuchEntity(`policy ${policyName}`);
    },
  };
}

interface AttachedRow {
  name: string;
  arn: string;
  account_id: string;
}

interface EntityRow {
  kind: PrincipalKind;
  k: number;
  name: string;
  id: string;
  path: string;
}

interface EntityParams {
  policy: string;
  a: string;
  kind: string;
  prefix: string;
  afterK: number;
  afterName: string;
  limit: number;
}
