// Multipart uploads themselves: create, abort, list. A new upload fixes what the object will be (owner,
// ACL, metadata, tags, checksum); parts and completion are in multipart-parts.ts, multipart-complete.ts.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
import { canonicalUserId, newS3UploadId } from '../../arn/index.js';
import type { Initiator, MultipartUpload, StorageClass } from '../../protocol/generated/s3.js';
import type { BucketRecord, ChecksumAlgorithm, MultipartUploadRecord } from '../../store/s3-records.js';
import { isStoreError } from '../../store/store-error.js';
import { toOwner } from './access-control-list.js';
import { requireBucket } from './bucket-lookup.js';
import { keyEncoder, listGrouped, nextMarkers, pageSize, resumeFromMarkers } from './list-grouping.js';
import { objectAttributes } from './object-attributes.js';
import { checksumAlgorithm } from './object-checksums.js';
import { ANONYMOUS_OWNER_ID, newObjectOwner } from './object-ownership.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

type ChecksumType = 'FULL_OBJECT' | 'COMPOSITE';

export const createMultipartUpload: S3OperationHandler<'CreateMultipartUpload'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const attributes = objectAttributes(input);
  const owner = await newObjectOwner(input, bucket, ctx);
  const algorithm = checksumAlgorithm(input.ChecksumAlgorithm);
  const checksumType = uploadChecksumType(algorithm, input.ChecksumType);
  const upload: MultipartUploadRecord = {
    // S3's upload ids are long URL-safe strings.
    uploadId: newS3UploadId(),
    bucket: bucket.name,
    key: input.Key,
    initiated: ctx.now.getTime(),
    initiatorAccountId: ctx.caller.account,
    initiatorArn: ctx.caller.facts.arn,
    ...attributes,
    ...owner,
    ...(algorithm && { checksumAlgorithm: algorithm }),
    ...(checksumType && { checksumType }),
  };
  await ctx.store.transaction((tx) => tx.createUpload(upload));
  return {
    Bucket: bucket.name,
    Key: input.Key,
    UploadId: upload.uploadId,
    ServerSideEncryption: 'AES256',
    ...(algorithm && { ChecksumAlgorithm: algorithm }),
    ...(checksumType && { ChecksumType: checksumType }),
  };
};

export const abortMultipartUpload: S3OperationHandler<'AbortMultipartUpload'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const upload = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  if (
    input.IfMatchInitiatedTime !== undefined &&
    Math.floor(input.IfMatchInitiatedTime.getTime() / 1000) !== Math.floor(upload.initiated / 1000)
  ) {
    throw s3Error('PreconditionFailed', undefined, { Condition: 'x-amz-if-match-initiated-time' });
  }
  let removed: string[];
  try {
    removed = (await ctx.store.transaction((tx) => tx.deleteUpload(upload.uploadId))).removedBodyIds;
  } catch (error) {
    if (isStoreError(error, 'NoSuchEntity')) throw noSuchUpload(upload.uploadId);
    throw error;
  }
  await ctx.bodies.remove(removed);
  return {};
};

export const listMultipartUploads: S3OperationHandler<'ListMultipartUploads'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const encode = keyEncoder(input.EncodingType);
  const prefix = input.Prefix ?? '';
  const { KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker } = input;
  // upload-id-marker counts only beside a key-marker; resuming needs only the key and upload id.
  const start = resumeFromMarkers(
    keyMarker,
    uploadIdMarker,
    (key, uploadId) => ({ key, uploadId }) as MultipartUploadRecord,
  );
  const page = await listGrouped<MultipartUploadRecord>({
    fetch: (resume, limit) =>
      ctx.store.listUploads(bucket.name, {
        prefix,
        limit,
        ...(resume.after === 'item' && { keyMarker: resume.item.key, uploadIdMarker: resume.item.uploadId }),
        ...(resume.after === 'key' && { keyMarker: resume.key }),
      }),
    keyOf: (upload) => upload.key,
    prefix,
    ...(input.Delimiter && { delimiter: input.Delimiter }),
    max: pageSize(input.MaxUploads, 'max-uploads'),
    start,
  });
  return {
    Bucket: bucket.name,
    KeyMarker: encode(keyMarker ?? ''),
    UploadIdMarker: uploadIdMarker ?? '',
    ...nextMarkers(page, encode, (last) => ({ NextUploadIdMarker: last.uploadId })),
    Prefix: encode(prefix),
    ...(input.Delimiter !== undefined && { Delimiter: encode(input.Delimiter) }),
    MaxUploads: input.MaxUploads ?? 1000,
    IsTruncated: page.truncated,
    ...(page.items.length > 0 && {
      Uploads: page.items.map(
        (upload): MultipartUpload => ({
          UploadId: upload.uploadId,
          Key: encode(upload.key),
          Initiated: new Date(upload.initiated),
          StorageClass: upload.storageClass as StorageClass,
          Owner: toOwner(upload.acl.ownerId),
          Initiator: initiatorOf(upload),
          ...(upload.checksumAlgorithm && { ChecksumAlgorithm: upload.checksumAlgorithm }),
          ...(upload.checksumType && { ChecksumType: upload.checksumType }),
        }),
      ),
    }),
    ...(page.commonPrefixes.length > 0 && {
      CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
    }),
    ...(input.EncodingType && { EncodingType: input.EncodingType }),
  };
};

/** The upload named, for this bucket and key, or NoSuchUpload. */
export async function requireUpload(
  ctx: S3HandlerContext,
  bucket: BucketRecord,
  key: string,
  uploadId: string,
): Promise<MultipartUploadRecord> {
  const upload = await ctx.store.getUpload(uploadId);
  if (!upload || upload.bucket !== bucket.name || upload.key !== key) throw noSuchUpload(uploadId);
  return upload;
}

export function noSuchUpload(uploadId: string) {
  return s3Error('NoSuchUpload', undefined, { UploadId: uploadId });
}

/**
 * "If the principal is an AWS account, it provides the Canonical User ID. If the principal is an IAM
 * User, it provides a user ARN value." https://docs.aws.amazon.com/AmazonS3/latest/API/API_Initiator.html
 */
export function initiatorOf(upload: MultipartUploadRecord): Initiator {
  if (upload.initiatorAccountId === '') return { ID: ANONYMOUS_OWNER_ID };
  if (upload.initiatorArn.endsWith(':root')) return { ID: canonicalUserId(upload.initiatorAccountId) };
  return { ID: upload.initiatorArn };
}

/**
 * CRC64NVME checksums only whole objects, SHA-1 and SHA-256 only parts (a checksum of checksums); the
 * CRC32s do either, COMPOSITE unless asked.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html#ChecksumTypes
 */
function uploadChecksumType(
  algorithm: ChecksumAlgorithm | undefined,
  asked: ChecksumType | undefined,
): ChecksumType | undefined {
  if (algorithm === undefined) {
    if (asked === undefined) return undefined;
    throw s3Error(
      'InvalidRequest',
      'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.',
    );
  }
  const allowed: readonly ChecksumType[] =
    algorithm === 'CRC64NVME'
      ? ['FULL_OBJECT']
      : algorithm === 'SHA1' || algorithm === 'SHA256'
        ? ['COMPOSITE']
        : ['COMPOSITE', 'FULL_OBJECT'];
  const type = asked ?? allowed[0];
  if (type === undefined || !allowed.includes(type)) {
    throw s3Error(
      'InvalidRequest',
      `The ${asked} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`,
    );
  }
  return type;
}
