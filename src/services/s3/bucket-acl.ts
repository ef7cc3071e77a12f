// The bucket ACL. With BucketOwnerEnforced, ACLs are disabled: they can be read, and only set to what
// grants the owner alone; BlockPublicAcls refuses a public one.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
import { isPublicAcl } from '../../authorize/s3-public-access.js';
import { aclFromHeaders, aclFromPolicy, isOwnerOnlyAcl, toGrants, toOwner } from './access-control-list.js';
import { patchBucket, requireBucket } from './bucket-lookup.js';
import { bucketPublicAccessBlock } from './bucket-public-access.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const getBucketAcl: S3OperationHandler<'GetBucketAcl'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  return { Owner: toOwner(bucket.acl.ownerId), Grants: toGrants(bucket.acl) };
};

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html */
export const putBucketAcl: S3OperationHandler<'PutBucketAcl'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const ownerId = bucket.acl.ownerId;
  const fromHeaders = await aclFromHeaders(input, ownerId, ownerId, ctx.store);
  if (fromHeaders && input.AccessControlPolicy) throw s3Error('UnexpectedContent');
  const acl =
    fromHeaders ??
    (input.AccessControlPolicy && (await aclFromPolicy(input.AccessControlPolicy, ownerId, ctx.store)));
  if (!acl) throw s3Error('MissingSecurityHeader', undefined, { MissingHeaderName: 'x-amz-acl' });
  if (bucket.ownership === 'BucketOwnerEnforced' && !isOwnerOnlyAcl(acl, ownerId)) {
    throw s3Error('AccessControlListNotSupported');
  }
  if ((await bucketPublicAccessBlock(ctx, bucket)).blockPublicAcls && isPublicAcl(acl)) {
    throw s3Error('AccessDenied');
  }
  await patchBucket(ctx, bucket.name, { acl });
  return undefined;
};
