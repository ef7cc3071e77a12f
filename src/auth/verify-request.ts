// SigV4 verification of one request: Authorization header or presigned query, any region, the
// scope's service returned for routing. Pure and synchronous: the clock and the key lookup are
// passed in, failures are returned as data (see aws-auth-errors.ts for what AWS answers).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html

import { formatAmzDate, parseAmzDate, parseHttpDate } from './amz-date.js';
import { type AuthFailure, authFailure } from './auth-failure.js';
import { buildCanonicalRequest, type PathRule } from './canonical-request.js';
import type { AccessKeyRecord, CredentialLookup } from './credentials.js';
import { firstHeader, readSignature, type SignatureClaim, type Unsigned } from './read-signature.js';
import type { SignedRequest } from './signed-request.js';
import { ALGORITHM, deriveSigningKey, sha256Hex, signaturesEqual, signHex } from './sigv4-crypto.js';

export interface Verified {
  outcome: 'verified';
  key: AccessKeyRecord;
  /** The credential scope's service (`iam`, `sts`, `s3`…): the server routes on it. */
  service: string;
  /** The scope's region, possibly '' (clients may sign IAM and STS with an empty region). */
  region: string;
  signedAt: Date;
  presigned: boolean;
  /** Presigned only: the instant after which the URL no longer works. */
  expiresAt?: Date;
  signedHeaders: readonly string[];
  payload: VerifiedPayload;
}

export type VerifiedPayload =
  /** The body must hash to `sha256`; already checked when the request carried bodySha256. */
  | { kind: 'sha256'; sha256: string }
  | { kind: 'unsigned' }
  /** Decode the body with createAwsChunkedDecoder(payload). */
  | AwsChunkedPayload;

export interface AwsChunkedPayload {
  kind: 'aws-chunked';
  /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]: every chunk carries a signature. */
  signed: boolean;
  trailer: boolean;
  decodedContentLength: number;
  /** The trailing headers announced in x-amz-trailer, lower-cased. */
  trailerNames: readonly string[];
  signing?: ChunkSigning;
}

/** What chunk signatures chain from: the seed is the request's own signature. */
export interface ChunkSigning {
  signingKey: Buffer;
  requestDate: string;
  scope: string;
  seedSignature: string;
}

export type VerifyResult = Verified | Unsigned | AuthFailure;

export interface VerifyOptions {
  /** Overrides the path rule chosen from the scope's service (S3: single encoding, unnormalised). */
  pathRule?: PathRule;
}

// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-auth-using-authorization-header.html
const STREAMING = new Map<string, { signed: boolean; trailer: boolean }>([
  ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', { signed: true, trailer: false }],
  ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', { signed: true, trailer: true }],
  ['STREAMING-UNSIGNED-PAYLOAD-TRAILER', { signed: false, trailer: true }],
]);
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_EXPIRES_SECONDS = 604800;
// The query services have no X-Amz-Expires requirement: the 15-minute window applies.
const DEFAULT_EXPIRES_SECONDS = 900;

export function verifyRequest(
  request: SignedRequest,
  lookup: CredentialLookup,
  now: Date,
  options: VerifyOptions = {},
): VerifyResult {
  const claim = readSignature(request);
  if ('outcome' in claim) return claim;
  const s3 = claim.service === 's3';
  const base = { accessKeyId: claim.accessKeyId, service: claim.service, presigned: claim.presigned };

  if (!claim.signedHeaders.includes('host'))
    return authFailure('HostNotSigned', { ...base, authorization: claim.authorization });

  const when = readRequestDate(request, claim);
  if (!when) return authFailure('MissingDate', { ...base, authorization: claim.authorization });
  if (when.text.slice(0, 8) !== claim.scopeDate) {
    return authFailure('CredentialDateMismatch', {
      ...base,
      scopeDate: claim.scopeDate,
      requestDate: when.text,
    });
  }
  const expires = claim.presigned ? readExpires(claim.expires, s3) : undefined;
  if (expires !== undefined && typeof expires !== 'number')
    return authFailure('InvalidExpires', { ...base, ...expires });

  const key = lookup.findAccessKey(claim.accessKeyId);
  if (!key) return authFailure('UnknownAccessKey', base);
  if (key.status !== 'Active') return authFailure('InactiveAccessKey', base);
  const tokenFailure = checkSessionToken(key, claim.securityToken);
  if (tokenFailure) return authFailure('InvalidSecurityToken', { ...base, tokenProblem: tokenFailure });
  if (key.expiration && key.expiration.getTime() <= now.getTime())
    return authFailure('ExpiredSecurityToken', base);

  const skew = when.date.getTime() - now.getTime();
  const timing = { requestDate: when.text, requestTime: when.date, serverTime: now };
  let expiresAt: Date | undefined;
  if (typeof expires === 'number') {
    expiresAt = new Date(when.date.getTime() + expires * 1000);
    if (now.getTime() > expiresAt.getTime()) {
      return authFailure('PresignedUrlExpired', {
        ...base,
        ...timing,
        expiresAt,
        expiresSeconds: claim.expires,
      });
    }
    if (skew > MAX_SKEW_MS) return authFailure('RequestTimeTooSkewed', { ...base, ...timing });
  } else if (Math.abs(skew) > MAX_SKEW_MS) {
    return authFailure('RequestTimeTooSkewed', { ...base, ...timing });
  }

  const payloadHash = readPayloadHash(request, claim, s3);
  if (typeof payloadHash !== 'string')
    return authFailure(payloadHash.kind, { ...base, contentSha256: payloadHash.value });

  const scope = `${claim.scopeDate}/${claim.region}/${claim.service}/aws4_request`;
  const canonicalRequest = buildCanonicalRequest({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    signedHeaders: claim.signedHeaders,
    payloadHash,
    pathRule: options.pathRule ?? (s3 ? 's3' : 'normalized'),
    omitQueryParam: claim.presigned ? 'X-Amz-Signature' : undefined,
  });
  const stringToSign = `${ALGORITHM}\n${when.text}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signingKey = deriveSigningKey(key.secretAccessKey, claim.scopeDate, claim.region, claim.service);
  if (!signaturesEqual(signHex(signingKey, stringToSign), claim.signature)) {
    return authFailure('SignatureDoesNotMatch', {
      ...base,
      canonicalRequest,
      stringToSign,
      signatureProvided: claim.signature,
    });
  }

  if (s3) {
    const unsigned = Object.keys(request.headers).filter(
      (name) =>
        name.startsWith('x-amz-') && !claim.signedHeaders.includes(name) && name !== 'x-amz-security-token',
    );
    if (unsigned.length > 0)
      return authFailure('HeadersNotSigned', { ...base, headersNotSigned: unsigned.sort() });
  }
  const payload = describePayload(request, payloadHash, {
    signingKey,
    requestDate: when.text,
    scope,
    seedSignature: claim.signature,
  });
  if ('outcome' in payload) return { ...payload, ...base };

  return {
    outcome: 'verified',
    key,
    service: claim.service,
    region: claim.region,
    signedAt: when.date,
    presigned: claim.presigned,
    expiresAt,
    signedHeaders: claim.signedHeaders,
    payload,
  };
}

function readRequestDate(
  request: SignedRequest,
  claim: SignatureClaim,
): { text: string; date: Date } | undefined {
  if (claim.presigned) {
    const date = claim.queryDate === undefined ? undefined : parseAmzDate(claim.queryDate);
    return date && claim.queryDate ? { text: claim.queryDate, date } : undefined;
  }
  const amz = firstHeader(request.headers['x-amz-date']);
  if (amz !== undefined) {
    const date = parseAmzDate(amz.trim());
    return date ? { text: amz.trim(), date } : undefined;
  }
  const http = firstHeader(request.headers.date);
  const date = http === undefined ? undefined : parseHttpDate(http);
  return date ? { text: formatAmzDate(date), date } : undefined;
}

function readExpires(
  text: string | undefined,
  s3: boolean,
): number | { expiresProblem: 'not-a-number' | 'negative' | 'too-large'; expiresSeconds?: string } {
  if (text === undefined) return s3 ? { expiresProblem: 'not-a-number' } : DEFAULT_EXPIRES_SECONDS;
  if (!/^-?\d+$/.test(text)) return { expiresProblem: 'not-a-number', expiresSeconds: text };
  const seconds = Number(text);
  if (seconds < 0) return { expiresProblem: 'negative', expiresSeconds: text };
  if (seconds > MAX_EXPIRES_SECONDS) return { expiresProblem: 'too-large', expiresSeconds: text };
  return seconds;
}

// Session keys (ASIA…) need their token; a token sent with a long-term key is refused as well.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html
export function checkSessionToken(
  key: AccessKeyRecord,
  token: string | undefined,
): 'missing' | 'mismatch' | 'unexpected' | undefined {
  if (key.sessionToken === undefined) return token === undefined || token === '' ? undefined : 'unexpected';
  if (token === undefined || token === '') return 'missing';
  return signaturesEqual(key.sessionToken, token) ? undefined : 'mismatch';
}

type PayloadProblem = { kind: 'MissingContentSha256' | 'InvalidContentSha256'; value?: string };

// S3 signs whatever x-amz-content-sha256 says (a hash, UNSIGNED-PAYLOAD or a streaming mode);
// presigned S3 URLs sign UNSIGNED-PAYLOAD. Every other service signs the body's own hash.
function readPayloadHash(
  request: SignedRequest,
  claim: SignatureClaim,
  s3: boolean,
): string | PayloadProblem {
  if (!s3) {
    if (request.bodySha256 === undefined) {
      throw new Error('verifyRequest: bodySha256 is required for services other than S3');
    }
    return request.bodySha256;
  }
  const header = firstHeader(request.headers['x-amz-content-sha256']);
  if (claim.presigned) return header ?? claim.queryContentSha256 ?? UNSIGNED_PAYLOAD;
  if (header === undefined) return { kind: 'MissingContentSha256' };
  if (header === UNSIGNED_PAYLOAD || SHA256_HEX.test(header) || STREAMING.has(header)) return header;
  return { kind: 'InvalidContentSha256', value: header };
}

function describePayload(
  request: SignedRequest,
  payloadHash: string,
  signing: ChunkSigning,
): VerifiedPayload | AuthFailure {
  if (payloadHash === UNSIGNED_PAYLOAD) return { kind: 'unsigned' };
  const streaming = STREAMING.get(payloadHash);
  if (!streaming) {
    if (request.bodySha256 !== undefined && request.bodySha256 !== payloadHash) {
      return authFailure('ContentSha256Mismatch', {
        contentSha256: payloadHash,
        computedSha256: request.bodySha256,
      });
    }
    return { kind: 'sha256', sha256: payloadHash };
  }
  const decoded = firstHeader(request.headers['x-amz-decoded-content-length']);
  if (decoded === undefined || !/^\d+$/.test(decoded)) return authFailure('MissingDecodedContentLength');
  const trailerNames = (firstHeader(request.headers['x-amz-trailer']) ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  return {
    kind: 'aws-chunked',
    signed: streaming.signed,
    trailer: streaming.trailer,
    decodedContentLength: Number(decoded),
    trailerNames,
    signing: streaming.signed ? signing : undefined,
  };
}
