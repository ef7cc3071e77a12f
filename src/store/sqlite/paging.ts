// Marker pagination: a page asks for one row more than it returns; the marker names the last row
// returned, and the next page starts after it. Markers are opaque to clients, as IAM's are.
import type { Page, PageRequest } from '../store.js';
import { StoreError } from '../store-error.js';

const PREFIX = 'tl1:';

export function pageSize(page: PageRequest): number {
  return Math.min(Math.max(Math.trunc(page.maxItems ?? 100), 1), 1000);
}

export function encodeMarker(key: string): string {
  return Buffer.from(PREFIX + key, 'utf8').toString('base64url');
}

/** The sort key after which the page starts, '' for the first page. */
export function decodeMarker(marker: string | undefined): string {
  if (marker === undefined) return '';
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length) {
    throw new StoreError('InvalidMarker', 'the marker was not issued by this store');
  }
  return text.slice(PREFIX.length);
}

/** rows: up to size + 1 rows in order; key: the row's sort key, what the next page starts after. */
export function toPage<R, T>(rows: R[], size: number, map: (row: R) => T, key: (row: R) => string): Page<T> {
  const truncated = rows.length > size;
  const kept = truncated ? rows.slice(0, size) : rows;
  const items = kept.map(map);
  const last = kept[kept.length - 1];
  return truncated && last !== undefined ? { items, marker: encodeMarker(key(last)) } : { items };
}

/** A two-part sort key `name/suffix` → [name, suffix]; IAM names never contain `/`. [] for ''. */
export function splitKey(key: string): string[] {
  const slash = key.lastIndexOf('/');
  return slash < 0 ? [] : [key.slice(0, slash), key.slice(slash + 1)];
}
