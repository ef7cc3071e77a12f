// IAM's Marker/MaxItems/IsTruncated over the store's pages.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUsers.html#API_ListUsers_RequestParameters
import type { Page, PageRequest } from '../../store/store.js';

export function pageRequest(input: { Marker?: string; MaxItems?: number }): PageRequest {
  return {
    ...(input.Marker !== undefined && { marker: input.Marker }),
    ...(input.MaxItems !== undefined && { maxItems: input.MaxItems }),
  };
}

export function pageResult(page: Page<unknown>): { IsTruncated: boolean; Marker?: string } {
  return page.marker === undefined ? { IsTruncated: false } : { IsTruncated: true, Marker: page.marker };
}

/** Pages a list the store returns whole (access keys, policy versions, tags): the marker is an offset. */
export function pageArray<T>(items: readonly T[], input: { Marker?: string; MaxItems?: number }): Page<T> {
  const start =
    input.Marker === undefined ? 0 : Number.parseInt(Buffer.from(input.Marker, 'base64url').toString(), 10);
  const from = Number.isSafeInteger(start) && start > 0 ? start : 0;
  const size = Math.min(Math.max(input.MaxItems ?? 100, 1), 1000);
  const end = from + size;
  const page = items.slice(from, end);
  return end < items.length
    ? { items: page, marker: Buffer.from(String(end)).toString('base64url') }
    : { items: page };
}
