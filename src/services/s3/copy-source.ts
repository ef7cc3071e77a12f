// x-amz-copy-source of CopyObject and UploadPartCopy: `[/]bucket/key[?versionId=id]`, the key
// URL-encoded; the source version read as GetObject would, then its x-amz-copy-source-if-* conditions.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html#API_CopyObject_RequestSyntax
import type { BucketRecord, ObjectRecord } from '../../store/s3-records.js';
import { noSuchBucket } from './bucket-lookup.js';
import { type CopySourceConditions, checkCopySourceConditions } from './conditional-requests.js';
import { noSuchKey } from './object-lookup.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';

export interface CopySourceInput extends CopySourceConditions {
  CopySource: string;
  ExpectedSourceBucketOwner?: string;
  CopySourceSSECustomerAlgorithm?: string;
}

export interface CopySource {
  bucket: BucketRecord;
  object: ObjectRecord;
  /** The version the header named, if any. */
  versionId?: string;
}

export async function readCopySource(ctx: S3HandlerContext, input: CopySourceInput): Promise<CopySource> {
  const { bucketName, key, versionId } = parseCopySource(input.CopySource);
  const bucket = await ctx.store.getBucket(bucketName);
  if (!bucket) throw noSuchBucket(bucketName);
  if (input.ExpectedSourceBucketOwner !== undefined && input.ExpectedSourceBucketOwner !== bucket.accountId) {
    throw s3Error('AccessDenied');
  }
  if (input.CopySourceSSECustomerAlgorithm !== undefined) {
    throw s3Error('InvalidRequest', 'The encryption parameters are not applicable to this object.');
  }
  const object = await ctx.store.getObject(bucketName, key, versionId);
  if (versionId === undefined) {
    if (!object || object.deleteMarker) throw noSuchKey(key);
  } else {
    if (!object) throw s3Error('NoSuchVersion', undefined, { Key: key, VersionId: versionId });
    if (object.deleteMarker) {
      throw s3Error(
        'InvalidRequest',
        'The source of a copy request may not specifically refer to a delete marker by version id.',
      );
    }
  }
  checkCopySourceConditions(object, input);
  return { bucket, object, ...(versionId !== undefined && { versionId }) };
}

export function parseCopySource(header: string): { bucketName: string; key: string; versionId?: string } {
  const at = header.indexOf('?');
  const path = at < 0 ? header : header.slice(0, at);
  const query = new URLSearchParams(at < 0 ? '' : header.slice(at + 1));
  let decoded: string;
  try {
    decoded = decodeURIComponent(path).replace(/^\//, '');
  } catch {
    throw invalidCopySource(header);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw invalidCopySource(header);
  const versionId = query.get('versionId');
  return {
    bucketName: decoded.slice(0, slash),
    key: decoded.slice(slash + 1),
    ...(versionId !== null && { versionId }),
  };
}

function invalidCopySource(header: string) {
  return s3Error(
    'InvalidArgument',
    'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
    {
      ArgumentName: 'x-amz-copy-source',
      ArgumentValue: header,
    },
  );
}
