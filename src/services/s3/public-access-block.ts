// Block Public Access at the bucket level (the account level is s3control's).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
import { patchBucket, requireBucket } from './bucket-lookup.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

/** Settings left out of the document are false, as S3 stores them. */
export const putPublicAccessBlock: S3OperationHandler<'PutPublicAccessBlock'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const config = input.PublicAccessBlockConfiguration;
  await patchBucket(ctx, bucket.name, {
    publicAccessBlock: {
      blockPublicAcls: config.BlockPublicAcls ?? false,
      ignorePublicAcls: config.IgnorePublicAcls ?? false,
      blockPublicPolicy: config.BlockPublicPolicy ?? false,
      restrictPublicBuckets: config.RestrictPublicBuckets ?? false,
    },
  });
  return undefined;
};

export const getPublicAccessBlock: S3OperationHandler<'GetPublicAccessBlock'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const block = bucket.publicAccessBlock;
  if (!block) {
    throw s3Error('NoSuchPublicAccessBlockConfiguration', undefined, { BucketName: bucket.name });
  }
  return {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: block.blockPublicAcls,
      IgnorePublicAcls: block.ignorePublicAcls,
      BlockPublicPolicy: block.blockPublicPolicy,
      RestrictPublicBuckets: block.restrictPublicBuckets,
    },
  };
};

export const deletePublicAccessBlock: S3OperationHandler<'DeletePublicAccessBlock'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  await patchBucket(ctx, bucket.name, { publicAccessBlock: undefined });
  return undefined;
};
