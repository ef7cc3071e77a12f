// The part of the Store that S3 uses. Same rules as store.ts: async, reads see committed data,
// writes only on a transaction handle, plain records in and out, no ids generated here. Records name
// object bodies by bodyId (see bodies/body-store.ts). Large bodies are files: writes that drop a record
// return the file bodyIds it no longer references, for the caller to remove after the commit (a crash in
// between leaves an unreferenced file, which the body store sweeps at start). Small bodies are inline
// rows of the store itself (bodies/body-ids.ts): the write that drops their record deletes them.
import type {
  BucketRecord,
  MultipartUploadRecord,
  ObjectRecord,
  PartRecord,
  PublicAccessBlock,
} from './s3-records.js';

export interface ObjectListing {
  /** Only keys starting with this. */
  prefix?: string;
  /** Only keys after this one (exclusive), in UTF-8 byte order. */
  after?: string;
  /** At most this many records. */
  limit: number;
}

export interface VersionListing {
  prefix?: string;
  /** Resume after this key… */
  keyMarker?: string;
  /** …and, within keyMarker, after this version (versions of one key are listed newest first). */
  versionIdMarker?: string;
  limit: number;
}

export interface UploadListing {
  prefix?: string;
  keyMarker?: string;
  uploadIdMarker?: string;
  limit: number;
}

export type BucketPatch = Partial<
  Pick<BucketRecord, 'acl' | 'versioning' | 'ownership' | 'policy' | 'publicAccessBlock' | 'tags' | 'cors'>
>;
/** Keys set to undefined in a patch are removed (DeleteBucketPolicy, DeleteBucketTagging…). */
export type ObjectPatch = Partial<Pick<ObjectRecord, 'tags' | 'acl'>>;

export interface S3StoreReads {
  getBucket(name: string): Promise<BucketRecord | undefined>;
  /** The account's buckets by name, as ListBuckets answers. */
  listBuckets(accountId: string): Promise<BucketRecord[]>;
  /** The account-level Block Public Access settings (s3control), absent when none were put. */
  getAccountPublicAccessBlock(accountId: string): Promise<PublicAccessBlock | undefined>;

  /** A given version, or the latest one (which may be a delete marker) when versionId is absent. */
  getObject(bucket: string, key: string, versionId?: string): Promise<ObjectRecord | undefined>;
  /** Latest versions that are not delete markers, in key order (ListObjects, ListObjectsV2). */
  listObjects(bucket: string, listing: ObjectListing): Promise<ObjectRecord[]>;
  /** Every version and delete marker: keys in order, each key's versions newest first. */
  listObjectVersions(bucket: string, listing: VersionListing): Promise<ObjectRecord[]>;
  /** Whether the bucket holds any object version, delete markers included (DeleteBucket's check). */
  bucketHasObjects(bucket: string): Promise<boolean>;
  /** Every body id an object version or an upload part names: the bodies a sweep must keep. */
  listBodyIds(): Promise<Set<string>>;
  /** The bytes of an inline body. */
  getInlineBody(id: string): Promise<Buffer | undefined>;

  getUpload(uploadId: string): Promise<MultipartUploadRecord | undefined>;
  /** In key order, then initiation order. */
  listUploads(bucket: string, listing: UploadListing): Promise<MultipartUploadRecord[]>;
  /** In part-number order, after partNumberMarker. */
  listParts(uploadId: string, after: number, limit: number): Promise<PartRecord[]>;
}

export interface S3StoreWrites {
  /** StoreError EntityAlreadyExists when any account has a bucket of that name. */
  createBucket(bucket: BucketRecord): Promise<void>;
  /** StoreError NoSuchEntity when the bucket is missing. */
  updateBucket(name: string, patch: BucketPatch): Promise<BucketRecord>;
  /** StoreError DeleteConflict while objects, versions or multipart uploads remain. */
  deleteBucket(name: string): Promise<void>;
  /** undefined removes them. */
  setAccountPublicAccessBlock(accountId: string, block: PublicAccessBlock | undefined): Promise<void>;

  /**
   * Stores a new version that becomes the latest. With versionId `null` it replaces the key's
   * existing `null` version (unversioned or suspended buckets), whose bodyId is returned. An inline
   * bodyId must name a stored inline body (NoSuchEntity otherwise); so must a part's.
   */
  putObject(object: ObjectRecord): Promise<{ replacedBodyIds: string[] }>;
  /**
   * Removes one version (versionId given) or the whole unversioned object. The latest flag moves to
   * the next-newest version. Returns the removed record's bodyId; nothing when there was none.
   */
  deleteObjectVersion(
    bucket: string,
    key: string,
    versionId: string,
  ): Promise<{ deleted?: ObjectRecord; removedBodyIds: string[] }>;
  /** Changes tags or ACL of one version (the latest when versionId is absent); NoSuchEntity if missing. */
  updateObject(
    bucket: string,
    key: string,
    versionId: string | undefined,
    patch: ObjectPatch,
  ): Promise<ObjectRecord>;

  createUpload(upload: MultipartUploadRecord): Promise<void>;
  /** Creates or replaces the part; returns the replaced part's bodyId. NoSuchEntity if no upload. */
  putPart(part: PartRecord): Promise<{ replacedBodyIds: string[] }>;
  /** Removes the upload and its parts; returns the parts' bodyIds. NoSuchEntity if missing. */
  deleteUpload(uploadId: string): Promise<{ removedBodyIds: string[] }>;

  /** Keeps a small body as a row; its id is new (EntityAlreadyExists otherwise). */
  putInlineBody(id: string, bytes: Uint8Array): Promise<void>;
  /** Deletes inline bodies no record took (a write that failed after its body was kept). */
  deleteInlineBodies(ids: readonly string[]): Promise<void>;
  /** Deletes the inline bodies no record names; returns how many. */
  sweepInlineBodies(): Promise<number>;
}
