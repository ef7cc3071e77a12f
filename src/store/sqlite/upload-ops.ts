import type { Database } from 'better-sqlite3';
import type { Tag } from '../records.js';
import type {
  AccessControlList,
  ChecksumAlgorithm,
  Checksums,
  MultipartUploadRecord,
  PartRecord,
} from '../s3-records.js';
import type { StoreTx } from '../store.js';
import { type ContentHeaderRow, contentHeaderParams, readContentHeaders } from './content-headers.js';
import { releaseBodies, requireInlineBody } from './inline-body-ops.js';
import { keyRange, type RangeParams } from './key-range.js';
import { opt, readJson } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type UploadOps = Pick<
  StoreTx,
  'getUpload' | 'listUploads' | 'listParts' | 'createUpload' | 'putPart' | 'deleteUpload'
>;

export function makeUploadOps(db: Database): UploadOps {
  const byId = db.prepare<[string], UploadRow>('SELECT * FROM multipart_uploads WHERE upload_id = ?');
  const listIn = (end: string) =>
    db.prepare<RangeParams, UploadRow>(`SELECT * FROM multipart_uploads
      WHERE bucket = $bucket AND key >= $from ${end} AND substr(key, 1, length($prefix)) = $prefix
      ORDER BY key, seq LIMIT $limit`);
  const list = { open: listIn(''), bounded: listIn('AND key < $end') };
  const laterUploads = db.prepare<[string, string, number, number], UploadRow>(
    'SELECT * FROM multipart_uploads WHERE bucket = ? AND key = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const parts = db.prepare<[string, number, number], PartRow>(
    'SELECT * FROM upload_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?',
  );
  const part = db.prepare<[string, number], PartRow>(
    'SELECT * FROM upload_parts WHERE upload_id = ? AND part_number = ?',
  );
  const partBodies = db.prepare<[string], { body_id: string }>(
    'SELECT body_id FROM upload_parts WHERE upload_id = ?',
  );
  const insert = db.prepare(`INSERT INTO multipart_uploads (upload_id, bucket, key, initiated,
      initiator_account_id, initiator_arn, metadata, storage_class, tags, acl, owner_account_id,
      checksum_algorithm, checksum_type, content_type, content_encoding, content_disposition, content_language,
      cache_control, expires)
    VALUES ($uploadId, $bucket, $key, $initiated, $initiatorAccountId, $initiatorArn, $metadata, $storageClass,
      $tags, $acl, $ownerAccountId, $checksumAlgorithm, $checksumType, $contentType, $contentEncoding,
      $contentDisposition, $contentLanguage, $cacheControl, $expires)`);
  const upsertPart = db.prepare(`INSERT INTO upload_parts
      (upload_id, part_number, body_id, size, etag, last_modified, checksums)
    VALUES ($uploadId, $partNumber, $bodyId, $size, $etag, $lastModified, $checksums)
    ON CONFLICT (upload_id, part_number) DO UPDATE SET body_id = excluded.body_id, size = excluded.size,
      etag = excluded.etag, last_modified = excluded.last_modified, checksums = excluded.checksums`);
  const removeParts = db.prepare<[string]>('DELETE FROM upload_parts WHERE upload_id = ?');
  const remove = db.prepare<[string]>('DELETE FROM multipart_uploads WHERE upload_id = ?');
  const release = releaseBodies(db);
  const requireBody = requireInlineBody(db);

  const drop = db.transaction((uploadId: string): string[] => {
    if (!byId.get(uploadId)) throw noSuchEntity(`upload ${uploadId}`);
    const bodies = partBodies.all(uploadId).map((row) => row.body_id);
    removeParts.run(uploadId);
    remove.run(uploadId);
    return release(bodies);
  });

  return {
    async getUpload(uploadId) {
      const row = byId.get(uploadId);
      return row && toUpload(row);
    },
    async listUploads(bucket, listing) {
      const prefix = listing.prefix ?? '';
      const rows: UploadRow[] = [];
      const { keyMarker, uploadIdMarker } = listing;
      if (keyMarker !== undefined && uploadIdMarker !== undefined && keyMarker.startsWith(prefix)) {
        // The marker key's uploads initiated after the marker upload first, then the keys after it.
        const marker = byId.get(uploadIdMarker);
        if (marker && marker.bucket === bucket && marker.key === keyMarker) {
          rows.push(...laterUploads.all(bucket, keyMarker, marker.seq, listing.limit));
        }
      }
      const limit = listing.limit - rows.length;
      if (limit > 0) {
        const bounds = keyRange(prefix, keyMarker);
        const statement = bounds.end === undefined ? list.open : list.bounded;
        rows.push(...statement.all({ bucket, prefix, limit, ...bounds }));
      }
      return rows.map(toUpload);
    },
    async listParts(uploadId, after, limit) {
      return parts.all(uploadId, after, limit).map(toPart);
    },
    async createUpload(upload) {
      guardWrite(`upload ${upload.uploadId}`, () => insert.run(uploadParams(upload)));
    },
    async putPart(next) {
      requireBody(next.bodyId);
      const old = part.get(next.uploadId, next.partNumber);
      guardWrite(`part ${next.partNumber} of upload ${next.uploadId}`, () =>
        upsertPart.run({ ...next, checksums: JSON.stringify(next.checksums) }),
      );
      return { replacedBodyIds: old && old.body_id !== next.bodyId ? release([old.body_id]) : [] };
    },
    async deleteUpload(uploadId) {
      return { removedBodyIds: drop(uploadId) };
    },
  };
}

interface UploadRow extends ContentHeaderRow {
  seq: number;
  upload_id: string;
  bucket: string;
  key: string;
  initiated: number;
  initiator_account_id: string;
  initiator_arn: string;
  metadata: string;
  storage_class: string;
  tags: string;
  acl: string;
  owner_account_id: string;
  checksum_algorithm: string | null;
  checksum_type: string | null;
}

interface PartRow {
  upload_id: string;
  part_number: number;
  body_id: string;
  size: number;
  etag: string;
  last_modified: number;
  checksums: string;
}

function toUpload(row: UploadRow): MultipartUploadRecord {
  return {
    uploadId: row.upload_id,
    bucket: row.bucket,
    key: row.key,
    initiated: row.initiated,
    initiatorAccountId: row.initiator_account_id,
    initiatorArn: row.initiator_arn,
    metadata: readJson<Record<string, string>>(row.metadata),
    storageClass: row.storage_class,
    tags: readJson<Tag[]>(row.tags),
    acl: readJson<AccessControlList>(row.acl),
    ownerAccountId: row.owner_account_id,
    checksumAlgorithm: opt(row.checksum_algorithm) as ChecksumAlgorithm | undefined,
    checksumType: opt(row.checksum_type) as MultipartUploadRecord['checksumType'],
    ...readContentHeaders(row),
  };
}

function toPart(row: PartRow): PartRecord {
  return {
    uploadId: row.upload_id,
    partNumber: row.part_number,
    bodyId: row.body_id,
    size: row.size,
    etag: row.etag,
    lastModified: row.last_modified,
    checksums: readJson<Checksums>(row.checksums),
  };
}

function uploadParams(upload: MultipartUploadRecord) {
  return {
    uploadId: upload.uploadId,
    bucket: upload.bucket,
    key: upload.key,
    initiated: upload.initiated,
    initiatorAccountId: upload.initiatorAccountId,
    initiatorArn: upload.initiatorArn,
    metadata: JSON.stringify(upload.metadata),
    storageClass: upload.storageClass,
    tags: JSON.stringify(upload.tags),
    acl: JSON.stringify(upload.acl),
    ownerAccountId: upload.ownerAccountId,
    checksumAlgorithm: upload.checksumAlgorithm ?? null,
    checksumType: upload.checksumType ?? null,
    ...contentHeaderParams(upload),
  };
}
