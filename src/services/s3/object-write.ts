// The moment a new object version exists: one transaction that re-reads the bucket (its versioning
// decides the version id) and the key (for conditional writes), and stores the record. The body was
// written before; it is removed if the commit fails, and the bodies the new version replaced only after
// the commit succeeded.
import type { ObjectRecord } from '../../store/s3-records.js';
import type { StoreTx } from '../../store/store.js';
import { noSuchBucket } from './bucket-lookup.js';
import { checkWriteConditions } from './conditional-requests.js';
import { newVersionIdFor } from './object-lookup.js';
import type { S3HandlerContext } from './s3-context.js';

/** A version about to be stored; the transaction gives it its version id. */
export type NewObject = Omit<ObjectRecord, 'versionId' | 'isLatest'>;

export interface WriteConditions {
  IfMatch?: string;
  IfNoneMatch?: string;
}

/** The stored record, and whether its bucket has ever had versioning (for x-amz-version-id). */
export interface CommittedObject {
  object: ObjectRecord;
  versioned: boolean;
}

/**
 * `alongside` runs in the same transaction (CompleteMultipartUpload drops its upload there) and names
 * further bodies to remove after the commit.
 */
export async function commitObject(
  ctx: S3HandlerContext,
  object: NewObject,
  conditions: WriteConditions = {},
  alongside?: (tx: StoreTx) => Promise<string[]>,
): Promise<CommittedObject> {
  let replaced: string[] = [];
  try {
    const committed = await ctx.store.transaction(async (tx) => {
      const bucket = await tx.getBucket(object.bucket);
      if (!bucket) throw noSuchBucket(object.bucket);
      checkWriteConditions(object.key, await tx.getObject(object.bucket, object.key), conditions);
      const record: ObjectRecord = { ...object, versionId: newVersionIdFor(bucket), isLatest: true };
      replaced = (await tx.putObject(record)).replacedBodyIds;
      if (alongside) replaced.push(...(await alongside(tx)));
      return { object: record, versioned: bucket.versioning !== undefined };
    });
    await ctx.bodies.remove(replaced);
    return committed;
  } catch (error) {
    if (object.bodyId !== undefined) await ctx.bodies.remove([object.bodyId]);
    throw error;
  }
}

/** Checks conditional write headers before a body is read, so a doomed upload is refused at once. */
export async function precheckWriteConditions(
  ctx: S3HandlerContext,
  bucket: string,
  key: string,
  conditions: WriteConditions,
): Promise<void> {
  if (conditions.IfMatch === undefined && conditions.IfNoneMatch === undefined) return;
  checkWriteConditions(key, await ctx.store.getObject(bucket, key), conditions);
}
