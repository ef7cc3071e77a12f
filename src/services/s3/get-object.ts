// GetObject and HeadObject: the version asked for, its conditions, a byte range or a part, and the
// headers S3 answers with (response-* overrides replace the stored content headers).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
import type { GetObjectOutput, GetObjectRequest } from '../../protocol/generated/s3.js';
import type { ByteRange } from '../../store/bodies/body-store.js';
import type { ObjectRecord } from '../../store/s3-records.js';
import { requireBucket } from './bucket-lookup.js';
import { contentRange, requestedRange } from './byte-range.js';
import { checkReadConditions } from './conditional-requests.js';
import { checksumMembers } from './object-checksums.js';
import { quotedEtag, readObjectVersion, versionIdOutput } from './object-lookup.js';
import { checkPartNumber } from './part-number.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

/** What S3 answers as Content-Type for an object stored without one. */
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

export const getObject: S3OperationHandler<'GetObject'> = async (input, ctx) => {
  const { object, output, range } = await readObject(input, ctx, 'GET');
  // INVARIANT: only delete markers lack a body, and readObjectVersion never returns one.
  const whole = object.size > 0 ? { start: 0, end: object.size - 1 } : undefined;
  const Body = ctx.bodies.read(object.bodyId as string, range ?? whole);
  return { ...output, ...(object.tags.length > 0 && { TagCount: object.tags.length }), Body };
};

export const headObject: S3OperationHandler<'HeadObject'> = async (input, ctx) => {
  return (await readObject(input, ctx, 'HEAD')).output;
};

interface ReadObject {
  object: ObjectRecord;
  output: Omit<GetObjectOutput, 'Body'>;
  range: ByteRange | undefined;
}

async function readObject(
  input: GetObjectRequest,
  ctx: S3HandlerContext,
  method: string,
): Promise<ReadObject> {
  const bucket = requireBucket(ctx, input);
  if (input.SSECustomerAlgorithm !== undefined) {
    throw s3Error('InvalidRequest', 'The encryption parameters are not applicable to this object.');
  }
  if (input.Range !== undefined && input.PartNumber !== undefined) {
    throw s3Error('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter');
  }
  const overrides = responseOverrides(input);
  if (Object.keys(overrides).length > 0 && ctx.caller.account === '') {
    throw s3Error(
      'InvalidRequest',
      'Request specific response headers cannot be used for anonymous GET requests.',
    );
  }
  const object = await readObjectVersion(ctx, bucket, input.Key, input.VersionId, method);
  checkReadConditions(object, input);

  let range: ByteRange | undefined;
  if (input.PartNumber !== undefined) range = partRange(object, input.PartNumber);
  else if (input.Range !== undefined) range = requestedRange(input.Range, object.size);
  const versionId = versionIdOutput(bucket, object.versionId);
  const output: Omit<GetObjectOutput, 'Body'> = {
    AcceptRanges: 'bytes',
    LastModified: new Date(object.lastModified),
    ContentLength: range ? range.end - range.start + 1 : object.size,
    ETag: quotedEtag(object),
    ...(input.ChecksumMode === 'ENABLED' && range === undefined && checksumOutput(object)),
    ...(versionId !== undefined && { VersionId: versionId }),
    ...(object.cacheControl !== undefined && { CacheControl: object.cacheControl }),
    ...(object.contentDisposition !== undefined && { ContentDisposition: object.contentDisposition }),
    ...(object.contentEncoding !== undefined && { ContentEncoding: object.contentEncoding }),
    ...(object.contentLanguage !== undefined && { ContentLanguage: object.contentLanguage }),
    ContentType: object.contentType ?? DEFAULT_CONTENT_TYPE,
    ...(object.expires !== undefined && { Expires: object.expires }),
    ...overrides,
    ...(range && { ContentRange: contentRange(range, object.size) }),
    ServerSideEncryption: 'AES256',
    Metadata: object.metadata,
    // S3 names the storage class only when it is not STANDARD.
    ...(object.storageClass !== 'STANDARD' && {
      StorageClass: object.storageClass as GetObjectOutput['StorageClass'],
    }),
    ...(input.PartNumber !== undefined && object.partSizes && { PartsCount: object.partSizes.length }),
  };
  return { object, output, range };
}

/** response-content-type and its kin: what the client wants this answer's headers to say. */
function responseOverrides(input: GetObjectRequest): Partial<GetObjectOutput> {
  const overrides: Partial<GetObjectOutput> = {};
  if (input.ResponseCacheControl !== undefined) overrides.CacheControl = input.ResponseCacheControl;
  if (input.ResponseContentDisposition !== undefined)
    overrides.ContentDisposition = input.ResponseContentDisposition;
  if (input.ResponseContentEncoding !== undefined) overrides.ContentEncoding = input.ResponseContentEncoding;
  if (input.ResponseContentLanguage !== undefined) overrides.ContentLanguage = input.ResponseContentLanguage;
  if (input.ResponseContentType !== undefined) overrides.ContentType = input.ResponseContentType;
  if (input.ResponseExpires !== undefined) overrides.Expires = input.ResponseExpires.toUTCString();
  return overrides;
}

/**
 * `partNumber`: the bytes of that part of a multipart object. An object uploaded whole is its own part 1.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax
 */
function partRange(object: ObjectRecord, partNumber: number): ByteRange | undefined {
  checkPartNumber(partNumber);
  const sizes = object.partSizes;
  if (!sizes) {
    if (partNumber !== 1)
      throw s3Error('InvalidPartNumber', undefined, {
        PartNumberRequested: String(partNumber),
        ActualPartCount: '1',
      });
    return undefined;
  }
  const size = sizes[partNumber - 1];
  if (size === undefined) {
    throw s3Error('InvalidPartNumber', undefined, {
      PartNumberRequested: String(partNumber),
      ActualPartCount: String(sizes.length),
    });
  }
  const start = sizes.slice(0, partNumber - 1).reduce((sum, s) => sum + s, 0);
  return { start, end: start + size - 1 };
}

function checksumOutput(object: ObjectRecord): Partial<GetObjectOutput> {
  const members = checksumMembers(object.checksums);
  if (Object.keys(members).length === 0) return {};
  return { ...members, ...(object.checksumType && { ChecksumType: object.checksumType }) };
}
