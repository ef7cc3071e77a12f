// Test support for src/auth: real clients' signers as oracles, and a key table. Not shipped
// (the bundle holds only what the CLI imports).

import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AccessKeyRecord, CredentialLookup } from './credentials.js';
import type { SignedRequest } from './signed-request.js';

export const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export function userKey(overrides: Partial<AccessKeyRecord> = {}): AccessKeyRecord {
  return {
    accessKeyId: ACCESS_KEY,
    secretAccessKey: SECRET_KEY,
    status: 'Active',
    principalArn: 'arn:aws:iam::111111111111:user/alice',
    account: '111111111111',
    ...overrides,
  };
}

export function lookupOf(...keys: AccessKeyRecord[]): CredentialLookup {
  const byId = new Map(keys.map((key) => [key.accessKeyId, key]));
  return { findAccessKey: (id) => byId.get(id) };
}

/** The SHA-256 the AWS SDK's signer expects (`@aws-crypto/sha256-js` is not installed). */
export class NodeSha256 {
  private hash: Hash | Hmac;
  private readonly secret: Uint8Array | string | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret =
      secret === undefined || typeof secret === 'string'
        ? secret
        : ArrayBuffer.isView(secret)
          ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
          : new Uint8Array(secret);
    this.hash = this.fresh();
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}

export interface SdkRequest {
  method: string;
  protocol?: string;
  hostname: string;
  port?: number;
  /** As the SDK puts it on the wire: already percent-encoded. */
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface SdkCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function smithySigner(
  service: string,
  region: string,
  credentials: SdkCredentials = userKey(),
): SignatureV4 {
  return new SignatureV4({
    service,
    region,
    credentials,
    sha256: NodeSha256,
    // The S3 client signs the path as sent; every other client normalises and double-encodes.
    uriEscapePath: service !== 's3',
    applyChecksum: service === 's3',
  });
}

/** A signed (or presigned) SDK request as node:http would hand it to the server. */
export function toSignedRequest(sdk: SdkRequest): SignedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(sdk.headers)) headers[name.toLowerCase()] = value;
  return {
    method: sdk.method,
    path: sdk.path,
    query: buildQueryString(sdk.query ?? {}),
    headers,
    bodySha256: createHash('sha256')
      .update(sdk.body ?? '')
      .digest('hex'),
  };
}

/** As @smithy/querystring-builder writes a query: keys in insertion order, RFC 3986 escaping. */
export function buildQueryString(query: Record<string, string | string[] | null>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === null) parts.push(escapeUri(key));
    else if (Array.isArray(value)) for (const v of value) parts.push(`${escapeUri(key)}=${escapeUri(v)}`);
    else parts.push(`${escapeUri(key)}=${escapeUri(value)}`);
  }
  return parts.join('&');
}

export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** An independent chunk signer, per the worked example of the aws-chunked documentation. */
export function chunkSignature(
  signingKey: Buffer,
  requestDate: string,
  scope: string,
  previous: string,
  data: Uint8Array,
): string {
  const sts = [
    'AWS4-HMAC-SHA256-PAYLOAD',
    requestDate,
    scope,
    previous,
    createHash('sha256').update('').digest('hex'),
    createHash('sha256').update(data).digest('hex'),
  ].join('\n');
  return createHmac('sha256', signingKey).update(sts).digest('hex');
}

export function trailerSignature(
  signingKey: Buffer,
  requestDate: string,
  scope: string,
  previous: string,
  canonicalTrailers: string,
): string {
  const sts = [
    'AWS4-HMAC-SHA256-TRAILER',
    requestDate,
    scope,
    previous,
    createHash('sha256').update(canonicalTrailers).digest('hex'),
  ].join('\n');
  return createHmac('sha256', signingKey).update(sts).digest('hex');
}

export function signingKeyOf(secret: string, date: string, region: string, service: string): Buffer {
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return key;
}
