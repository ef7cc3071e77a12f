// CopyObject: a new object from a stored one, its bytes copied (bodies are never shared between
// records), metadata and tags copied or replaced as the directives say, ACL and owner as a new write.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
import type { ChecksumAlgorithm, ObjectRecord } from '../../store/s3-records.js';
import { requireBucket } from './bucket-lookup.js';
import { readCopySource } from './copy-source.js';
import { objectAttributes, storedDescription, tagsFromHeader } from './object-attributes.js';
import { MAX_PUT_SIZE, storeBody, storedBodyFields } from './object-body.js';
import {
  checksumAlgorithm,
  checksumAlgorithms,
  checksumMembers,
  DEFAULT_CHECKSUM,
} from './object-checksums.js';
import { quotedEtag, versionIdOutput } from './object-lookup.js';
import { newObjectOwner } from './object-ownership.js';
import { commitObject } from './object-write.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

const COPY_TO_ITSELF =
  "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.";

export const copyObject: S3OperationHandler<'CopyObject'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const metadataDirective = directive(input.MetadataDirective, 'metadata');
  const taggingDirective = directive(input.TaggingDirective, 'tagging');
  const requested = objectAttributes({ ...input, Tagging: undefined });
  const source = await readCopySource(ctx, input);
  const { object: from } = source;
  if (from.size > MAX_PUT_SIZE) {
    throw s3Error(
      'InvalidRequest',
      `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_PUT_SIZE}`,
    );
  }
  // Copying a key onto itself must change something; naming an older version restores it.
  const ontoItself =
    source.bucket.name === bucket.name &&
    from.key === input.Key &&
    from.isLatest &&
    metadataDirective === 'COPY' &&
    input.StorageClass === undefined &&
    input.ServerSideEncryption === undefined &&
    input.WebsiteRedirectLocation === undefined;
  if (ontoItself) throw s3Error('InvalidRequest', COPY_TO_ITSELF);

  const owner = await newObjectOwner(input, bucket, ctx);
  const description =
    metadataDirective === 'REPLACE' ? storedDescription(requested) : storedDescription(from);
  const tags = taggingDirective === 'REPLACE' ? tagsFromHeader(input.Tagging ?? '') : from.tags;
  // INVARIANT: readCopySource never returns a delete marker, so the source has a body.
  const body = await storeBody(ctx, ctx.bodies.read(from.bodyId as string), {
    compute: copiedChecksums(from, checksumAlgorithm(input.ChecksumAlgorithm)),
  });
  const { object, versioned } = await commitObject(
    ctx,
    {
      bucket: bucket.name,
      key: input.Key,
      ...storedBodyFields(body, ctx.now),
      storageClass: requested.storageClass,
      tags,
      ...description,
      ...owner,
    },
    input,
  );
  const sourceVersion = versionIdOutput(source.bucket, from.versionId);
  return {
    CopyObjectResult: {
      ETag: quotedEtag(object),
      LastModified: new Date(object.lastModified),
      ChecksumType: 'FULL_OBJECT',
      ...checksumMembers(object.checksums),
    },
    ...(sourceVersion !== undefined && { CopySourceVersionId: sourceVersion }),
    ...(versioned && { VersionId: object.versionId }),
    ServerSideEncryption: 'AES256',
  };
};

/** x-amz-metadata-directive, x-amz-tagging-directive: COPY (the default) or REPLACE. */
function directive(value: string | undefined, what: 'metadata' | 'tagging'): 'COPY' | 'REPLACE' {
  if (value === undefined || value === 'COPY') return 'COPY';
  if (value === 'REPLACE') return 'REPLACE';
  throw s3Error('InvalidArgument', `Unknown ${what} directive.`, {
    ArgumentName: `x-amz-${what}-directive`,
    ArgumentValue: value,
  });
}

/** The algorithm asked for, else the source's whole-object checksums, else S3's default. */
function copiedChecksums(from: ObjectRecord, named: ChecksumAlgorithm | undefined): ChecksumAlgorithm[] {
  if (named) return [named];
  const kept = from.checksumType === 'FULL_OBJECT' ? checksumAlgorithms(from.checksums) : [];
  return kept.length > 0 ? kept : [DEFAULT_CHECKSUM];
}
