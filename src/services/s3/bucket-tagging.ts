// Bucket tags (cost allocation, ABAC). PutBucketTagging replaces the whole set.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/CostAllocTagging.html
import { patchBucket, requireBucket } from './bucket-lookup.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';
import { checkTagSet, toTagShapes } from './tag-set.js';

export const putBucketTagging: S3OperationHandler<'PutBucketTagging'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const tags = checkTagSet(input.Tagging.TagSet, 'bucket');
  // An empty set leaves the bucket without tags, as DeleteBucketTagging does.
  await patchBucket(ctx, bucket.name, { tags: tags.length > 0 ? tags : undefined });
  return undefined;
};

export const getBucketTagging: S3OperationHandler<'GetBucketTagging'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  if (!bucket.tags) throw s3Error('NoSuchTagSet', undefined, { BucketName: bucket.name });
  return { TagSet: toTagShapes(bucket.tags) };
};

export const deleteBucketTagging: S3OperationHandler<'DeleteBucketTagging'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  await patchBucket(ctx, bucket.name, { tags: undefined });
  return undefined;
};
