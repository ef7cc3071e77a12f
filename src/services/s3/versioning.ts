// Bucket versioning: never enabled, Enabled, or Suspended (a bucket never returns to unversioned).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
import { patchBucket, requireBucket } from './bucket-lookup.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const putBucketVersioning: S3OperationHandler<'PutBucketVersioning'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const { Status: status, MFADelete: mfaDelete } = input.VersioningConfiguration;
  // MFA delete needs the root user's MFA device on every versioned delete; trustlab does not keep it.
  if (mfaDelete === 'Enabled') throw s3Error('NotImplemented');
  if (status !== undefined && status !== 'Enabled' && status !== 'Suspended') throw s3Error('MalformedXML');
  if (status !== undefined) await patchBucket(ctx, bucket.name, { versioning: status });
  return undefined;
};

/** An empty configuration until versioning was first set. */
export const getBucketVersioning: S3OperationHandler<'GetBucketVersioning'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  return bucket.versioning ? { Status: bucket.versioning, MFADelete: 'Disabled' } : {};
};
