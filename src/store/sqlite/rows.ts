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

/** A JSON column (ACLs, metadata, checksums…); NULL becomes an absent field. */
export function readJson<T>(json: string): T;
export function readJson<T>(json: string | null): T | undefined;
export function readJson<T>(json: string | null): T | undefined {
  return json === null ? undefined : (JSON.parse(json) as T);
}

export function writeJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
