// S3 records for the contract suite, built the way the S3 services will build them.
import type { BucketRecord, MultipartUploadRecord, ObjectRecord, PartRecord } from '../s3-records.js';
import { A, T0 } from './fixtures.js';

/** A canonical user id per account, as S3 shows owners. */
export function canonicalId(accountId: string): string {
  return accountId.padStart(64, 'c');
}

export function bucket(name: string, accountId = A, extra: Partial<BucketRecord> = {}): BucketRecord {
  return {
    name,
    accountId,
    region: 'us-east-1',
    createDate: T0,
    ownership: 'BucketOwnerEnforced',
    acl: { ownerId: canonicalId(accountId), grants: [] },
    ...extra,
  };
}

/** A current object version; versionId defaults to `null`, as in a bucket never versioned. */
export function object(bucketName: string, key: string, extra: Partial<ObjectRecord> = {}): ObjectRecord {
  return {
    bucket: bucketName,
    key,
    versionId: 'null',
    isLatest: true,
    deleteMarker: false,
    bodyId: `body-${key}-${extra.versionId ?? 'null'}`,
    size: 3,
    etag: '900150983cd24fb0d6963f7d28e17f72',
    lastModified: T0,
    metadata: {},
    storageClass: 'STANDARD',
    checksums: {},
    tags: [],
    acl: { ownerId: canonicalId(A), grants: [] },
    ownerAccountId: A,
    ...extra,
  };
}

export function deleteMarker(bucketName: string, key: string, versionId: string): ObjectRecord {
  const { bodyId: _none, ...marker } = object(bucketName, key, {
    versionId,
    deleteMarker: true,
    size: 0,
    etag: '',
  });
  return marker;
}

export function upload(bucketName: string, key: string, uploadId: string): MultipartUploadRecord {
  return {
    uploadId,
    bucket: bucketName,
    key,
    initiated: T0,
    initiatorAccountId: A,
    initiatorArn: `arn:aws:iam::${A}:user/David`,
    metadata: {},
    storageClass: 'STANDARD',
    tags: [],
    acl: { ownerId: canonicalId(A), grants: [] },
    ownerAccountId: A,
  };
}

export function part(
  uploadId: string,
  partNumber: number,
  bodyId = `${uploadId}-part-${partNumber}`,
): PartRecord {
  return {
    uploadId,
    partNumber,
    bodyId,
    size: 5 * 1024 * 1024,
    etag: 'b6d81b360a5672d80c27430f39153e2c',
    lastModified: T0,
    checksums: {},
  };
}
