// ListObjectVersions: every version and delete marker, keys in order and each key's versions newest
// first, resumable at a key and a version within it.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
import type { DeleteMarkerEntry, ObjectVersion } from '../../protocol/generated/s3.js';
import type { ObjectRecord } from '../../store/s3-records.js';
import { toOwner } from './access-control-list.js';
import { requireBucket } from './bucket-lookup.js';
import { keyEncoder, listGrouped, nextMarkers, pageSize, resumeFromMarkers } from './list-grouping.js';
import { checksumsListed } from './list-objects.js';
import { quotedEtag } from './object-lookup.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const listObjectVersions: S3OperationHandler<'ListObjectVersions'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const encode = keyEncoder(input.EncodingType);
  const { KeyMarker: keyMarker, VersionIdMarker: versionIdMarker } = input;
  if (versionIdMarker !== undefined && versionIdMarker !== '' && !keyMarker) {
    throw s3Error('InvalidArgument', 'A version-id marker cannot be specified without a key marker.', {
      ArgumentName: 'version-id-marker',
      ArgumentValue: versionIdMarker,
    });
  }
  const prefix = input.Prefix ?? '';
  // Resuming needs only the marker's key and version.
  const start = resumeFromMarkers(
    keyMarker,
    versionIdMarker,
    (key, versionId) => ({ key, versionId }) as ObjectRecord,
  );
  const page = await listGrouped<ObjectRecord>({
    fetch: (resume, limit) =>
      ctx.store.listObjectVersions(bucket.name, {
        prefix,
        limit,
        ...(resume.after === 'item' && {
          keyMarker: resume.item.key,
          versionIdMarker: resume.item.versionId,
        }),
        ...(resume.after === 'key' && { keyMarker: resume.key }),
      }),
    keyOf: (object) => object.key,
    prefix,
    ...(input.Delimiter && { delimiter: input.Delimiter }),
    max: pageSize(input.MaxKeys, 'max-keys'),
    start,
  });
  const versions = page.items.filter((v) => !v.deleteMarker);
  const markers = page.items.filter((v) => v.deleteMarker);
  return {
    Name: bucket.name,
    Prefix: encode(prefix),
    KeyMarker: encode(keyMarker ?? ''),
    VersionIdMarker: versionIdMarker ?? '',
    MaxKeys: input.MaxKeys ?? 1000,
    ...(input.Delimiter !== undefined && { Delimiter: encode(input.Delimiter) }),
    ...(input.EncodingType && { EncodingType: input.EncodingType }),
    IsTruncated: page.truncated,
    ...nextMarkers(page, encode, (last) => ({ NextVersionIdMarker: last.versionId })),
    ...(versions.length > 0 && {
      Versions: versions.map(
        (v): ObjectVersion => ({
          ETag: quotedEtag(v),
          ...checksumsListed(v),
          Size: v.size,
          StorageClass: 'STANDARD',
          Key: encode(v.key),
          VersionId: v.versionId,
          IsLatest: v.isLatest,
          LastModified: new Date(v.lastModified),
          Owner: toOwner(v.acl.ownerId),
        }),
      ),
    }),
    ...(markers.length > 0 && {
      DeleteMarkers: markers.map(
        (m): DeleteMarkerEntry => ({
          Owner: toOwner(m.acl.ownerId),
          Key: encode(m.key),
          VersionId: m.versionId,
          IsLatest: m.isLatest,
          LastModified: new Date(m.lastModified),
        }),
      ),
    }),
    ...(page.commonPrefixes.length > 0 && {
      CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
    }),
  };
};
