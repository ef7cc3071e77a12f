// DeleteObject, and the delete of one key DeleteObjects repeats. Without a version id: an unversioned
// bucket loses the object, a versioned one gains a delete marker (Suspended: the `null` version is
// replaced by it). With one: that version is removed for good. A missing key or version is no error.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html
import type { BucketRecord } from '../../store/s3-records.js';
import { noSuchBucket, requireBucket } from './bucket-lookup.js';
import { checkWriteConditions } from './conditional-requests.js';
import { NULL_VERSION, newVersionIdFor } from './object-lookup.js';
import { newObjectOwner } from './object-ownership.js';
import type { S3HandlerContext } from './s3-context.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const deleteObject: S3OperationHandler<'DeleteObject'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const outcome = await deleteOne(ctx, bucket, input.Key, input.VersionId, input.IfMatch);
  return {
    ...(outcome.deleteMarker && { DeleteMarker: true }),
    ...(outcome.versionId !== undefined && { VersionId: outcome.versionId }),
  };
};

export interface DeleteOutcome {
  /** A delete marker was created, or the version removed was one. */
  deleteMarker: boolean;
  /** The version removed, or the delete marker's version; absent in a never-versioned bucket. */
  versionId?: string;
}

export async function deleteOne(
  ctx: S3HandlerContext,
  requested: BucketRecord,
  key: string,
  versionId: string | undefined,
  ifMatch?: string,
): Promise<DeleteOutcome> {
  const bucketName = requested.name;
  const owner = await newObjectOwner({}, requested, ctx);
  let removed: string[] = [];
  const outcome = await ctx.store.transaction(async (tx): Promise<DeleteOutcome> => {
    const bucket = await tx.getBucket(bucketName);
    if (!bucket) throw noSuchBucket(bucketName);
    if (ifMatch !== undefined)
      checkWriteConditions(key, await tx.getObject(bucketName, key), { IfMatch: ifMatch });
    if (versionId !== undefined || bucket.versioning === undefined) {
      const result = await tx.deleteObjectVersion(bucketName, key, versionId ?? NULL_VERSION);
      removed = result.removedBodyIds;
      return versionId === undefined
        ? { deleteMarker: false }
        : { deleteMarker: result.deleted?.deleteMarker === true, versionId };
    }
    const markerVersion = newVersionIdFor(bucket);
    const result = await tx.putObject({
      bucket: bucketName,
      key,
      versionId: markerVersion,
      isLatest: true,
      deleteMarker: true,
      size: 0,
      etag: '',
      lastModified: ctx.now.getTime(),
      metadata: {},
      storageClass: 'STANDARD',
      checksums: {},
      tags: [],
      ...owner,
    });
    removed = result.replacedBodyIds;
    return { deleteMarker: true, versionId: markerVersion };
  });
  await ctx.bodies.remove(removed);
  return outcome;
}
