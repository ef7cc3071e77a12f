// PutObject: one body, streamed to the body store and checked against every digest the request
// promised, then the new version in one transaction.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
import { requireBucket } from './bucket-lookup.js';
import { objectAttributes } from './object-attributes.js';
import { storedBodyFields, writeRequestBody } from './object-body.js';
import {
  checksumAlgorithm,
  checksumMembers,
  checksumsToCompute,
  requestChecksums,
} from './object-checksums.js';
import { quotedEtag } from './object-lookup.js';
import { newObjectOwner } from './object-ownership.js';
import { commitObject, precheckWriteConditions } from './object-write.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const putObject: S3OperationHandler<'PutObject'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  // Appending at an offset is for directory buckets only.
  if (input.WriteOffsetBytes !== undefined) throw s3Error('NotImplemented');
  const attributes = objectAttributes(input);
  const owner = await newObjectOwner(input, bucket, ctx);
  const checksums = requestChecksums(input);
  const named = checksumAlgorithm(input.ChecksumAlgorithm);
  await precheckWriteConditions(ctx, bucket.name, input.Key, input);
  const body = await writeRequestBody(
    ctx,
    input.Body,
    { ContentLength: input.ContentLength, ContentMD5: input.ContentMD5, checksums },
    checksumsToCompute(checksums, named),
  );
  const { object, versioned } = await commitObject(
    ctx,
    {
      bucket: bucket.name,
      key: input.Key,
      ...storedBodyFields(body, ctx.now),
      ...attributes,
      ...owner,
    },
    input,
  );
  return {
    ETag: quotedEtag(object),
    ...checksumMembers(object.checksums),
    ChecksumType: 'FULL_OBJECT',
    ServerSideEncryption: 'AES256',
    ...(versioned && { VersionId: object.versionId }),
  };
};
