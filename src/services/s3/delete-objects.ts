// DeleteObjects: up to 1,000 keys in one request, each authorized and deleted on its own; the answer
// lists what was deleted (unless Quiet) and what failed.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html

import { AwsError } from '../../protocol/errors.js';
import type { DeletedObject, S3Error } from '../../protocol/generated/s3.js';
import { requireBucket } from './bucket-lookup.js';
import { deleteOne } from './delete-object.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

const MAX_KEYS = 1000;

export const deleteObjects: S3OperationHandler<'DeleteObjects'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const objects = input.Delete.Objects ?? [];
  if (objects.length === 0 || objects.length > MAX_KEYS) throw s3Error('MalformedXML');
  const deleted: DeletedObject[] = [];
  const errors: S3Error[] = [];
  for (const { Key: key, VersionId: versionId, ETag: etag } of objects) {
    const action = versionId === undefined ? 's3:DeleteObject' : 's3:DeleteObjectVersion';
    const failure = (error: AwsError): S3Error => ({
      Key: key,
      ...(versionId !== undefined && { VersionId: versionId }),
      Code: error.code,
      Message: error.awsMessage ?? error.code,
    });
    if (!(await ctx.authorizeEach(action, `arn:aws:s3:::${bucket.name}/${key}`))) {
      errors.push(failure(s3Error('AccessDenied')));
      continue;
    }
    try {
      const outcome = await deleteOne(ctx, bucket, key, versionId, etag);
      deleted.push({
        Key: key,
        ...(versionId !== undefined && { VersionId: versionId }),
        ...(outcome.deleteMarker && { DeleteMarker: true }),
        ...(outcome.deleteMarker &&
          outcome.versionId !== undefined && { DeleteMarkerVersionId: outcome.versionId }),
      });
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      errors.push(failure(error));
    }
  }
  return {
    ...(!input.Delete.Quiet && deleted.length > 0 && { Deleted: deleted }),
    ...(errors.length > 0 && { Errors: errors }),
  };
};
