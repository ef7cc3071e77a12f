// ListObjects (v1: Marker, NextMarker) and ListObjectsV2 (opaque continuation tokens, StartAfter,
// KeyCount, FetchOwner): the latest version of each key that is not a delete marker.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
import type { CommonPrefix, ObjectStorageClass, S3Object } from '../../protocol/generated/s3.js';
import type { ObjectRecord } from '../../store/s3-records.js';
import { toOwner } from './access-control-list.js';
import { requireBucket } from './bucket-lookup.js';
import { afterPrefix, keyEncoder, type ListingPage, listGrouped, pageSize } from './list-grouping.js';
import { checksumAlgorithms } from './object-checksums.js';
import { quotedEtag } from './object-lookup.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const listObjects: S3OperationHandler<'ListObjects'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const encode = keyEncoder(input.EncodingType);
  const prefix = input.Prefix ?? '';
  const page = await listLatest(
    ctx,
    bucket.name,
    prefix,
    input.Delimiter,
    pageSize(input.MaxKeys, 'maxKeys'),
    input.Marker,
  );
  const last = page.last && ('item' in page.last ? page.last.item.key : page.last.prefix);
  return {
    Name: bucket.name,
    Prefix: encode(prefix),
    Marker: encode(input.Marker ?? ''),
    MaxKeys: input.MaxKeys ?? 1000,
    ...(input.Delimiter !== undefined && { Delimiter: encode(input.Delimiter) }),
    IsTruncated: page.truncated,
    // NextMarker only with a delimiter; without one the last key is the next marker.
    ...(page.truncated &&
      input.Delimiter !== undefined &&
      last !== undefined && { NextMarker: encode(last) }),
    ...listed(page, encode, true),
    ...(input.EncodingType && { EncodingType: input.EncodingType }),
  };
};

export const listObjectsV2: S3OperationHandler<'ListObjectsV2'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const encode = keyEncoder(input.EncodingType);
  const prefix = input.Prefix ?? '';
  const after = input.ContinuationToken === undefined ? input.StartAfter : readToken(input.ContinuationToken);
  const page = await listLatest(
    ctx,
    bucket.name,
    prefix,
    input.Delimiter,
    pageSize(input.MaxKeys, 'max-keys'),
    after,
  );
  const last = page.last && ('item' in page.last ? page.last.item.key : afterPrefix(page.last.prefix));
  return {
    Name: bucket.name,
    Prefix: encode(prefix),
    ...(input.Delimiter !== undefined && { Delimiter: encode(input.Delimiter) }),
    MaxKeys: input.MaxKeys ?? 1000,
    ...(input.EncodingType && { EncodingType: input.EncodingType }),
    IsTruncated: page.truncated,
    ...listed(page, encode, input.FetchOwner === true),
    KeyCount: page.items.length + page.commonPrefixes.length,
    ...(input.ContinuationToken !== undefined && { ContinuationToken: input.ContinuationToken }),
    ...(page.truncated && last !== undefined && { NextContinuationToken: writeToken(last) }),
    ...(input.StartAfter !== undefined && { StartAfter: encode(input.StartAfter) }),
  };
};

function listLatest(
  ctx: S3HandlerContext,
  bucket: string,
  prefix: string,
  delimiter: string | undefined,
  max: number,
  after: string | undefined,
): Promise<ListingPage<ObjectRecord>> {
  return listGrouped<ObjectRecord>({
    fetch: (resume, limit) =>
      ctx.store.listObjects(bucket, {
        prefix,
        limit,
        ...(resume.after === 'item' && { after: resume.item.key }),
        ...(resume.after === 'key' && { after: resume.key }),
      }),
    keyOf: (object) => object.key,
    prefix,
    ...(delimiter !== undefined && delimiter !== '' && { delimiter }),
    max,
    start: after === undefined || after === '' ? { after: 'start' } : { after: 'key', key: after },
  });
}

function listed(
  page: ListingPage<ObjectRecord>,
  encode: (text: string) => string,
  withOwner: boolean,
): { Contents?: S3Object[]; CommonPrefixes?: CommonPrefix[] } {
  return {
    ...(page.items.length > 0 && {
      Contents: page.items.map(
        (object): S3Object => ({
          Key: encode(object.key),
          LastModified: new Date(object.lastModified),
          ETag: quotedEtag(object),
          ...checksumsListed(object),
          Size: object.size,
          StorageClass: object.storageClass as ObjectStorageClass,
          ...(withOwner && { Owner: toOwner(object.acl.ownerId) }),
        }),
      ),
    }),
    ...(page.commonPrefixes.length > 0 && {
      CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })),
    }),
  };
}

/** ChecksumAlgorithm and ChecksumType of a listed object or version. */
export function checksumsListed(object: ObjectRecord): Pick<S3Object, 'ChecksumAlgorithm' | 'ChecksumType'> {
  const algorithms = checksumAlgorithms(object.checksums);
  if (algorithms.length === 0) return {};
  return { ChecksumAlgorithm: algorithms, ...(object.checksumType && { ChecksumType: object.checksumType }) };
}

// The continuation token is opaque to clients: where the next page starts, in a versioned envelope.
const TOKEN_PREFIX = 'tl1:';

function writeToken(after: string): string {
  return Buffer.from(TOKEN_PREFIX + after, 'utf8').toString('base64');
}

function readToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX) || writeToken(text.slice(TOKEN_PREFIX.length)) !== token) {
    throw s3Error('InvalidArgument', 'The continuation token provided is incorrect', {
      ArgumentName: 'continuation-token',
      ArgumentValue: token,
    });
  }
  return text.slice(TOKEN_PREFIX.length);
}
