// Object ACLs. Readable always; under BucketOwnerEnforced only an ACL granting the owner alone may be
// put, and Block Public Access refuses a public one.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/managing-acls.html
import { toGrants, toOwner } from './access-control-list.js';
import { requireBucket } from './bucket-lookup.js';
import { readObjectVersion } from './object-lookup.js';
import { patchObject } from './object-patch.js';
import { requestedAcl } from './requested-acl.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const getObjectAcl: S3OperationHandler<'GetObjectAcl'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const object = await readObjectVersion(ctx, bucket, input.Key, input.VersionId, 'GET');
  return { Owner: toOwner(object.acl.ownerId), Grants: toGrants(object.acl) };
};

export const putObjectAcl: S3OperationHandler<'PutObjectAcl'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  await patchObject(ctx, bucket, input.Key, input.VersionId, 'PUT', async (object) => {
    return { acl: await requestedAcl(input, ctx, bucket, object.acl.ownerId) };
  });
  return {};
};
