import type { Database } from 'better-sqlite3';
import type { SessionRecord, SessionType } from '../records.js';
import type { StoreTx } from '../store.js';
import { opt, readStrings, readTags } from './rows.js';
import { guardWrite } from './sqlite-errors.js';

type SessionOps = Pick<StoreTx, 'getSession' | 'createSession' | 'deleteExpiredSessions'>;

export function makeSessionOps(db: Database): SessionOps {
  const byKey = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE access_key_id = ?');
  const insert =
    db.prepare(`INSERT INTO sessions (access_key_id, secret, token, type, account_id, principal_arn,
      principal_id, issued_at, expiration, role_arn, role_id, session_name, source_identity, session_policy,
      policy_arns, tags, transitive_tag_keys, mfa_authenticated, mfa_auth_time, chained, issued_to)
    VALUES ($accessKeyId, $secret, $token, $type, $accountId, $principalArn, $principalId, $issuedAt, $expiration,
      $roleArn, $roleId, $sessionName, $sourceIdentity, $sessionPolicy, $policyArns, $tags, $transitiveTagKeys,
      $mfaAuthenticated, $mfaAuthTime, $chained, $issuedTo)`);
  const expire = db.prepare<[number]>('DELETE FROM sessions WHERE expiration < ?');

  return {
    async getSession(accessKeyId) {
      const row = byKey.get(accessKeyId);
      return row && toSession(row);
    },
    async createSession(s) {
      guardWrite(`session ${s.accessKeyId}`, () =>
        insert.run({
          accessKeyId: s.accessKeyId,
          secret: s.secretAccessKey,
          token: s.sessionToken,
          type: s.type,
          accountId: s.accountId,
          principalArn: s.principalArn,
          principalId: s.principalId,
          issuedAt: s.issuedAt,
          expiration: s.expiration,
          roleArn: s.roleArn ?? null,
          roleId: s.roleId ?? null,
          sessionName: s.sessionName ?? null,
          sourceIdentity: s.sourceIdentity ?? null,
          sessionPolicy: s.sessionPolicy ?? null,
          policyArns: JSON.stringify(s.policyArns),
          tags: JSON.stringify(s.tags),
          transitiveTagKeys: JSON.stringify(s.transitiveTagKeys),
          mfaAuthenticated: s.mfaAuthenticated ? 1 : 0,
          mfaAuthTime: s.mfaAuthTime ?? null,
          chained: s.chained ? 1 : 0,
          issuedTo: s.issuedTo,
        }),
      );
    },
    async deleteExpiredSessions(now) {
      return expire.run(now).changes;
    },
  };
}

interface SessionRow {
  access_key_id: string;
  secret: string;
  token: string;
  type: SessionType;
  account_id: string;
  principal_arn: string;
  principal_id: string;
  issued_at: number;
  expiration: number;
  role_arn: string | null;
  role_id: string | null;
  session_name: string | null;
  source_identity: string | null;
  session_policy: string | null;
  policy_arns: string;
  tags: string;
  transitive_tag_keys: string;
  mfa_authenticated: number;
  mfa_auth_time: number | null;
  chained: number;
  issued_to: string;
}

function toSession(row: SessionRow): SessionRecord {
  return {
    accessKeyId: row.access_key_id,
    secretAccessKey: row.secret,
    sessionToken: row.token,
    type: row.type,
    accountId: row.account_id,
    principalArn: row.principal_arn,
    principalId: row.principal_id,
    issuedAt: row.issued_at,
    expiration: row.expiration,
    roleArn: opt(row.role_arn),
    roleId: opt(row.role_id),
    sessionName: opt(row.session_name),
    sourceIdentity: opt(row.source_identity),
    sessionPolicy: opt(row.session_policy),
    policyArns: readStrings(row.policy_arns),
    tags: readTags(row.tags),
    transitiveTagKeys: readStrings(row.transitive_tag_keys),
    mfaAuthenticated: row.mfa_authenticated === 1,
    mfaAuthTime: opt(row.mfa_auth_time),
    chained: row.chained === 1,
    issuedTo: row.issued_to,
  };
}
