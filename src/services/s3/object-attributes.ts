// What a write (PutObject, CopyObject with REPLACE, CreateMultipartUpload) says about the new object beside
// its bytes: content headers, user metadata, storage class, tags, and the features trustlab refuses.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html
import type { Tag } from '../../store/records.js';
import type { ContentHeaders } from '../../store/s3-records.js';
import { s3Error } from './s3-errors.js';
import { checkTagSet } from './tag-set.js';

export interface ObjectAttributesInput {
  Key: string;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  ContentType?: string;
  Expires?: string;
  Metadata?: Record<string, string>;
  StorageClass?: string;
  Tagging?: string;
  ServerSideEncryption?: string;
  SSECustomerAlgorithm?: string;
  SSEKMSKeyId?: string;
  ObjectLockMode?: string;
  ObjectLockRetainUntilDate?: Date;
  ObjectLockLegalHoldStatus?: string;
}

/** Key names are at most 1,024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;
/** User-defined metadata: names and values together, at most 2 KB of UTF-8. */
const MAX_METADATA_BYTES = 2048;

// The classes of a general purpose bucket; the others belong to Outposts, directory buckets, FSx.
const STORAGE_CLASSES = new Set([
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'GLACIER_IR',
]);

export interface ObjectAttributes extends ContentHeaders {
  metadata: Record<string, string>;
  storageClass: string;
  tags: Tag[];
}

/** The attributes a write asks for, checked as S3 checks them. */
export function objectAttributes(input: ObjectAttributesInput): ObjectAttributes {
  checkKey(input.Key);
  refuseUnsupported(input);
  return {
    ...contentHeaders(input),
    metadata: userMetadata(input.Metadata),
    storageClass: storageClass(input.StorageClass),
    tags: input.Tagging === undefined ? [] : tagsFromHeader(input.Tagging),
  };
}

export function checkKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw s3Error('KeyTooLongError', undefined, {
      Size: String(Buffer.byteLength(key, 'utf8')),
      MaxSizeAllowed: String(MAX_KEY_BYTES),
    });
  }
}

export function contentHeaders(input: ObjectAttributesInput): ContentHeaders {
  const headers: ContentHeaders = {};
  if (input.ContentType !== undefined) headers.contentType = input.ContentType;
  if (input.ContentEncoding !== undefined) headers.contentEncoding = input.ContentEncoding;
  if (input.ContentDisposition !== undefined) headers.contentDisposition = input.ContentDisposition;
  if (input.ContentLanguage !== undefined) headers.contentLanguage = input.ContentLanguage;
  if (input.CacheControl !== undefined) headers.cacheControl = input.CacheControl;
  if (input.Expires !== undefined) headers.expires = input.Expires;
  return headers;
}

export function userMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  const entries = Object.entries(metadata ?? {});
  const bytes = entries.reduce((sum, [name, value]) => sum + Buffer.byteLength(name + value, 'utf8'), 0);
  if (bytes > MAX_METADATA_BYTES) {
    throw s3Error('MetadataTooLarge', undefined, {
      Size: String(bytes),
      MaxSizeAllowed: String(MAX_METADATA_BYTES),
    });
  }
  return Object.fromEntries(entries);
}

export function storageClass(value: string | undefined): string {
  if (value === undefined) return 'STANDARD';
  if (!STORAGE_CLASSES.has(value))
    throw s3Error('InvalidStorageClass', undefined, { StorageClassRequested: value });
  return value;
}

/** x-amz-tagging: `k1=v1&k2=v2`, URL-encoded as a query string. */
export function tagsFromHeader(header: string): Tag[] {
  const pairs = [...new URLSearchParams(header)];
  if (new Set(pairs.map(([key]) => key)).size !== pairs.length) {
    throw s3Error(
      'InvalidArgument',
      "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
      { ArgumentName: 'x-amz-tagging', ArgumentValue: header },
    );
  }
  return checkTagSet(
    pairs.map(([Key, Value]) => ({ Key, Value })),
    'object',
  );
}

/**
 * Every object is encrypted at rest with SSE-S3 (AES256), which a write may name; KMS keys, customer
 * keys and Object Lock are not kept by trustlab.
 */
function refuseUnsupported(input: ObjectAttributesInput): void {
  if (
    (input.ServerSideEncryption !== undefined && input.ServerSideEncryption !== 'AES256') ||
    input.SSECustomerAlgorithm !== undefined ||
    input.SSEKMSKeyId !== undefined
  ) {
    throw s3Error('NotImplemented');
  }
  if (
    input.ObjectLockMode !== undefined ||
    input.ObjectLockRetainUntilDate !== undefined ||
    input.ObjectLockLegalHoldStatus !== undefined
  ) {
    throw s3Error('InvalidRequest', 'Bucket is missing Object Lock Configuration');
  }
}

/** What metadata describes an object: content headers and user metadata, from a write or a record. */
export function storedDescription(
  from: ContentHeaders & { metadata: Record<string, string> },
): ContentHeaders & {
  metadata: Record<string, string>;
} {
  const { contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, expires } = from;
  return {
    ...(contentType !== undefined && { contentType }),
    ...(contentEncoding !== undefined && { contentEncoding }),
    ...(contentDisposition !== undefined && { contentDisposition }),
    ...(contentLanguage !== undefined && { contentLanguage }),
    ...(cacheControl !== undefined && { cacheControl }),
    ...(expires !== undefined && { expires }),
    metadata: from.metadata,
  };
}
