// The AWS SDK v3 S3 client as an oracle, without a network: every request the SDK builds goes through
// our matcher and parser, a test's function answers the parsed input, and our serializer writes the
// answer the SDK then reads. A test checks both sides: what we read from the SDK, what the SDK read from us.
import { Readable } from 'node:stream';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { AwsError } from '../errors.js';
import { loadModel } from '../model/load-model.js';
import { matchS3Operation, parseS3Target, type S3HttpRequest } from './match.js';
import { parseS3Input } from './parse.js';
import { serializeS3Error } from './serialize-error.js';
import { type S3Response, serializeS3Response } from './serialize-response.js';

export interface Exchange {
  operation: string;
  request: S3HttpRequest;
  /** The body the SDK sent, whole. */
  body: Buffer;
  input: Record<string, unknown>;
  response: S3Response;
}

/** Answers an operation's parsed input with its output, or throws an AwsError. */
export type Responder = (input: Record<string, unknown>, operation: string) => unknown | Promise<unknown>;

export interface S3Oracle {
  client: S3Client;
  /** Sets what the next requests are answered with. */
  respond(responder: Responder): void;
  /** The last request and what we answered. */
  last(): Exchange;
}

interface SmithyRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  query?: Record<string, string | string[] | null>;
  body?: unknown;
}

const model = loadModel('s3');
export const REQUEST_IDS = { requestId: 'TESTREQUESTID1234', hostId: 'dGVzdC1ob3N0LWlk' };

export function createS3Oracle(config: Partial<S3ClientConfig> = {}): S3Oracle {
  let responder: Responder = () => ({});
  let last: Exchange | undefined;
  const requestHandler = {
    handle: async (sdkRequest: SmithyRequest) => {
      const body = await collect(sdkRequest.body);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(sdkRequest.headers)) headers[k.toLowerCase()] = v;
      if (
        body.length > 0 &&
        headers['content-length'] === undefined &&
        headers['transfer-encoding'] === undefined
      )
        headers['content-length'] = String(body.length);
      const target = parseS3Target(`${sdkRequest.path}${queryString(sdkRequest.query)}`);
      if (!target.ok) throw target.error;
      const request: S3HttpRequest = { method: sdkRequest.method, ...target, headers };
      const response = await answer(request, body);
      last = response.exchange;
      const out = response.response;
      const stream =
        out.body instanceof Readable
          ? out.body
          : Readable.from(out.body === undefined ? [] : [Buffer.from(out.body)]);
      return { response: { statusCode: out.status, headers: out.headers, body: stream } };
    },
  };

  async function answer(
    request: S3HttpRequest,
    body: Buffer,
  ): Promise<{ response: S3Response; exchange: Exchange }> {
    const match = matchS3Operation(model, request);
    if (!match.ok) {
      const response = serializeS3Error(match.error, REQUEST_IDS, request.method);
      return { response, exchange: { operation: '', request, body, input: {}, response } };
    }
    const operation = match.plan.operation.name;
    const kind = match.plan.input.payload.kind;
    const parsed = parseS3Input(match, request, kind === 'stream' ? Readable.from([body]) : body);
    let response: S3Response;
    let input: Record<string, unknown> = {};
    if (!parsed.ok) response = serializeS3Error(parsed.error, REQUEST_IDS, request.method);
    else {
      input = parsed.input;
      try {
        response = serializeS3Response(model, match.plan, await responder(input, operation), REQUEST_IDS);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        response = serializeS3Error(error, REQUEST_IDS, request.method);
      }
    }
    return { response, exchange: { operation, request, body, input, response } };
  }

  const client = new S3Client({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    maxAttempts: 1,
    requestHandler: requestHandler as never,
    ...config,
  });
  return {
    client,
    respond(next) {
      responder = next;
    },
    last() {
      if (!last) throw new Error('no request was sent');
      return last;
    },
  };
}

/** A response body stream's text. */
export async function textOf(stream: unknown): Promise<string> {
  return (await collect(stream)).toString('utf8');
}

async function collect(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

// As SigV4 encodes it: RFC 3986, spaces as %20.
function queryString(query: SmithyRequest['query']): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) {
      parts.push(item === null ? encode(k) : `${encode(k)}=${encode(item)}`);
    }
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
