// Object ACLs. Readable always; under BucketOwnerEnforced only an ACL granting the owner alone may be
// put, and Block Public Access refuses a public one.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/managing-acls.html

import { canonicalUserId } from '../../arn/index.js';
import { isPublicAcl } from '../../authorize/s3-public-access.js';
import { aclFromHeaders, aclFromPolicy, isOwnerOnlyAcl, toGrants, toOwner } from './access-control-list.js';
import { requireBucket } from './bucket-lookup.js';
import { bucketPublicAccessBlock } from './bucket-public-access.js';
import { readObjectVersion } from './object-lookup.js';
import { patchObject } from './object-patch.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const getObjectAcl: S3OperationHandler<'GetObjectAcl'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const object = await readObjectVersion(ctx, bucket, input.Key, input.VersionId, 'GET');
  return { Owner: toOwner(object.acl.ownerId), Grants: toGrants(object.acl) };
};

export const putObjectAcl: S3OperationHandler<'PutObjectAcl'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  await patchObject(ctx, bucket, input.Key, input.VersionId, 'PUT', async (object) => {
    const ownerId = object.acl.ownerId;
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
    return { acl };
  });
  return {};
};
