// Object Ownership: who owns the objects others write, and whether ACLs apply at all.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
import type { ObjectOwnership } from '../../store/s3-records.js';
import { isOwnerOnlyAcl } from './access-control-list.js';
import { patchBucket, requireBucket } from './bucket-lookup.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

const OWNERSHIPS: readonly ObjectOwnership[] = [
  'BucketOwnerEnforced',
  'BucketOwnerPreferred',
  'ObjectWriter',
];

export const putBucketOwnershipControls: S3OperationHandler<'PutBucketOwnershipControls'> = async (
  input,
  ctx,
) => {
  const bucket = requireBucket(ctx, input);
  const rules = input.OwnershipControls.Rules;
  // Exactly one rule with a known setting; anything else does not validate against S3's schema.
  const ownership = rules.length === 1 ? rules[0]?.ObjectOwnership : undefined;
  if (ownership === undefined || !OWNERSHIPS.includes(ownership)) throw s3Error('MalformedXML');
  // ACLs cannot be disabled while the bucket ACL still grants access to others.
  if (ownership === 'BucketOwnerEnforced' && !isOwnerOnlyAcl(bucket.acl, bucket.acl.ownerId)) {
    throw s3Error('InvalidBucketAclWithObjectOwnership');
  }
  await patchBucket(ctx, bucket.name, { ownership });
  return undefined;
};

export const getBucketOwnershipControls: S3OperationHandler<'GetBucketOwnershipControls'> = async (
  input,
  ctx,
) => {
  const bucket = requireBucket(ctx, input);
  if (bucket.ownership === undefined) {
    throw s3Error('OwnershipControlsNotFoundError', undefined, { BucketName: bucket.name });
  }
  return { OwnershipControls: { Rules: [{ ObjectOwnership: bucket.ownership }] } };
};

export const deleteBucketOwnershipControls: S3OperationHandler<'DeleteBucketOwnershipControls'> = async (
  input,
  ctx,
) => {
  const bucket = requireBucket(ctx, input);
  await patchBucket(ctx, bucket.name, { ownership: undefined });
  return undefined;
};
