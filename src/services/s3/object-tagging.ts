// Object tags: up to 10 per version, replaced whole by PutObjectTagging.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html
import { requireBucket } from './bucket-lookup.js';
import { readObjectVersion, versionIdOutput } from './object-lookup.js';
import { patchObject } from './object-patch.js';
import type { S3OperationHandler } from './s3-operation-handler.js';
import { checkTagSet, toTagShapes } from './tag-set.js';

export const getObjectTagging: S3OperationHandler<'GetObjectTagging'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const object = await readObjectVersion(ctx, bucket, input.Key, input.VersionId, 'GET');
  const versionId = versionIdOutput(bucket, object.versionId);
  return { ...(versionId !== undefined && { VersionId: versionId }), TagSet: toTagShapes(object.tags) };
};

export const putObjectTagging: S3OperationHandler<'PutObjectTagging'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const tags = checkTagSet(input.Tagging.TagSet, 'object');
  const object = await patchObject(ctx, bucket, input.Key, input.VersionId, 'PUT', () => ({ tags }));
  const versionId = versionIdOutput(bucket, object.versionId);
  return versionId === undefined ? {} : { VersionId: versionId };
};

export const deleteObjectTagging: S3OperationHandler<'DeleteObjectTagging'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const object = await patchObject(ctx, bucket, input.Key, input.VersionId, 'DELETE', () => ({ tags: [] }));
  const versionId = versionIdOutput(bucket, object.versionId);
  return versionId === undefined ? {} : { VersionId: versionId };
};
