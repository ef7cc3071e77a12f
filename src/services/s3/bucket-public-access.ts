import { effectivePublicAccessBlock } from '../../authorize/s3-public-access.js';
import type { BucketRecord, PublicAccessBlock } from '../../store/s3-records.js';
import type { S3HandlerContext } from './s3-context.js';

/** The bucket's Block Public Access settings combined with its account's, as S3 applies them. */
export async function bucketPublicAccessBlock(
  ctx: S3HandlerContext,
  bucket: BucketRecord,
): Promise<PublicAccessBlock> {
  return effectivePublicAccessBlock(bucket, await ctx.store.getAccountPublicAccessBlock(bucket.accountId));
}
