// The Range header of GetObject and HeadObject (one range: `bytes=a-b`, `bytes=a-`, `bytes=-n`) and the
// x-amz-copy-source-range of UploadPartCopy. https://www.rfc-editor.org/rfc/rfc9110#name-range
import type { ByteRange } from '../../store/bodies/body-store.js';
import { s3Error } from './s3-errors.js';

/**
 * The bytes a Range header asks of an object of `size` bytes; undefined when the header is not a single
 * byte range S3 honours (then the whole object is sent). 416 InvalidRange when nothing of it exists.
 */
export function requestedRange(header: string, size: number): ByteRange | undefined {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  // A last byte before the first makes the header invalid, which HTTP says to ignore.
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw invalidRange(header, size);
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** `bytes start-end/size`, as Content-Range states it. */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}

/** x-amz-copy-source-range: only `bytes=first-last`, inside the source. */
export function copySourceRange(header: string, size: number): ByteRange {
  const match = /^bytes=(\d+)-(\d+)$/.exec(header);
  if (!match) {
    throw s3Error(
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: header },
    );
  }
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (start > end || end >= size) {
    throw s3Error('InvalidRequest', 'The specified copy range is invalid for the source object size');
  }
  return { start, end };
}

function invalidRange(header: string, size: number) {
  return s3Error(
    'InvalidRange',
    undefined,
    { RangeRequested: header, ActualObjectSize: String(size) },
    { 'content-range': `bytes */${size}` },
  );
}
