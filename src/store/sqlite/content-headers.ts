// The content headers that objects and multipart uploads both keep, as the same six columns.
import type { ContentHeaders } from '../s3-records.js';
import { opt } from './rows.js';

export interface ContentHeaderRow {
  content_type: string | null;
  content_encoding: string | null;
  content_disposition: string | null;
  content_language: string | null;
  cache_control: string | null;
  expires: string | null;
}

export function readContentHeaders(row: ContentHeaderRow): ContentHeaders {
  return {
    contentType: opt(row.content_type),
    contentEncoding: opt(row.content_encoding),
    contentDisposition: opt(row.content_disposition),
    contentLanguage: opt(row.content_language),
    cacheControl: opt(row.cache_control),
    expires: opt(row.expires),
  };
}

export function contentHeaderParams(headers: ContentHeaders) {
  return {
    contentType: headers.contentType ?? null,
    contentEncoding: headers.contentEncoding ?? null,
    contentDisposition: headers.contentDisposition ?? null,
    contentLanguage: headers.contentLanguage ?? null,
    cacheControl: headers.cacheControl ?? null,
    expires: headers.expires ?? null,
  };
}
