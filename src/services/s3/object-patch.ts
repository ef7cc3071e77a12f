// Changing the tags or ACL of one stored version: read as GetObject reads it (NoSuchKey, NoSuchVersion,
// a delete marker refused), then updated in a transaction pinned to that version.

import type { BucketRecord, ObjectRecord } from '../../store/s3-records.js';
import type { ObjectPatch } from '../../store/s3-store.js';
import { isStoreError } from '../../store/store-error.js';
import { noSuchKey, readObjectVersion } from './object-lookup.js';
import type { S3HandlerContext } from './s3-context.js';

export async function patchObject(
  ctx: S3HandlerContext,
  bucket: BucketRecord,
  key: string,
  versionId: string | undefined,
  method: string,
  patch: (object: ObjectRecord) => ObjectPatch | Promise<ObjectPatch>,
): Promise<ObjectRecord> {
  const object = await readObjectVersion(ctx, bucket, key, versionId, method);
  const changes = await patch(object);
  try {
    return await ctx.store.transaction((tx) => tx.updateObject(bucket.name, key, object.versionId, changes));
  } catch (error) {
    // Deleted between the read and the write.
    if (isStoreError(error, 'NoSuchEntity')) throw noSuchKey(key);
    throw error;
  }
}
