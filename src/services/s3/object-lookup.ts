// The object version a request names, with S3's answers when it is not there: a missing key, a missing
// version, a delete marker. And the version id a new write gets from the bucket's versioning state.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeleteMarker.html
import { newS3VersionId } from '../../arn/index.js';
import type { BucketRecord, ObjectRecord } from '../../store/s3-records.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';

/** What S3 calls the version of an object written while versioning was never enabled or is suspended. */
export const NULL_VERSION = 'null';

/** The version a write creates: a new id while versioning is Enabled, else the `null` version. */
export function newVersionIdFor(bucket: BucketRecord): string {
  if (bucket.versioning !== 'Enabled') return NULL_VERSION;
  return newS3VersionId();
}

/** x-amz-version-id is sent once the bucket has ever had versioning, `null` versions included. */
export function versionIdOutput(bucket: BucketRecord, versionId: string): string | undefined {
  return bucket.versioning === undefined ? undefined : versionId;
}

/**
 * The version to read: the latest (NoSuchKey when missing or a delete marker) or the one named
 * (NoSuchVersion; MethodNotAllowed for a delete marker, which has nothing to read).
 */
export async function readObjectVersion(
  ctx: S3HandlerContext,
  bucket: BucketRecord,
  key: string,
  versionId: string | undefined,
  method: string,
): Promise<ObjectRecord> {
  const known = ctx.object;
  const object =
    known?.bucket === bucket.name &&
    known.key === key &&
    (versionId === undefined ? known.isLatest : known.versionId === versionId)
      ? known
      : await ctx.store.getObject(bucket.name, key, versionId);
  if (versionId === undefined) {
    if (!object) throw noSuchKey(key);
    if (object.deleteMarker) {
      throw s3Error('NoSuchKey', undefined, { Key: key }, deleteMarkerHeaders(bucket, object));
    }
    return object;
  }
  if (!object) throw s3Error('NoSuchVersion', undefined, { Key: key, VersionId: versionId });
  if (object.deleteMarker) {
    throw s3Error(
      'MethodNotAllowed',
      undefined,
      { Method: method, ResourceType: 'DeleteMarker' },
      {
        ...deleteMarkerHeaders(bucket, object),
        allow: 'DELETE',
        'last-modified': new Date(object.lastModified).toUTCString(),
      },
    );
  }
  return object;
}

export function noSuchKey(key: string) {
  return s3Error('NoSuchKey', undefined, { Key: key });
}

export function quotedEtag(object: { etag: string }): string {
  return `"${object.etag}"`;
}

function deleteMarkerHeaders(bucket: BucketRecord, marker: ObjectRecord): Record<string, string> {
  const versionId = versionIdOutput(bucket, marker.versionId);
  return { 'x-amz-delete-marker': 'true', ...(versionId && { 'x-amz-version-id': versionId }) };
}
