import { Readable } from 'node:stream';
import type { AwsError } from '../errors.js';
import type { S3HttpRequest, S3Matched } from './match.js';
import type { PayloadKind, S3OperationPlan } from './operation-plan.js';
import { readHeaderMembers, readQueryMembers } from './parse-headers.js';
import { readXmlDocument } from './parse-xml.js';
import {
  headerNotImplemented,
  malformedXml,
  missingContentLength,
  missingRequestBody,
  missingRequiredHeader,
} from './s3-protocol-errors.js';
import { decodedContentLength, withoutAwsChunked } from './s3-quirks.js';

// A matched S3 request → the operation's typed input: URI labels, query keys, headers, then the payload.
// A streaming body stays the stream the server passes (already aws-chunk decoded); an XML document or a
// policy arrives whole, read by the server within a bound. Never throws for anything a client sends.

export type S3InputResult = { ok: true; input: Record<string, unknown> } | { ok: false; error: AwsError };

/** What the server should hand `parseS3Input` as the body of this operation. */
export function payloadKind(plan: S3OperationPlan): PayloadKind {
  return plan.input.payload.kind;
}

/**
 * `payload`: for a 'stream' operation the decoded body stream; for 'xml', 'string' and 'blob' the whole
 * body; nothing for 'none'.
 */
export function parseS3Input(
  match: S3Matched,
  request: S3HttpRequest,
  payload?: Readable | Uint8Array | string,
): S3InputResult {
  const { plan, query } = match;
  const spec = plan.input;
  const input: Record<string, unknown> = {};
  if (spec.bucketMember !== undefined && request.bucket !== undefined)
    input[spec.bucketMember] = request.bucket;
  if (spec.keyMember !== undefined && request.key) input[spec.keyMember] = request.key;
  const error = readQueryMembers(spec, query, input) ?? readHeaderMembers(spec, request.headers, input);
  if (error) return { ok: false, error };
  for (const required of spec.requiredHeaders) {
    if (input[required.member] === undefined)
      return { ok: false, error: missingRequiredHeader(required.wire) };
  }

  const body = spec.payload;
  switch (body.kind) {
    case 'stream': {
      const lengthError = readBodyLength(request, input);
      if (lengthError) return { ok: false, error: lengthError };
      if (payload !== undefined) {
        input[body.member] = payload instanceof Readable ? payload : Readable.from([toBytes(payload)]);
      }
      break;
    }
    case 'string': {
      const text = payload === undefined || payload instanceof Readable ? '' : textOf(payload);
      if (text !== '' || plan.operation.input?.required.has(body.member)) input[body.member] = text;
      break;
    }
    case 'blob':
      if (payload !== undefined && !(payload instanceof Readable)) input[body.member] = toBytes(payload);
      break;
    case 'xml': {
      const text = payload === undefined || payload instanceof Readable ? '' : textOf(payload);
      if (text.trim() === '') {
        if (body.required) return { ok: false, error: missingRequestBody() };
        break;
      }
      const read = readXmlDocument(text, body.root, body.shape);
      if (!read.ok) return { ok: false, error: malformedXml() };
      if (body.member === undefined) Object.assign(input, read.value);
      else input[body.member] = read.value;
      break;
    }
  }
  return { ok: true, input };
}

/**
 * A streamed upload states its length: Content-Length, or for aws-chunked the decoded length. S3 takes
 * no `Transfer-Encoding: chunked` upload.
 */
function readBodyLength(request: S3HttpRequest, input: Record<string, unknown>): AwsError | undefined {
  const decoded = decodedContentLength(request.headers);
  if (decoded !== undefined) {
    if (!/^[0-9]+$/.test(decoded)) return missingContentLength();
    input.ContentLength = Number(decoded);
  } else if (request.headers['content-length'] === undefined) {
    return request.headers['transfer-encoding'] !== undefined
      ? headerNotImplemented('Transfer-Encoding')
      : missingContentLength();
  }
  if (typeof input.ContentEncoding === 'string') {
    const encoding = withoutAwsChunked(input.ContentEncoding);
    if (encoding === undefined) delete input.ContentEncoding;
    else input.ContentEncoding = encoding;
  }
  return undefined;
}

function toBytes(payload: Uint8Array | string): Uint8Array {
  return typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
}

function textOf(payload: Uint8Array | string): string {
  return typeof payload === 'string'
    ? payload
    : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
}
