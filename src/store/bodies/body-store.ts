// Object bodies live in files beside the database, never in it and never whole in memory. A body is
// written to a temporary name, fsynced and renamed to its id only once its digests are checked, so a
// crash or a bad digest never leaves half a body under an id. Records in the store name bodies by id;
// the store's transaction is the moment an object exists.
import type { Readable } from 'node:stream';
import type { ChecksumAlgorithm, Checksums } from '../s3-records.js';

/** Digests the sender promised; any that do not match refuse the body. */
export interface ExpectedDigests {
  /** Content-MD5, base64. */
  md5?: string;
  /** The signed x-amz-content-sha256, hex. */
  sha256Hex?: string;
  /** x-amz-checksum-*, base64. */
  checksums?: Checksums;
  /** Content-Length or x-amz-decoded-content-length. */
  size?: number;
}

export interface BodyWriteOptions {
  /** Checksums to compute beside MD5 (those expected are always computed). */
  compute?: readonly ChecksumAlgorithm[];
  /**
   * Digests to check before the body is kept. A function is called once the source has ended: trailing
   * checksums (aws-chunked trailers) are known only then.
   */
  expected?: ExpectedDigests | (() => ExpectedDigests);
}

export interface StoredBody {
  id: string;
  size: number;
  /** Hex: the ETag of a single-part object. */
  md5Hex: string;
  checksums: Checksums;
}

/** What did not match, for the service's error (BadDigest, XAmzContentSHA256Mismatch, IncompleteBody…). */
export class BodyDigestMismatch extends Error {
  constructor(
    readonly which: 'md5' | 'sha256' | 'size' | ChecksumAlgorithm,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`body ${which} is ${actual}, expected ${expected}`);
    this.name = 'BodyDigestMismatch';
  }
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export interface BodyStore {
  /**
   * Streams the source to a new body. Rejects with BodyDigestMismatch (nothing kept) when an expected
   * digest differs, and with the source's error when it fails.
   */
  write(source: Readable, options?: BodyWriteOptions): Promise<StoredBody>;
  /** The parts' bytes, in order, as one new body (CompleteMultipartUpload). */
  concat(ids: readonly string[], options?: BodyWriteOptions): Promise<StoredBody>;
  /** The body's bytes, or a range of them (give the whole range when the size is known: reads are sized by it). */
  read(id: string, range?: ByteRange): Readable;
  /** Best effort: removing an already-removed body is not an error. */
  remove(ids: readonly string[]): Promise<void>;
  /** Removes bodies no record names (left by a crash between rename and commit). */
  sweep(isReferenced: (id: string) => boolean): Promise<number>;
  /** Releases the store (and, for a temporary one, deletes its directory). */
  close(): Promise<void>;
}
