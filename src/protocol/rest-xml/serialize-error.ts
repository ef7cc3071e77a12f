import type { AwsError } from '../errors.js';
import { escapeXml } from '../xml/escape-xml.js';
import { hostIdOf, requestIdHeaders, type S3RequestIds, type S3Response } from './serialize-response.js';

// S3's error document: no namespace, the code and message, the error's own children (BucketName, Key,
// Method, ResourceType…) in order, then both request ids; the same ids go in headers. A HEAD answer and a
// 304 have no body, so a HEAD error is its status alone.
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses

export function serializeS3Error(error: AwsError, ids: S3RequestIds, method: string): S3Response {
  const headers = { ...error.headers, ...requestIdHeaders(ids) };
  if (method.toUpperCase() === 'HEAD' || error.status === 304) {
    return { status: error.status, headers, body: undefined };
  }
  let body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code>`;
  if (error.awsMessage !== undefined) body += `<Message>${escapeXml(error.awsMessage)}</Message>`;
  for (const [name, value] of Object.entries(error.extra ?? {}))
    body += `<${name}>${escapeXml(value)}</${name}>`;
  body += `<RequestId>${escapeXml(ids.requestId)}</RequestId><HostId>${escapeXml(hostIdOf(ids))}</HostId></Error>`;
  headers['content-type'] = 'application/xml';
  headers['content-length'] = String(Buffer.byteLength(body));
  return { status: error.status, headers, body };
}
