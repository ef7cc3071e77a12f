// Writing an object's or a part's body: streamed to the BodyStore, which keeps it only once every digest
// the request promised matched; a mismatch is answered as S3 answers it.
import { Readable } from 'node:stream';
import {
  BodyDigestMismatch,
  type BodyWriteOptions,
  type ExpectedDigests,
  type StoredBody,
} from '../../store/bodies/body-store.js';
import type { ChecksumAlgorithm, Checksums } from '../../store/s3-records.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';

/** 5 GiB: the largest single PUT (object or part), and the largest copy source. */
export const MAX_PUT_SIZE = 5 * 1024 * 1024 * 1024;

/** What the request's own headers promise about its body. */
export interface BodyPromises {
  ContentLength?: number;
  ContentMD5?: string;
  checksums: Checksums;
}

/**
 * Streams `body` into a new stored body, checking Content-MD5, x-amz-checksum-* and the length with
 * what the signature promised (the signed sha256, aws-chunked trailing checksums).
 */
export async function writeRequestBody(
  ctx: S3HandlerContext,
  body: Readable | undefined,
  promises: BodyPromises,
  compute: readonly ChecksumAlgorithm[],
): Promise<StoredBody> {
  const { ContentLength: size, ContentMD5: md5, checksums } = promises;
  if (size !== undefined && size > MAX_PUT_SIZE) {
    throw s3Error('EntityTooLarge', undefined, {
      ProposedSize: String(size),
      MaxSizeAllowed: String(MAX_PUT_SIZE),
    });
  }
  // A Content-MD5 that is not 16 bytes in base64 cannot match anything.
  if (md5 !== undefined && !/^[A-Za-z0-9+/]{22}==$/.test(md5)) throw s3Error('InvalidDigest');
  const withMine = (signed: ExpectedDigests): ExpectedDigests => ({
    ...signed,
    ...(md5 !== undefined && { md5 }),
    ...(size !== undefined && { size }),
    checksums: { ...signed.checksums, ...checksums },
  });
  // A signed SHA-256 is known before the body (and then nothing trails it): given up front, the body
  // store knows to compute it. aws-chunked trailing checksums are known only once the body has ended.
  const early = ctx.payloadDigests();
  const expected = early.sha256Hex !== undefined ? withMine(early) : () => withMine(ctx.payloadDigests());
  return storeBody(ctx, body ?? Readable.from([]), {
    compute: [...compute, ...ctx.trailingChecksums],
    expected,
  });
}

/** A body write whose digest mismatches become S3's errors. */
export async function storeBody(
  ctx: S3HandlerContext,
  source: Readable,
  options: BodyWriteOptions,
): Promise<StoredBody> {
  try {
    return await ctx.bodies.write(source, options);
  } catch (error) {
    if (error instanceof BodyDigestMismatch) throw mismatchError(error);
    throw error;
  }
}

function mismatchError(error: BodyDigestMismatch) {
  switch (error.which) {
    case 'md5':
      return s3Error('BadDigest');
    case 'sha256':
      return s3Error('XAmzContentSHA256Mismatch', undefined, {
        ClientComputedContentSHA256: error.expected,
        S3ComputedContentSHA256: error.actual,
      });
    case 'size':
      return s3Error('IncompleteBody');
    default:
      return s3Error('BadDigest', `The ${error.which} you specified did not match the calculated checksum.`);
  }
}

/** The fields of a new object version that come from its stored body. */
export function storedBodyFields(body: StoredBody, now: Date) {
  return {
    deleteMarker: false,
    bodyId: body.id,
    size: body.size,
    etag: body.md5Hex,
    lastModified: now.getTime(),
    checksums: body.checksums,
    checksumType: 'FULL_OBJECT' as const,
  };
}
