// How S3 answers a browser upload that succeeded: a redirect to success_action_redirect (303, with the
// bucket, key and ETag in its query), else success_action_status: 200 (empty), 201 (a PostResponse
// document) or, by default and for any other value, 204. ETag and Location headers name the object.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
import type { PutObjectOutput } from '../protocol/generated/s3.js';
import { requestIdHeaders, type S3Response } from '../protocol/rest-xml/serialize-response.js';
import { escapeXml } from '../protocol/xml/escape-xml.js';

export interface PostUploadResult {
  /** The form's fields by lower-case name. */
  fields: ReadonlyMap<string, string>;
  /** The Host the request was sent to. */
  host: string;
  virtualHosted: boolean;
  bucket: string;
  key: string;
  output: PutObjectOutput;
  requestId: string;
}

export function postUploadResponse(result: PostUploadResult): S3Response {
  const { fields, bucket, key, output } = result;
  const etag = output.ETag ?? '';
  const location = `http://${result.host}/${result.virtualHosted ? '' : `${bucket}/`}${encodeURIComponent(key)}`;
  const headers: Record<string, string> = {
    ...requestIdHeaders({ requestId: result.requestId }),
    etag,
    location,
    ...(output.VersionId !== undefined && { 'x-amz-version-id': output.VersionId }),
    ...(output.ServerSideEncryption !== undefined && {
      'x-amz-server-side-encryption': output.ServerSideEncryption,
    }),
  };
  // `redirect` is the field's older name. A value that is not a URL is ignored.
  const redirect = redirectUrl(fields.get('success_action_redirect') ?? fields.get('redirect'));
  if (redirect) {
    redirect.searchParams.append('bucket', bucket);
    redirect.searchParams.append('key', key);
    redirect.searchParams.append('etag', etag);
    return { status: 303, headers: { ...headers, location: redirect.toString() }, body: undefined };
  }
  switch (fields.get('success_action_status')) {
    case '200':
      return { status: 200, headers, body: '' };
    case '201':
      return {
        status: 201,
        headers: { ...headers, 'content-type': 'application/xml' },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>` +
          `<Location>${escapeXml(location)}</Location><Bucket>${escapeXml(bucket)}</Bucket>` +
          `<Key>${escapeXml(key)}</Key><ETag>${escapeXml(etag)}</ETag></PostResponse>`,
      };
    default:
      return { status: 204, headers, body: undefined };
  }
}

function redirectUrl(text: string | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
