// What the three key listings (objects, versions, multipart uploads) share: pages of at most max-keys
// entries, where with a delimiter every key holding it after the prefix rolls up into one common prefix
// (which counts as one entry), and the parameters' checks and URL encoding.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-prefixes.html
import { s3Error } from './s3-errors.js';

/** Where a page starts: the beginning, after one entry, or after every key up to and including `key`. */
export type Resume<T> = { after: 'start' } | { after: 'item'; item: T } | { after: 'key'; key: string };

export interface ListingPage<T> {
  items: T[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The page's last entry, to resume after. */
  last?: { item: T } | { prefix: string };
}

export interface GroupedListing<T> {
  /** Entries in listing order from `resume`, at most `limit`. */
  fetch(resume: Resume<T>, limit: number): Promise<T[]>;
  keyOf(item: T): string;
  prefix: string;
  delimiter?: string;
  max: number;
  start: Resume<T>;
}

/**
 * Where a listing of versions or uploads resumes: after the key marker's entry named by the id marker
 * (version id, upload id), after the whole key marker without one, or at the start without either.
 */
export function resumeFromMarkers<T>(
  keyMarker: string | undefined,
  idMarker: string | undefined,
  entry: (key: string, id: string) => T,
): Resume<T> {
  if (!keyMarker) return { after: 'start' };
  return idMarker ? { after: 'item', item: entry(keyMarker, idMarker) } : { after: 'key', key: keyMarker };
}

/** A truncated page's markers for the next request: its last entry's key and id, or its last common prefix. */
export function nextMarkers<T extends { key: string }, M extends object>(
  page: ListingPage<T>,
  encode: (text: string) => string,
  idMarker: (last: T) => M,
): { NextKeyMarker?: string } & Partial<M> {
  const last = page.last;
  if (!page.truncated || !last) return {};
  if ('item' in last) return { NextKeyMarker: encode(last.item.key), ...idMarker(last.item) };
  // Sound: every member of Partial<M> may be absent.
  return { NextKeyMarker: encode(last.prefix) } as { NextKeyMarker: string } & Partial<M>;
}

/** Above every key starting with the common prefix: resuming after it skips the whole group. */
export function afterPrefix(commonPrefix: string): string {
  return `${commonPrefix}\u{10FFFF}`;
}

const BATCH = 1000;

export async function listGrouped<T>(listing: GroupedListing<T>): Promise<ListingPage<T>> {
  const { keyOf, prefix, delimiter, max } = listing;
  const page: ListingPage<T> = { items: [], commonPrefixes: [], truncated: false };
  const groupOf = (key: string): string | undefined => {
    if (!delimiter) return undefined;
    const at = key.indexOf(delimiter, prefix.length);
    return at < 0 ? undefined : key.slice(0, at + delimiter.length);
  };
  let resume = listing.start;
  // A marker inside a group already listed (a NextMarker that was a common prefix) resumes after it.
  if (resume.after === 'key') {
    const group = groupOf(resume.key);
    if (group !== undefined) resume = { after: 'key', key: afterPrefix(group) };
  }
  let count = 0;
  for (;;) {
    // One more than the page needs tells whether it is truncated.
    const limit = Math.min(BATCH, max - count + 1);
    const rows = await listing.fetch(resume, limit);
    if (rows.length === 0) return page;
    let skipped = false;
    for (const row of rows) {
      const group = groupOf(keyOf(row));
      if (group !== undefined && group === page.commonPrefixes.at(-1)) {
        resume = { after: 'item', item: row };
        continue;
      }
      if (count === max) {
        page.truncated = max > 0;
        return page;
      }
      count++;
      if (group === undefined) {
        page.items.push(row);
        page.last = { item: row };
        resume = { after: 'item', item: row };
        continue;
      }
      page.commonPrefixes.push(group);
      page.last = { prefix: group };
      resume = { after: 'key', key: afterPrefix(group) };
      skipped = true;
      break;
    }
    if (!skipped && rows.length < limit) return page;
  }
}

/** max-keys, max-uploads: 0 and up; S3 returns at most 1,000 whatever is asked. */
export function pageSize(value: number | undefined, name: string): number {
  if (value === undefined) return BATCH;
  if (!Number.isInteger(value) || value < 0) {
    throw s3Error('InvalidArgument', `Argument ${name} must be an integer between 0 and 2147483647`, {
      ArgumentName: name,
      ArgumentValue: String(value),
    });
  }
  return Math.min(value, BATCH);
}

/** encoding-type=url asks for keys URL-encoded in the answer, as a query string value, `/` kept. */
export function keyEncoder(encodingType: string | undefined): (text: string) => string {
  if (encodingType === undefined) return (text) => text;
  if (encodingType !== 'url') {
    throw s3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', {
      ArgumentName: 'encoding-type',
      ArgumentValue: encodingType,
    });
  }
  return (text) => encodeURIComponent(text).replaceAll('%20', '+').replaceAll('%2F', '/');
}
