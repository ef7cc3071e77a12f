// The first schema: accounts, IAM entities, credentials, STS sessions and the audit log.
// Entities are keyed by their AWS unique id, which survives renames. Names compare without case
// (IAM: "Names are not distinguished by case"); IAM names are ASCII, which NOCASE folds.
// Foreign keys have no ON DELETE action where AWS makes you remove dependents first (DeleteConflict),
// so the database refuses a delete the service forgot to check.
import type { Migration } from '../migrate.js';

export const migration0001: Migration = {
  version: 1,
  name: 'iam and sts',
  sql: `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  alias TEXT UNIQUE,
  root_email TEXT NOT NULL,
  root_password_hash TEXT,
  create_date INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  arn TEXT NOT NULL,
  create_date INTEGER NOT NULL,
  permissions_boundary_arn TEXT,
  tags TEXT NOT NULL,
  password_last_used INTEGER,
  UNIQUE (account_id, name)
) STRICT;
CREATE INDEX users_boundary ON users (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;

CREATE TABLE groups (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  arn TEXT NOT NULL,
  create_date INTEGER NOT NULL,
  UNIQUE (account_id, name)
) STRICT;

CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES groups (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE roles (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  arn TEXT NOT NULL,
  create_date INTEGER NOT NULL,
  trust_policy TEXT NOT NULL,
  description TEXT,
  max_session_duration INTEGER NOT NULL,
  permissions_boundary_arn TEXT,
  tags TEXT NOT NULL,
  last_used_date INTEGER,
  last_used_region TEXT,
  UNIQUE (account_id, name)
) STRICT;
CREATE INDEX roles_boundary ON roles (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;

-- account_id is a 12-digit account or 'aws' (AWS managed policies), hence no foreign key.
CREATE TABLE policies (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  arn TEXT NOT NULL UNIQUE,
  description TEXT,
  default_version TEXT NOT NULL,
  next_version INTEGER NOT NULL,
  create_date INTEGER NOT NULL,
  update_date INTEGER NOT NULL,
  tags TEXT NOT NULL,
  UNIQUE (account_id, name)
) STRICT;

CREATE TABLE policy_versions (
  policy_id TEXT NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
  version_number INTEGER NOT NULL,
  document TEXT NOT NULL,
  create_date INTEGER NOT NULL,
  PRIMARY KEY (policy_id, version_number)
) STRICT, WITHOUT ROWID;

-- One row per attachment; exactly one of the principal columns is set.
CREATE TABLE policy_attachments (
  policy_id TEXT NOT NULL REFERENCES policies (id),
  account_id TEXT NOT NULL REFERENCES accounts (id),
  user_id TEXT REFERENCES users (id),
  group_id TEXT REFERENCES groups (id),
  role_id TEXT REFERENCES roles (id),
  CHECK ((user_id IS NOT NULL) + (group_id IS NOT NULL) + (role_id IS NOT NULL) = 1)
) STRICT;
CREATE UNIQUE INDEX policy_attachments_user ON policy_attachments (user_id, policy_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX policy_attachments_group ON policy_attachments (group_id, policy_id) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX policy_attachments_role ON policy_attachments (role_id, policy_id) WHERE role_id IS NOT NULL;
CREATE INDEX policy_attachments_policy ON policy_attachments (policy_id, account_id);

CREATE TABLE inline_policies (
  user_id TEXT REFERENCES users (id),
  group_id TEXT REFERENCES groups (id),
  role_id TEXT REFERENCES roles (id),
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  CHECK ((user_id IS NOT NULL) + (group_id IS NOT NULL) + (role_id IS NOT NULL) = 1)
) STRICT;
CREATE UNIQUE INDEX inline_policies_user ON inline_policies (user_id, name) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX inline_policies_group ON inline_policies (group_id, name) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX inline_policies_role ON inline_policies (role_id, name) WHERE role_id IS NOT NULL;

-- user_id is NULL for the root user's keys.
CREATE TABLE access_keys (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  user_id TEXT REFERENCES users (id),
  secret TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
  create_date INTEGER NOT NULL,
  last_used_date INTEGER,
  last_used_service TEXT,
  last_used_region TEXT
) STRICT;
CREATE INDEX access_keys_owner ON access_keys (account_id, user_id);

CREATE TABLE login_profiles (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  password_hash TEXT NOT NULL,
  password_reset_required INTEGER NOT NULL,
  create_date INTEGER NOT NULL
) STRICT;

CREATE TABLE mfa_devices (
  serial TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  seed TEXT NOT NULL,
  user_id TEXT REFERENCES users (id),
  enabled_for_root INTEGER NOT NULL,
  enable_date INTEGER,
  create_date INTEGER NOT NULL,
  tags TEXT NOT NULL,
  last_used_step INTEGER,
  UNIQUE (account_id, name)
) STRICT;
CREATE INDEX mfa_devices_user ON mfa_devices (user_id) WHERE user_id IS NOT NULL;

-- STS credentials. The role is kept by ARN and unique id, not by foreign key: a session outlives
-- its role's deletion (and then has no permissions), as on AWS.
CREATE TABLE sessions (
  access_key_id TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  principal_arn TEXT NOT NULL,
  principal_id TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  expiration INTEGER NOT NULL,
  role_arn TEXT,
  role_id TEXT,
  session_name TEXT,
  source_identity TEXT,
  session_policy TEXT,
  policy_arns TEXT NOT NULL,
  tags TEXT NOT NULL,
  transitive_tag_keys TEXT NOT NULL,
  mfa_authenticated INTEGER NOT NULL,
  mfa_auth_time INTEGER,
  chained INTEGER NOT NULL,
  issued_to TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_expiration ON sessions (expiration);

CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  time INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  account_id TEXT,
  principal_arn TEXT,
  source_ip TEXT,
  user_agent TEXT,
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  actions TEXT NOT NULL,
  resources TEXT NOT NULL,
  decision TEXT,
  reason TEXT,
  error_code TEXT,
  http_status INTEGER
) STRICT;
CREATE INDEX audit_time ON audit (time);
CREATE INDEX audit_principal ON audit (principal_arn, seq);
CREATE INDEX audit_account ON audit (account_id, seq);
`,
};
