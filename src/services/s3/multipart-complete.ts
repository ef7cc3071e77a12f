// CompleteMultipartUpload: the parts named, ascending, each as uploaded, all but the last at least 5 MiB,
// become one object: its bytes the parts' in order, its ETag the MD5 of their MD5s and `-N`, its checksum
// the upload's (a checksum of the parts' checksums for COMPOSITE, of the whole bytes for FULL_OBJECT).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
import { createHash } from 'node:crypto';
import type { CompletedPart } from '../../protocol/generated/s3.js';
import { BodyDigests } from '../../store/bodies/body-digests.js';
import type {
  ChecksumAlgorithm,
  Checksums,
  MultipartUploadRecord,
  PartRecord,
} from '../../store/s3-records.js';
import { isStoreError } from '../../store/store-error.js';
import { requireBucket } from './bucket-lookup.js';
import { noSuchUpload, requireUpload } from './multipart-uploads.js';
import { storedDescription } from './object-attributes.js';
import { checksumMembers, DEFAULT_CHECKSUM } from './object-checksums.js';
import { quotedEtag } from './object-lookup.js';
import { commitObject, precheckWriteConditions } from './object-write.js';
import { MAX_PARTS } from './part-number.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

/** Every part but the last is at least 5 MiB. https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

export const completeMultipartUpload: S3OperationHandler<'CompleteMultipartUpload'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const upload = await requireUpload(ctx, bucket, input.Key, input.UploadId);
  const parts = await chosenParts(ctx, upload, input.MultipartUpload?.Parts ?? []);
  await precheckWriteConditions(ctx, bucket.name, input.Key, input);

  const algorithm = upload.checksumAlgorithm ?? DEFAULT_CHECKSUM;
  const composite = upload.checksumType === 'COMPOSITE';
  const body = await ctx.bodies.concat(
    parts.map((p) => p.bodyId),
    { compute: composite ? [] : [algorithm] },
  );
  const checksums: Checksums = composite ? compositeChecksum(algorithm, parts) : body.checksums;
  const { object, versioned } = await commitObject(
    ctx,
    {
      bucket: bucket.name,
      key: upload.key,
      deleteMarker: false,
      bodyId: body.id,
      size: body.size,
      etag: multipartEtag(parts),
      lastModified: ctx.now.getTime(),
      storageClass: upload.storageClass,
      checksums,
      checksumType: composite ? 'COMPOSITE' : 'FULL_OBJECT',
      tags: upload.tags,
      acl: upload.acl,
      ownerAccountId: upload.ownerAccountId,
      partSizes: parts.map((p) => p.size),
      ...storedDescription(upload),
    },
    input,
    async (tx) => {
      try {
        // The parts' bodies go with the upload; the object has its own copy.
        return (await tx.deleteUpload(upload.uploadId)).removedBodyIds;
      } catch (error) {
        if (isStoreError(error, 'NoSuchEntity')) throw noSuchUpload(upload.uploadId);
        throw error;
      }
    },
  );
  return {
    Location: `https://${bucket.name}.s3.amazonaws.com/${encodeURIComponent(upload.key).replaceAll('%2F', '/')}`,
    Bucket: bucket.name,
    Key: upload.key,
    ETag: quotedEtag(object),
    ...checksumMembers(object.checksums),
    ChecksumType: object.checksumType,
    ServerSideEncryption: 'AES256',
    ...(versioned && { VersionId: object.versionId }),
  };
};

/**
 * The stored parts the request names: ascending part numbers (InvalidPartOrder), each uploaded with
 * that ETag and checksum (InvalidPart), every one but the last at least 5 MiB (EntityTooSmall).
 */
async function chosenParts(
  ctx: S3HandlerContext,
  upload: MultipartUploadRecord,
  requested: readonly CompletedPart[],
): Promise<PartRecord[]> {
  if (requested.length === 0 || requested.length > MAX_PARTS) throw s3Error('MalformedXML');
  const stored = new Map(
    (await ctx.store.listParts(upload.uploadId, 0, MAX_PARTS)).map((p) => [p.partNumber, p] as const),
  );
  const chosen: PartRecord[] = [];
  let previous = 0;
  for (const asked of requested) {
    const number = asked.PartNumber;
    if (number === undefined || asked.ETag === undefined) throw s3Error('MalformedXML');
    if (number <= previous) throw s3Error('InvalidPartOrder', undefined, { UploadId: upload.uploadId });
    previous = number;
    const part = stored.get(number);
    const checksum = upload.checksumAlgorithm && askedChecksum(asked, upload.checksumAlgorithm);
    if (
      !part ||
      asked.ETag.trim().replace(/^"(.*)"$/, '$1') !== part.etag ||
      (checksum !== undefined && checksum !== part.checksums[upload.checksumAlgorithm as ChecksumAlgorithm])
    ) {
      throw s3Error('InvalidPart', undefined, {
        UploadId: upload.uploadId,
        PartNumber: String(number),
        ETag: asked.ETag,
      });
    }
    chosen.push(part);
  }
  for (const part of chosen.slice(0, -1)) {
    if (part.size < MIN_PART_SIZE) {
      throw s3Error('EntityTooSmall', undefined, {
        UploadId: upload.uploadId,
        ProposedSize: String(part.size),
        MinSizeAllowed: String(MIN_PART_SIZE),
        PartNumber: String(part.partNumber),
        ETag: part.etag,
      });
    }
  }
  return chosen;
}

function askedChecksum(part: CompletedPart, algorithm: ChecksumAlgorithm): string | undefined {
  const members: Record<ChecksumAlgorithm, string | undefined> = {
    CRC32: part.ChecksumCRC32,
    CRC32C: part.ChecksumCRC32C,
    CRC64NVME: part.ChecksumCRC64NVME,
    SHA1: part.ChecksumSHA1,
    SHA256: part.ChecksumSHA256,
  };
  return members[algorithm];
}

/** The MD5 of the parts' binary MD5s, then `-` and the number of parts. */
export function multipartEtag(parts: readonly PartRecord[]): string {
  const md5 = createHash('md5');
  for (const part of parts) md5.update(Buffer.from(part.etag, 'hex'));
  return `${md5.digest('hex')}-${parts.length}`;
}

/** The checksum of the parts' binary checksums, then `-N`, as S3 writes a COMPOSITE checksum. */
function compositeChecksum(algorithm: ChecksumAlgorithm, parts: readonly PartRecord[]): Checksums {
  const digests = new BodyDigests(new Set([algorithm]));
  for (const part of parts) digests.update(Buffer.from(part.checksums[algorithm] ?? '', 'base64'));
  return { [algorithm]: `${digests.result().checksums[algorithm]}-${parts.length}` };
}
