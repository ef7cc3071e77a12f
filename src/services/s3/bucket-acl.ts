// The bucket ACL. With BucketOwnerEnforced, ACLs are disabled: they can be read, and only set to what
// grants the owner alone; BlockPublicAcls refuses a public one.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
import { toGrants, toOwner } from './access-control-list.js';
import { patchBucket, requireBucket } from './bucket-lookup.js';
import { requestedAcl } from './requested-acl.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const getBucketAcl: S3OperationHandler<'GetBucketAcl'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  return { Owner: toOwner(bucket.acl.ownerId), Grants: toGrants(bucket.acl) };
};

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html */
export const putBucketAcl: S3OperationHandler<'PutBucketAcl'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const acl = await requestedAcl(input, ctx, bucket, bucket.acl.ownerId);
  await patchBucket(ctx, bucket.name, { acl });
  return undefined;
};
