import type { Readable } from 'node:stream';
import type { ServiceModel } from '../model/model-types.js';
import type { S3OperationPlan, ValuePlan } from './operation-plan.js';
import {
  BARE_ROOT_OUTPUTS,
  encodeMetadataValue,
  partialContentStatus,
  S3_XML_NAMESPACE,
} from './s3-quirks.js';
import { scalarText, writeBareRootDocument, writeXmlDocument } from './serialize-xml.js';

// A handler's output as S3 answers it: the status (the model's responseCode, 206 for a range), header
// members as headers (HTTP dates, `x-amz-meta-*`), and the body: the XML document, a policy as text, or
// the object's bytes as the stream the handler returned. Every answer carries S3's two request ids.
// https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html#http-bindings

export interface S3Response {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Nothing for empty outputs and 204; the server sends no body for HEAD whatever this holds. */
  body: string | Uint8Array | Readable | undefined;
}

export interface S3RequestIds {
  /** `x-amz-request-id` and `<RequestId>`. */
  requestId: string;
  /** `x-amz-id-2` and `<HostId>`; derived from the request id when not given. */
  hostId?: string;
}

export function serializeS3Response(
  model: ServiceModel,
  plan: S3OperationPlan,
  output: unknown,
  ids: S3RequestIds,
): S3Response {
  const values = (output ?? {}) as Record<string, unknown>;
  const headers = requestIdHeaders(ids);
  const spec = plan.output;
  for (const name of Object.keys(values)) {
    const value = values[name];
    if (value === undefined || value === null) continue;
    const header = spec.headers.get(name);
    if (header) {
      const text = headerText(header, value);
      if (text !== undefined) headers[header.wire] = text;
      continue;
    }
    const prefix = spec.prefixHeaders.get(name);
    if (prefix && typeof value === 'object') {
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        // A name that cannot be a header name cannot have come in as one: it is not sent.
        if (typeof v === 'string' && HEADER_TOKEN.test(key)) {
          headers[`${prefix.wire}${key.toLowerCase()}`] = encodeMetadataValue(v);
        }
      }
    }
  }

  const status = partialContentStatus(plan.operation.name, values) ?? plan.status;
  const payload = spec.payload;
  let body: S3Response['body'];
  switch (payload.kind) {
    case 'stream':
      body = values[payload.member] as Readable | undefined;
      break;
    case 'string':
    case 'blob':
      body = values[payload.member] as string | Uint8Array | undefined;
      break;
    case 'xml': {
      const ns = model.xmlNamespace ?? S3_XML_NAMESPACE;
      if (BARE_ROOT_OUTPUTS.has(plan.operation.name)) {
        const member = [...payload.shape.members.keys()][0] as string;
        body = writeBareRootDocument(payload.root, values[member] as string | undefined, ns);
      } else if (payload.member === undefined) {
        body = writeXmlDocument(payload.root, payload.shape, values, ns);
      } else {
        const inner = values[payload.member] as Record<string, unknown> | undefined;
        body = inner === undefined ? undefined : writeXmlDocument(payload.root, payload.shape, inner, ns);
      }
      if (body !== undefined) headers['content-type'] = 'application/xml';
      break;
    }
  }
  if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
  else if (body instanceof Uint8Array) headers['content-length'] = String(body.byteLength);
  else if (body === undefined && status !== 204 && headers['content-length'] === undefined) {
    headers['content-length'] = '0';
  }
  return { status, headers, body };
}

// RFC 9110's token: the characters a header name may have.
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function requestIdHeaders(ids: S3RequestIds): Record<string, string> {
  return { 'x-amz-request-id': ids.requestId, 'x-amz-id-2': hostIdOf(ids) };
}

export function hostIdOf(ids: S3RequestIds): string {
  return ids.hostId ?? Buffer.from(ids.requestId, 'utf8').toString('base64');
}

function headerText(plan: ValuePlan, value: unknown): string | undefined {
  const shape = plan.shape;
  const text =
    shape.type === 'list'
      ? Array.isArray(value)
        ? value.map((item) => scalarText(shape.member.shape, item, plan.timestampFormat)).join(',')
        : undefined
      : scalarText(shape, value, plan.timestampFormat);
  return text === undefined ? undefined : headerSafe(text);
}

/**
 * Header text node:http can send: controls are dropped, and text beyond ASCII goes as its UTF-8 bytes
 * (node writes header strings as Latin-1), as S3 returns what it was sent.
 */
function headerSafe(text: string): string {
  if (!/[^\t\x20-\x7e]/.test(text)) return text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: controls cannot be sent in a header
  const clean = text.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');
  return Buffer.from(clean, 'utf8').toString('latin1');
}
