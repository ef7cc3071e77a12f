// The plain records S3 keeps. Times are epoch milliseconds. Bucket names are global (one namespace
// across every account, as on AWS); keys are compared as UTF-8 bytes, the order S3 lists them in.
import type { Tag } from './records.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html */
export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

export type Permission = 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';

export type Grantee =
  /** An account, by its 64-hex canonical user id. */
  | { type: 'CanonicalUser'; id: string }
  /** `http://acs.amazonaws.com/groups/global/AllUsers`, `…/AuthenticatedUsers`, `…/s3/LogDelivery`. */
  | { type: 'Group'; uri: string }
  | { type: 'AmazonCustomerByEmail'; email: string };

export interface Grant {
  grantee: Grantee;
  permission: Permission;
}

export interface AccessControlList {
  /** The owner's canonical user id. */
  ownerId: string;
  grants: Grant[];
}

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html */
export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export type VersioningStatus = 'Enabled' | 'Suspended';

export interface BucketRecord {
  name: string;
  /** The owning account (12 digits): the resource account of every request on the bucket. */
  accountId: string;
  /** LocationConstraint, `us-east-1` when none was given. */
  region: string;
  createDate: number;
  /** Absent when the ownership controls were deleted (then ObjectWriter rules apply). */
  ownership?: ObjectOwnership;
  acl: AccessControlList;
  /** The bucket policy as written (GetBucketPolicy returns it as is). */
  policy?: string;
  publicAccessBlock?: PublicAccessBlock;
  /** Absent: no tag set (GetBucketTagging answers NoSuchTagSet). */
  tags?: Tag[];
  /** Absent: versioning never enabled (GetBucketVersioning answers no Status). */
  versioning?: VersioningStatus;
  /** The CORS configuration as S3's JSON shape (CORSRules), absent when none. */
  cors?: string;
}

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

/** Base64 digests by algorithm, as S3 returns them in x-amz-checksum-*. */
export type Checksums = Partial<Record<ChecksumAlgorithm, string>>;

/** The content headers S3 keeps and returns as sent. */
export interface ContentHeaders {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  /** The Expires header as sent (an HTTP date). */
  expires?: string;
}

export interface ObjectRecord extends ContentHeaders {
  bucket: string;
  key: string;
  /** `null` for an object written while versioning was never enabled or is suspended, as S3 names it. */
  versionId: string;
  isLatest: boolean;
  /** A delete marker has no body, size 0 and no ETag. */
  deleteMarker: boolean;
  /** The body in the BodyStore; absent for delete markers. */
  bodyId?: string;
  size: number;
  /** Without quotes: 32 hex digits, or `hex-N` for an object completed from N parts. */
  etag: string;
  lastModified: number;
  /** User metadata (x-amz-meta-*), names lower-cased. */
  metadata: Record<string, string>;
  storageClass: string;
  checksums: Checksums;
  /** FULL_OBJECT, or COMPOSITE for a multipart object's checksum of checksums. */
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
  tags: Tag[];
  /** Owner: the writer's account's canonical id, or the bucket owner's under BucketOwnerEnforced. */
  acl: AccessControlList;
  /** The account owning the object (resource account for object ACL checks). */
  ownerAccountId: string;
  /** Part sizes of a multipart object, for GetObject/HeadObject `partNumber` and PartsCount. */
  partSizes?: number[];
}

export interface MultipartUploadRecord extends ContentHeaders {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: number;
  /** The account that initiated it (Initiator/Owner in ListMultipartUploads). */
  initiatorAccountId: string;
  initiatorArn: string;
  metadata: Record<string, string>;
  storageClass: string;
  tags: Tag[];
  acl: AccessControlList;
  ownerAccountId: string;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
}

export interface PartRecord {
  uploadId: string;
  partNumber: number;
  bodyId: string;
  size: number;
  /** Without quotes: 32 hex digits (the part's MD5). */
  etag: string;
  lastModified: number;
  checksums: Checksums;
}
