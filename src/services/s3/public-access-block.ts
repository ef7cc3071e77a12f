// Block Public Access, at the bucket level (S3) and the account level (S3 Control); S3 applies the two
// combined (effectivePublicAccessBlock).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
import type { PublicAccessBlockConfiguration } from '../../protocol/rest-xml/s3control.js';
import type { PublicAccessBlock } from '../../store/s3-records.js';
import type { Store } from '../../store/store.js';
import { patchBucket, requireBucket } from './bucket-lookup.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const putPublicAccessBlock: S3OperationHandler<'PutPublicAccessBlock'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  await patchBucket(ctx, bucket.name, { publicAccessBlock: fromWire(input.PublicAccessBlockConfiguration) });
  return undefined;
};

export const getPublicAccessBlock: S3OperationHandler<'GetPublicAccessBlock'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const block = bucket.publicAccessBlock;
  if (!block) {
    throw s3Error('NoSuchPublicAccessBlockConfiguration', undefined, { BucketName: bucket.name });
  }
  return { PublicAccessBlockConfiguration: toWire(block) };
};

export const deletePublicAccessBlock: S3OperationHandler<'DeletePublicAccessBlock'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  await patchBucket(ctx, bucket.name, { publicAccessBlock: undefined });
  return undefined;
};

/** S3 Control's PutPublicAccessBlock: the account's settings, for every bucket it owns. */
export async function putAccountPublicAccessBlock(
  store: Store,
  accountId: string,
  configuration: PublicAccessBlockConfiguration,
): Promise<void> {
  await store.transaction((tx) => tx.setAccountPublicAccessBlock(accountId, fromWire(configuration)));
}

export async function getAccountPublicAccessBlock(
  store: Store,
  accountId: string,
): Promise<Required<PublicAccessBlockConfiguration>> {
  const block = await store.getAccountPublicAccessBlock(accountId);
  if (!block) throw s3Error('NoSuchPublicAccessBlockConfiguration');
  return toWire(block);
}

export async function deleteAccountPublicAccessBlock(store: Store, accountId: string): Promise<void> {
  await store.transaction((tx) => tx.setAccountPublicAccessBlock(accountId, undefined));
}

/** Settings left out of the document are false, as S3 stores them. */
function fromWire(configuration: PublicAccessBlockConfiguration): PublicAccessBlock {
  return {
    blockPublicAcls: configuration.BlockPublicAcls ?? false,
    ignorePublicAcls: configuration.IgnorePublicAcls ?? false,
    blockPublicPolicy: configuration.BlockPublicPolicy ?? false,
    restrictPublicBuckets: configuration.RestrictPublicBuckets ?? false,
  };
}

function toWire(block: PublicAccessBlock): Required<PublicAccessBlockConfiguration> {
  return {
    BlockPublicAcls: block.blockPublicAcls,
    IgnorePublicAcls: block.ignorePublicAcls,
    BlockPublicPolicy: block.blockPublicPolicy,
    RestrictPublicBuckets: block.restrictPublicBuckets,
  };
}
