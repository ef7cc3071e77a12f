// What PutBucketAcl and PutObjectAcl set: an ACL from the canned or grant headers, or from the
// AccessControlPolicy document, never both; refused where the bucket's ownership disables ACLs (unless
// it grants the owner alone) and, when public, where Block Public Access blocks public ACLs.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html
import { canonicalUserId } from '../../arn/index.js';
import { isPublicAcl } from '../../authorize/s3-public-access.js';
import type { AccessControlPolicy } from '../../protocol/generated/s3.js';
import type { AccessControlList, BucketRecord } from '../../store/s3-records.js';
import { type AclInput, aclFromHeaders, aclFromPolicy, isOwnerOnlyAcl } from './access-control-list.js';
import { bucketPublicAccessBlock } from './bucket-public-access.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';

/** The ACL to store on a resource of `bucket` that `ownerId` owns (the bucket itself, or an object). */
export async function requestedAcl(
  input: AclInput & { AccessControlPolicy?: AccessControlPolicy },
  ctx: S3HandlerContext,
  bucket: BucketRecord,
  ownerId: string,
): Promise<AccessControlList> {
  const fromHeaders = await aclFromHeaders(input, ownerId, canonicalUserId(bucket.accountId), ctx.store);
  if (fromHeaders && input.AccessControlPolicy) throw s3Error('UnexpectedContent');
  const acl =
    fromHeaders ??
    (input.AccessControlPolicy && (await aclFromPolicy(input.AccessControlPolicy, ownerId, ctx.store)));
  if (!acl) throw s3Error('MissingSecurityHeader', undefined, { MissingHeaderName: 'x-amz-acl' });
  if (bucket.ownership === 'BucketOwnerEnforced' && !isOwnerOnlyAcl(acl, ownerId)) {
    throw s3Error('AccessControlListNotSupported');
  }
  if (isPublicAcl(acl) && (await bucketPublicAccessBlock(ctx, bucket)).blockPublicAcls) {
    throw s3Error('AccessDenied');
  }
  return acl;
}
