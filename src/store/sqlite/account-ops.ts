import type { Database } from 'better-sqlite3';
import type { AccountCounts, AccountRecord } from '../records.js';
import type { StoreTx } from '../store.js';
import { opt } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type AccountOps = Pick<
  StoreTx,
  | 'getAccount'
  | 'getAccountByAlias'
  | 'listAccounts'
  | 'countAccountEntities'
  | 'putAccount'
  | 'setAccountAlias'
>;

export function makeAccountOps(db: Database): AccountOps {
  const byId = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const byAlias = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE alias = ?');
  const all = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY id');
  const counts = db.prepare<{ a: string }, CountsRow>(`SELECT
    (SELECT count(*) FROM users WHERE account_id = $a) AS users,
    (SELECT count(*) FROM groups WHERE account_id = $a) AS groups,
    (SELECT count(*) FROM roles WHERE account_id = $a) AS roles,
    (SELECT count(*) FROM policies WHERE account_id = $a) AS policies,
    (SELECT count(*) FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE p.account_id = $a) AS versions,
    (SELECT count(*) FROM mfa_devices WHERE account_id = $a) AS mfa,
    (SELECT count(*) FROM mfa_devices WHERE account_id = $a AND (user_id IS NOT NULL OR enabled_for_root = 1)) AS mfa_in_use,
    (SELECT count(*) FROM mfa_devices WHERE account_id = $a AND enabled_for_root = 1) AS root_mfa,
    (SELECT count(*) FROM access_keys WHERE account_id = $a AND user_id IS NULL) AS root_keys,
    (SELECT root_password_hash IS NOT NULL FROM accounts WHERE id = $a) AS root_password`);
  const upsert = db.prepare(`INSERT INTO accounts (id, alias, root_email, root_password_hash, create_date)
    VALUES ($id, $alias, $rootEmail, $rootPasswordHash, $createDate)
    ON CONFLICT (id) DO UPDATE SET alias = excluded.alias, root_email = excluded.root_email,
      root_password_hash = excluded.root_password_hash, create_date = excluded.create_date`);
  const setAlias = db.prepare<[string | null, string]>('UPDATE accounts SET alias = ? WHERE id = ?');

  return {
    async getAccount(id) {
      return toAccount(byId.get(id));
    },
    async getAccountByAlias(alias) {
      return toAccount(byAlias.get(alias));
    },
    async listAccounts() {
      return all.all().map((row) => toAccount(row) as AccountRecord);
    },
    async countAccountEntities(accountId) {
      const row = counts.get({ a: accountId }) as CountsRow;
      return toCounts(row);
    },
    async putAccount(account) {
      guardWrite(`account alias ${account.alias}`, () =>
        upsert.run({
          id: account.id,
          alias: account.alias ?? null,
          rootEmail: account.rootEmail,
          rootPasswordHash: account.rootPasswordHash ?? null,
          createDate: account.createDate,
        }),
      );
    },
    async setAccountAlias(accountId, alias) {
      const result = guardWrite(`account alias ${alias}`, () => setAlias.run(alias ?? null, accountId));
      if (result.changes === 0) throw noSuchEntity(`account ${accountId}`);
    },
  };
}

interface AccountRow {
  id: string;
  alias: string | null;
  root_email: string;
  root_password_hash: string | null;
  create_date: number;
}

interface CountsRow {
  users: number;
  groups: number;
  roles: number;
  policies: number;
  versions: number;
  mfa: number;
  mfa_in_use: number;
  root_mfa: number;
  root_keys: number;
  root_password: number | null;
}

function toAccount(row: AccountRow | undefined): AccountRecord | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    alias: opt(row.alias),
    rootEmail: row.root_email,
    rootPasswordHash: opt(row.root_password_hash),
    createDate: row.create_date,
  };
}

function toCounts(row: CountsRow): AccountCounts {
  return {
    users: row.users,
    groups: row.groups,
    roles: row.roles,
    policies: row.policies,
    policyVersionsInUse: row.versions,
    mfaDevices: row.mfa,
    mfaDevicesInUse: row.mfa_in_use,
    accountMfaEnabled: row.root_mfa > 0,
    accountAccessKeysPresent: row.root_keys > 0,
    accountPasswordPresent: row.root_password === 1,
    serverCertificates: 0,
  };
}
