// Conditional requests: reads (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since), copy
// sources (the same four as x-amz-copy-source-if-*) and writes (If-None-Match: *, If-Match).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-requests.html
import type { ObjectRecord } from '../../store/s3-records.js';
import { noSuchKey, quotedEtag } from './object-lookup.js';
import { s3Error } from './s3-errors.js';

export interface Conditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

type Outcome =
  | { ok: true }
  | { ok: false; failed: 'If-Match' | 'If-Unmodified-Since' | 'If-None-Match' | 'If-Modified-Since' };

/**
 * RFC 9110's order, as S3 applies it: If-Match, else If-Unmodified-Since, may fail the request (412);
 * then If-None-Match, else If-Modified-Since, may answer it unchanged (304). A true If-Match overrides a
 * false If-Unmodified-Since, and a false If-None-Match a true If-Modified-Since.
 */
function evaluate(object: ObjectRecord, conditions: Conditions): Outcome {
  const { IfMatch, IfNoneMatch, IfModifiedSince, IfUnmodifiedSince } = conditions;
  // Last-Modified travels in whole seconds: compare at that precision.
  const lastModified = Math.floor(object.lastModified / 1000) * 1000;
  if (IfMatch !== undefined) {
    if (!etagMatches(IfMatch, object.etag)) return { ok: false, failed: 'If-Match' };
  } else if (isDate(IfUnmodifiedSince) && lastModified > IfUnmodifiedSince.getTime()) {
    return { ok: false, failed: 'If-Unmodified-Since' };
  }
  if (IfNoneMatch !== undefined) {
    if (etagMatches(IfNoneMatch, object.etag)) return { ok: false, failed: 'If-None-Match' };
  } else if (isDate(IfModifiedSince) && lastModified <= IfModifiedSince.getTime()) {
    return { ok: false, failed: 'If-Modified-Since' };
  }
  return { ok: true };
}

/** GetObject, HeadObject: 412 PreconditionFailed, or 304 Not Modified with the object's validators. */
export function checkReadConditions(object: ObjectRecord, conditions: Conditions): void {
  const outcome = evaluate(object, conditions);
  if (outcome.ok) return;
  if (outcome.failed === 'If-Match' || outcome.failed === 'If-Unmodified-Since') {
    throw s3Error('PreconditionFailed', undefined, { Condition: outcome.failed });
  }
  throw s3Error('NotModified', undefined, undefined, {
    etag: quotedEtag(object),
    'last-modified': new Date(object.lastModified).toUTCString(),
  });
}

export interface CopySourceConditions {
  CopySourceIfMatch?: string;
  CopySourceIfNoneMatch?: string;
  CopySourceIfModifiedSince?: Date;
  CopySourceIfUnmodifiedSince?: Date;
}

/** CopyObject, UploadPartCopy: every failed condition is 412, named as its header. */
export function checkCopySourceConditions(object: ObjectRecord, input: CopySourceConditions): void {
  const outcome = evaluate(object, {
    IfMatch: input.CopySourceIfMatch,
    IfNoneMatch: input.CopySourceIfNoneMatch,
    IfModifiedSince: input.CopySourceIfModifiedSince,
    IfUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
  });
  if (!outcome.ok) {
    throw s3Error('PreconditionFailed', undefined, { Condition: `x-amz-copy-source-${outcome.failed}` });
  }
}

/**
 * Conditional writes against the key's current object: If-None-Match accepts only `*` (no object may
 * exist), If-Match needs the current object to have that ETag (404 when there is none).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
export function checkWriteConditions(
  key: string,
  current: ObjectRecord | undefined,
  conditions: { IfMatch?: string; IfNoneMatch?: string },
): void {
  const existing = current && !current.deleteMarker ? current : undefined;
  if (conditions.IfNoneMatch !== undefined) {
    if (conditions.IfNoneMatch.trim() !== '*') {
      throw s3Error('NotImplemented', undefined, { Header: 'If-None-Match' });
    }
    if (existing) throw s3Error('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
  }
  if (conditions.IfMatch !== undefined) {
    if (!existing) throw noSuchKey(key);
    if (!etagMatches(conditions.IfMatch, existing.etag)) {
      throw s3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
    }
  }
}

/** A header's entity tags (`*`, or a list of quoted or bare tags) against an object's ETag. */
export function etagMatches(header: string, etag: string): boolean {
  return header.split(',').some((tag) => {
    const bare = tag
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1');
    return bare === '*' || bare === etag;
  });
}

/** An unparsable date header is ignored, as HTTP says. */
function isDate(date: Date | undefined): date is Date {
  return date !== undefined && !Number.isNaN(date.getTime());
}
