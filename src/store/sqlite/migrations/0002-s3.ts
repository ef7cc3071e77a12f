// S3: buckets, object versions, multipart uploads and their parts. Bodies live in files (the body
// store); rows name them by body_id.
// - Bucket names are one namespace across every account, hence the name as primary key. No foreign
//   key to accounts: accounts are never deleted, and the services check the caller's account.
// - Keys are TEXT with BINARY collation, which compares UTF-8 bytes: S3's listing order.
// - Every version of an object is a row; `seq` (the rowid) grows with each insert, so a key's
//   versions sort newest first by seq DESC. Exactly one row per key has is_latest = 1.
// - Objects and uploads refer to their bucket without ON DELETE: DeleteBucket is refused
//   (DeleteConflict → BucketNotEmpty) while any remain.
// - ACLs, tags, metadata, checksums and part sizes are JSON.
import type { Migration } from '../migrate.js';

export const migration0002: Migration = {
  version: 2,
  name: 's3',
  sql: `
CREATE TABLE buckets (
  name TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  create_date INTEGER NOT NULL,
  ownership TEXT,
  acl TEXT NOT NULL,
  policy TEXT,
  public_access_block TEXT,
  tags TEXT,
  versioning TEXT,
  cors TEXT
) STRICT;
CREATE INDEX buckets_account ON buckets (account_id, name);

CREATE TABLE account_public_access_blocks (
  account_id TEXT PRIMARY KEY,
  block TEXT NOT NULL
) STRICT;

CREATE TABLE objects (
  seq INTEGER PRIMARY KEY,
  bucket TEXT NOT NULL REFERENCES buckets (name),
  key TEXT NOT NULL,
  version_id TEXT NOT NULL,
  is_latest INTEGER NOT NULL,
  delete_marker INTEGER NOT NULL,
  body_id TEXT,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  metadata TEXT NOT NULL,
  storage_class TEXT NOT NULL,
  checksums TEXT NOT NULL,
  checksum_type TEXT,
  tags TEXT NOT NULL,
  acl TEXT NOT NULL,
  owner_account_id TEXT NOT NULL,
  part_sizes TEXT,
  content_type TEXT,
  content_encoding TEXT,
  content_disposition TEXT,
  content_language TEXT,
  cache_control TEXT,
  expires TEXT,
  UNIQUE (bucket, key, version_id)
) STRICT;
-- ListObjectVersions: keys in order, each key's versions newest first.
CREATE INDEX objects_versions ON objects (bucket, key, seq DESC);
-- ListObjects: the current, visible version of each key only.
CREATE INDEX objects_current ON objects (bucket, key) WHERE is_latest = 1 AND delete_marker = 0;

CREATE TABLE multipart_uploads (
  seq INTEGER PRIMARY KEY,
  upload_id TEXT NOT NULL UNIQUE,
  bucket TEXT NOT NULL REFERENCES buckets (name),
  key TEXT NOT NULL,
  initiated INTEGER NOT NULL,
  initiator_account_id TEXT NOT NULL,
  initiator_arn TEXT NOT NULL,
  metadata TEXT NOT NULL,
  storage_class TEXT NOT NULL,
  tags TEXT NOT NULL,
  acl TEXT NOT NULL,
  owner_account_id TEXT NOT NULL,
  checksum_algorithm TEXT,
  checksum_type TEXT,
  content_type TEXT,
  content_encoding TEXT,
  content_disposition TEXT,
  content_language TEXT,
  cache_control TEXT,
  expires TEXT
) STRICT;
CREATE INDEX multipart_uploads_key ON multipart_uploads (bucket, key, seq);

CREATE TABLE upload_parts (
  upload_id TEXT NOT NULL REFERENCES multipart_uploads (upload_id),
  part_number INTEGER NOT NULL,
  body_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  checksums TEXT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
) STRICT, WITHOUT ROWID;
`,
};
