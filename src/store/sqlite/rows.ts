// Column values to record fields: NULL becomes an absent field, JSON columns become arrays.
import type { Tag } from '../records.js';

export function opt<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

export function readTags(json: string): Tag[] {
  return JSON.parse(json) as Tag[];
}

export function readStrings(json: string): string[] {
  return JSON.parse(json) as string[];
}

/** The prefix filter as bound to `substr(path, 1, length(?)) = ?`: '' matches every path. */
export function pathPrefix(filter: { pathPrefix?: string }): string {
  return filter.pathPrefix ?? '';
}

/** The bindings of a name-ordered list query: account, start after, path prefix, rows wanted. */
export interface ListParams {
  a: string;
  after: string;
  prefix: string;
  limit: number;
}
