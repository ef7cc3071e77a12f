import type { Database } from 'better-sqlite3';
import type { Tag } from '../records.js';
import type { AccessControlList, Checksums, ObjectRecord } from '../s3-records.js';
import type { StoreTx } from '../store.js';
import { type ContentHeaderRow, contentHeaderParams, readContentHeaders } from './content-headers.js';
import { releaseBodies, requireInlineBody } from './inline-body-ops.js';
import { type KeyRange, keyRange, type RangeParams } from './key-range.js';
import { opt, readJson, writeJson } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type ObjectOps = Pick<
  StoreTx,
  | 'getObject'
  | 'listObjects'
  | 'listObjectVersions'
  | 'bucketHasObjects'
  | 'listBodyIds'
  | 'putObject'
  | 'deleteObjectVersion'
  | 'updateObject'
>;

export function makeObjectOps(db: Database): ObjectOps {
  const bodyIds = db.prepare<[], { body_id: string }>(
    'SELECT body_id FROM objects WHERE body_id IS NOT NULL UNION SELECT body_id FROM upload_parts',
  );
  const latest = db.prepare<[string, string], ObjectRow>(
    'SELECT * FROM objects WHERE bucket = ? AND key = ? AND is_latest = 1',
  );
  const version = db.prepare<[string, string, string], ObjectRow>(
    'SELECT * FROM objects WHERE bucket = ? AND key = ? AND version_id = ?',
  );
  const newest = db.prepare<[string, string], { seq: number }>(
    'SELECT seq FROM objects WHERE bucket = ? AND key = ? ORDER BY seq DESC LIMIT 1',
  );
  // The substr test is the prefix itself; the bounds only let the index seek to it.
  const prefixTest = 'substr(key, 1, length($prefix)) = $prefix';
  const currentIn = (end: string) =>
    db.prepare<RangeParams, ObjectRow>(`SELECT * FROM objects
      WHERE bucket = $bucket AND is_latest = 1 AND delete_marker = 0 AND key >= $from ${end} AND ${prefixTest}
      ORDER BY key LIMIT $limit`);
  const current = { open: currentIn(''), bounded: currentIn('AND key < $end') };
  const versionsIn = (end: string) =>
    db.prepare<RangeParams, ObjectRow>(`SELECT * FROM objects
      WHERE bucket = $bucket AND key >= $from ${end} AND ${prefixTest}
      ORDER BY key, seq DESC LIMIT $limit`);
  const versions = { open: versionsIn(''), bounded: versionsIn('AND key < $end') };
  const olderVersions = db.prepare<[string, string, number, number], ObjectRow>(
    'SELECT * FROM objects WHERE bucket = ? AND key = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
  );
  const anyObject = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM objects WHERE bucket = ? LIMIT 1',
  );
  const bucketExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM buckets WHERE name = ?');
  const insert =
    db.prepare(`INSERT INTO objects (bucket, key, version_id, is_latest, delete_marker, body_id, size,
      etag, last_modified, metadata, storage_class, checksums, checksum_type, tags, acl, owner_account_id,
      part_sizes, content_type, content_encoding, content_disposition, content_language, cache_control, expires)
    VALUES ($bucket, $key, $versionId, 1, $deleteMarker, $bodyId, $size, $etag, $lastModified, $metadata,
      $storageClass, $checksums, $checksumType, $tags, $acl, $ownerAccountId, $partSizes, $contentType,
      $contentEncoding, $contentDisposition, $contentLanguage, $cacheControl, $expires)`);
  const clearLatest = db.prepare<[string, string]>(
    'UPDATE objects SET is_latest = 0 WHERE bucket = ? AND key = ? AND is_latest = 1',
  );
  const setLatest = db.prepare<[number]>('UPDATE objects SET is_latest = 1 WHERE seq = ?');
  const remove = db.prepare<[number]>('DELETE FROM objects WHERE seq = ?');
  const update = db.prepare<[string, string, number]>('UPDATE objects SET tags = ?, acl = ? WHERE seq = ?');
  const release = releaseBodies(db);
  const requireBody = requireInlineBody(db);

  const find = (bucket: string, key: string, versionId: string | undefined): ObjectRow | undefined =>
    versionId === undefined ? latest.get(bucket, key) : version.get(bucket, key, versionId);

  const range = (bucket: string, bounds: KeyRange, prefix: string, limit: number) => ({
    bucket,
    prefix,
    limit,
    ...bounds,
  });

  // Several statements per write: a savepoint inside the caller's transaction keeps each write whole
  // even when the caller catches its error and goes on.
  const put = db.transaction((object: ObjectRecord): string[] => {
    if (!bucketExists.get(object.bucket)) throw noSuchEntity(`bucket ${object.bucket}`);
    requireBody(object.bodyId);
    const replaced: string[] = [];
    if (object.versionId === 'null') {
      const old = version.get(object.bucket, object.key, 'null');
      if (old) {
        remove.run(old.seq);
        if (old.body_id !== null) replaced.push(old.body_id);
      }
    }
    clearLatest.run(object.bucket, object.key);
    guardWrite(`object ${object.key} version ${object.versionId}`, () => insert.run(objectParams(object)));
    return release(replaced);
  });
  const drop = db.transaction((bucket: string, key: string, versionId: string) => {
    const row = version.get(bucket, key, versionId);
    if (!row) return undefined;
    remove.run(row.seq);
    const next = row.is_latest === 1 ? newest.get(bucket, key) : undefined;
    if (next) setLatest.run(next.seq);
    return { row, files: release(row.body_id === null ? [] : [row.body_id]) };
  });

  return {
    async getObject(bucket, key, versionId) {
      const row = find(bucket, key, versionId);
      return row && toObject(row);
    },
    async listObjects(bucket, listing) {
      const prefix = listing.prefix ?? '';
      const bounds = keyRange(prefix, listing.after);
      const statement = bounds.end === undefined ? current.open : current.bounded;
      return statement.all(range(bucket, bounds, prefix, listing.limit)).map(toObject);
    },
    async listObjectVersions(bucket, listing) {
      const prefix = listing.prefix ?? '';
      const rows: ObjectRow[] = [];
      const { keyMarker, versionIdMarker } = listing;
      if (keyMarker !== undefined && versionIdMarker !== undefined && keyMarker.startsWith(prefix)) {
        // The rest of the marker key's versions first, then the keys after it.
        const marker = version.get(bucket, keyMarker, versionIdMarker);
        if (marker) rows.push(...olderVersions.all(bucket, keyMarker, marker.seq, listing.limit));
      }
      const limit = listing.limit - rows.length;
      if (limit > 0) {
        const bounds = keyRange(prefix, keyMarker);
        const statement = bounds.end === undefined ? versions.open : versions.bounded;
        rows.push(...statement.all(range(bucket, bounds, prefix, limit)));
      }
      return rows.map(toObject);
    },
    async bucketHasObjects(bucket) {
      return anyObject.get(bucket) !== undefined;
    },
    async listBodyIds() {
      return new Set(bodyIds.all().map((row) => row.body_id));
    },
    async putObject(object) {
      return { replacedBodyIds: put(object) };
    },
    async deleteObjectVersion(bucket, key, versionId) {
      const dropped = drop(bucket, key, versionId);
      if (!dropped) return { removedBodyIds: [] };
      return { deleted: toObject(dropped.row), removedBodyIds: dropped.files };
    },
    async updateObject(bucket, key, versionId, patch) {
      const row = find(bucket, key, versionId);
      if (!row) throw noSuchEntity(`object ${key}${versionId === undefined ? '' : ` version ${versionId}`}`);
      const next = toObject(row);
      if ('tags' in patch) next.tags = patch.tags ?? [];
      if (patch.acl) next.acl = patch.acl;
      update.run(JSON.stringify(next.tags), JSON.stringify(next.acl), row.seq);
      return next;
    },
  };
}

interface ObjectRow extends ContentHeaderRow {
  seq: number;
  bucket: string;
  key: string;
  version_id: string;
  is_latest: number;
  delete_marker: number;
  body_id: string | null;
  size: number;
  etag: string;
  last_modified: number;
  metadata: string;
  storage_class: string;
  checksums: string;
  checksum_type: string | null;
  tags: string;
  acl: string;
  owner_account_id: string;
  part_sizes: string | null;
}

function toObject(row: ObjectRow): ObjectRecord {
  return {
    bucket: row.bucket,
    key: row.key,
    versionId: row.version_id,
    isLatest: row.is_latest === 1,
    deleteMarker: row.delete_marker === 1,
    bodyId: opt(row.body_id),
    size: row.size,
    etag: row.etag,
    lastModified: row.last_modified,
    metadata: readJson<Record<string, string>>(row.metadata),
    storageClass: row.storage_class,
    checksums: readJson<Checksums>(row.checksums),
    checksumType: opt(row.checksum_type) as ObjectRecord['checksumType'],
    tags: readJson<Tag[]>(row.tags),
    acl: readJson<AccessControlList>(row.acl),
    ownerAccountId: row.owner_account_id,
    partSizes: readJson<number[]>(row.part_sizes),
    ...readContentHeaders(row),
  };
}

function objectParams(object: ObjectRecord) {
  return {
    bucket: object.bucket,
    key: object.key,
    versionId: object.versionId,
    deleteMarker: object.deleteMarker ? 1 : 0,
    bodyId: object.bodyId ?? null,
    size: object.size,
    etag: object.etag,
    lastModified: object.lastModified,
    metadata: JSON.stringify(object.metadata),
    storageClass: object.storageClass,
    checksums: JSON.stringify(object.checksums),
    checksumType: object.checksumType ?? null,
    tags: JSON.stringify(object.tags),
    acl: JSON.stringify(object.acl),
    ownerAccountId: object.ownerAccountId,
    partSizes: writeJson(object.partSizes),
    ...contentHeaderParams(object),
  };
}
