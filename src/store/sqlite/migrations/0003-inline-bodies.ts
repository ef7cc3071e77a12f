// Small object bodies kept in the database instead of a file each: a 1 KiB PUT then costs one row in
// the commit it shares with other requests, not a file's create, fsync, rename and directory fsync.
// Rows name them by body_id as they name files; ids of inline bodies start with `i.` (body-ids.ts).
import type { Migration } from '../migrate.js';

export const migration0003: Migration = {
  version: 3,
  name: 'inline-bodies',
  sql: `
CREATE TABLE inline_bodies (
  id TEXT PRIMARY KEY,
  bytes BLOB NOT NULL
);
`,
};
