// Who owns a new object, and its ACL, under the bucket's Object Ownership setting.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
import { canonicalUserId } from '../../arn/index.js';
import { isPublicAcl } from '../../authorize/s3-public-access.js';
import type { AccessControlList, BucketRecord } from '../../store/s3-records.js';
import { type AclInput, aclFromHeaders, isOwnerOnlyAcl, ownerOnlyAcl } from './access-control-list.js';
import { bucketPublicAccessBlock } from './bucket-public-access.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';

/** The canonical id S3 shows as the owner of what an anonymous request wrote. */
export const ANONYMOUS_OWNER_ID = '65a011a29cdf8ec533ec3d1ccaae921c';

export interface ObjectOwner {
  /** '' for an object an anonymous request wrote to an ObjectWriter bucket. */
  ownerAccountId: string;
  acl: AccessControlList;
}

/**
 * BucketOwnerEnforced: the bucket owner owns every object, and the only ACL a write may carry is
 * bucket-owner-full-control, or one that comes to the same grants (full control for the bucket owner
 * alone). https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html Otherwise the writer owns it, except that
 * BucketOwnerPreferred hands it to the bucket owner when the write says bucket-owner-full-control; a
 * public ACL is refused while Block Public Access blocks public ACLs.
 */
export async function newObjectOwner(
  input: AclInput,
  bucket: BucketRecord,
  ctx: S3HandlerContext,
): Promise<ObjectOwner> {
  const bucketOwnerId = canonicalUserId(bucket.accountId);
  const writer = ctx.caller.account;
  if (bucket.ownership === 'BucketOwnerEnforced') {
    // The ACL as the writer would own it: `private` from the bucket owner's account grants the bucket
    // owner alone and is accepted (rclone sends it on every write); from another account it grants the
    // writer, and is refused.
    const writerId = writer === '' ? ANONYMOUS_OWNER_ID : canonicalUserId(writer);
    const asked = await aclFromHeaders(input, writerId, bucketOwnerId, ctx.store);
    const accepted =
      asked === undefined ||
      input.ACL === 'bucket-owner-full-control' ||
      isOwnerOnlyAcl(asked, bucketOwnerId);
    if (!accepted) throw s3Error('AccessControlListNotSupported');
    return { ownerAccountId: bucket.accountId, acl: ownerOnlyAcl(bucketOwnerId) };
  }
  const ownerAccountId =
    bucket.ownership === 'BucketOwnerPreferred' && input.ACL === 'bucket-owner-full-control'
      ? bucket.accountId
      : writer;
  const ownerId = ownerAccountId === '' ? ANONYMOUS_OWNER_ID : canonicalUserId(ownerAccountId);
  const acl = (await aclFromHeaders(input, ownerId, bucketOwnerId, ctx.store)) ?? ownerOnlyAcl(ownerId);
  if (isPublicAcl(acl) && (await bucketPublicAccessBlock(ctx, bucket)).blockPublicAcls) {
    throw s3Error('AccessDenied');
  }
  return { ownerAccountId, acl };
}
