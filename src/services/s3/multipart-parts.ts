// The parts of a multipart upload: uploaded (UploadPart), copied from an object (UploadPartCopy), listed.
// Uploading a part number again replaces it.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html
import type { Part, StorageClass } from '../../protocol/generated/s3.js';
import type { StoredBody } from '../../store/bodies/body-store.js';
import type { ChecksumAlgorithm, MultipartUploadRecord, PartRecord } from '../../store/s3-records.js';
import { isStoreError } from '../../store/store-error.js';
import { toOwner } from './access-control-list.js';
import { requireBucket } from './bucket-lookup.js';
import { copySourceRange } from './byte-range.js';
import { readCopySource } from './copy-source.js';
import { pageSize } from './list-grouping.js';
import { initiatorOf, noSuchUpload, requireUpload } from './multipart-uploads.js';
import { MAX_PUT_SIZE, storeBody, writeRequestBody } from './object-body.js';
import { checksumAlgorithm, checksumMembers, requestChecksums } from './object-checksums.js';
import { quotedEtag, versionIdOutput } from './object-lookup.js';
import { checkPartNumber } from './part-number.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const uploadPart: S3OperationHandler<'UploadPart'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  checkPartNumber(input.PartNumber);
  const upload = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  if (input.SSECustomerAlgorithm !== undefined) {
    throw s3Error('InvalidRequest', 'The encryption parameters are not applicable to this object.');
  }
  const checksums = requestChecksums(input);
  const named = checksumAlgorithm(input.ChecksumAlgorithm);
  // A part carries the upload's checksum: a part stating another one does not belong to it.
  const stated = (Object.keys(checksums) as ChecksumAlgorithm[])[0] ?? named;
  if (upload.checksumAlgorithm && stated && stated !== upload.checksumAlgorithm) {
    throw s3Error(
      'InvalidRequest',
      `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${stated.toLowerCase()}`,
    );
  }
  const compute = [stated ?? upload.checksumAlgorithm].filter((a): a is ChecksumAlgorithm => a !== undefined);
  const body = await writeRequestBody(
    ctx,
    input.Body,
    { ContentLength: input.ContentLength, ContentMD5: input.ContentMD5, checksums },
    compute,
  );
  const part = await commitPart(ctx, upload, input.PartNumber, body);
  return { ETag: quotedEtag(part), ...checksumMembers(part.checksums), ServerSideEncryption: 'AES256' };
};

export const uploadPartCopy: S3OperationHandler<'UploadPartCopy'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  checkPartNumber(input.PartNumber);
  const upload = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  const source = await readCopySource(ctx, input);
  const { object: from } = source;
  const range =
    input.CopySourceRange === undefined ? undefined : copySourceRange(input.CopySourceRange, from.size);
  const size = range ? range.end - range.start + 1 : from.size;
  if (size > MAX_PUT_SIZE) {
    throw s3Error(
      'InvalidRequest',
      `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_PUT_SIZE}`,
    );
  }
  // INVARIANT: readCopySource never returns a delete marker, so the source has a body.
  const body = await storeBody(ctx, ctx.bodies.read(from.bodyId as string, range), {
    compute: upload.checksumAlgorithm ? [upload.checksumAlgorithm] : [],
  });
  const part = await commitPart(ctx, upload, input.PartNumber, body);
  const sourceVersion = versionIdOutput(source.bucket, from.versionId);
  return {
    ...(sourceVersion !== undefined && { CopySourceVersionId: sourceVersion }),
    CopyPartResult: {
      ETag: quotedEtag(part),
      LastModified: new Date(part.lastModified),
      ...checksumMembers(part.checksums),
    },
    ServerSideEncryption: 'AES256',
  };
};

export const listParts: S3OperationHandler<'ListParts'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const upload = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  const max = pageSize(input.MaxParts, 'max-parts');
  const marker = input.PartNumberMarker ?? 0;
  const rows = max === 0 ? [] : await ctx.store.listParts(upload.uploadId, marker, max + 1);
  const parts = rows.slice(0, max);
  const truncated = rows.length > max;
  const last = parts.at(-1);
  return {
    Bucket: bucket.name,
    Key: upload.key,
    UploadId: upload.uploadId,
    PartNumberMarker: marker,
    ...(last && { NextPartNumberMarker: last.partNumber }),
    MaxParts: input.MaxParts ?? 1000,
    IsTruncated: truncated,
    ...(parts.length > 0 && {
      Parts: parts.map(
        (p): Part => ({
          PartNumber: p.partNumber,
          LastModified: new Date(p.lastModified),
          ETag: quotedEtag(p),
          Size: p.size,
          ...checksumMembers(p.checksums),
        }),
      ),
    }),
    Initiator: initiatorOf(upload),
    Owner: toOwner(upload.acl.ownerId),
    StorageClass: upload.storageClass as StorageClass,
    ...(upload.checksumAlgorithm && { ChecksumAlgorithm: upload.checksumAlgorithm }),
    ...(upload.checksumType && { ChecksumType: upload.checksumType }),
  };
};

/** Stores the part; an upload completed or aborted meanwhile answers NoSuchUpload and drops the body. */
async function commitPart(
  ctx: S3HandlerContext,
  upload: MultipartUploadRecord,
  partNumber: number,
  body: StoredBody,
): Promise<PartRecord> {
  const part: PartRecord = {
    uploadId: upload.uploadId,
    partNumber,
    bodyId: body.id,
    size: body.size,
    etag: body.md5Hex,
    lastModified: ctx.now.getTime(),
    checksums: body.checksums,
  };
  let replaced: string[];
  try {
    replaced = await ctx.store.transaction(async (tx) => {
      if (!(await tx.getUpload(upload.uploadId))) throw noSuchUpload(upload.uploadId);
      return (await tx.putPart(part)).replacedBodyIds;
    });
  } catch (error) {
    await ctx.bodies.remove([body.id]);
    if (isStoreError(error, 'NoSuchEntity')) throw noSuchUpload(upload.uploadId);
    throw error;
  }
  await ctx.bodies.remove(replaced);
  return part;
}
