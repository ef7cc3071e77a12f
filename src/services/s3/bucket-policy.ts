// The bucket policy: the bucket's resource-based policy, stored as written.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
import { isPublicPolicy } from '../../authorize/s3-public-access.js';
import { patchBucket, requireBucket } from './bucket-lookup.js';
import { bucketPublicAccessBlock } from './bucket-public-access.js';
import { checkBucketPolicy } from './check-bucket-policy.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const putBucketPolicy: S3OperationHandler<'PutBucketPolicy'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  await checkBucketPolicy(input.Policy, bucket.name, ctx.store);
  // "BlockPublicPolicy: PUT Bucket policy calls fail if the specified bucket policy allows public access."
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  if ((await bucketPublicAccessBlock(ctx, bucket)).blockPublicPolicy && isPublicPolicy(input.Policy)) {
    throw s3Error('AccessDenied');
  }
  await patchBucket(ctx, bucket.name, { policy: input.Policy });
  return undefined;
};

export const getBucketPolicy: S3OperationHandler<'GetBucketPolicy'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  if (bucket.policy === undefined) throw noSuchBucketPolicy(bucket.name);
  return { Policy: bucket.policy };
};

/** 204 whether or not there was a policy. */
export const deleteBucketPolicy: S3OperationHandler<'DeleteBucketPolicy'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  await patchBucket(ctx, bucket.name, { policy: undefined });
  return undefined;
};

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status */
export const getBucketPolicyStatus: S3OperationHandler<'GetBucketPolicyStatus'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  if (bucket.policy === undefined) throw noSuchBucketPolicy(bucket.name);
  return { PolicyStatus: { IsPublic: isPublicPolicy(bucket.policy) } };
};

function noSuchBucketPolicy(name: string) {
  return s3Error('NoSuchBucketPolicy', undefined, { BucketName: name });
}
