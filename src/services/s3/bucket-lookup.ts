// The bucket a request names, as handlers need it: present, owned by the expected account, and
// changed only inside a transaction.

import type { BucketRecord } from '../../store/s3-records.js';
import type { BucketPatch } from '../../store/s3-store.js';
import { isStoreError } from '../../store/store-error.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';

/** What every bucket operation's input carries. */
export interface BucketInput {
  Bucket: string;
  ExpectedBucketOwner?: string;
}

/**
 * The bucket the pipeline read, or NoSuchBucket. A request whose `x-amz-expected-bucket-owner` names
 * another account is refused with 403 AccessDenied, as S3 does:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html
 */
export function requireBucket(ctx: S3HandlerContext, input: BucketInput): BucketRecord {
  const bucket = ctx.bucket;
  if (!bucket || bucket.name !== input.Bucket) throw noSuchBucket(input.Bucket);
  if (input.ExpectedBucketOwner !== undefined && input.ExpectedBucketOwner !== bucket.accountId) {
    throw s3Error('AccessDenied');
  }
  return bucket;
}

/** Applies a patch in a transaction; a bucket deleted meanwhile answers NoSuchBucket. */
export async function patchBucket(
  ctx: S3HandlerContext,
  name: string,
  patch: BucketPatch,
): Promise<BucketRecord> {
  try {
    return await ctx.store.transaction((tx) => tx.updateBucket(name, patch));
  } catch (error) {
    if (isStoreError(error, 'NoSuchEntity')) throw noSuchBucket(name);
    throw error;
  }
}

export function noSuchBucket(name: string) {
  return s3Error('NoSuchBucket', undefined, { BucketName: name });
}
