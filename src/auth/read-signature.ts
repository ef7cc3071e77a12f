// Reads what a client claims: the Authorization header or the presigned query parameters.
// Nothing here checks a key or a signature; it only says whether the claim is well formed.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html

import { type AuthFailure, authFailure } from './auth-failure.js';
import { parseQuery } from './canonical-request.js';
import type { SignedRequest } from './signed-request.js';
import { ALGORITHM } from './sigv4-crypto.js';

export interface SignatureClaim {
  presigned: boolean;
  authorization?: string;
  credential: string;
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** Presigned only: X-Amz-Date, X-Amz-Expires (as sent) and X-Amz-Content-Sha256. */
  queryDate?: string;
  expires?: string;
  queryContentSha256?: string;
  securityToken?: string;
}

export interface Unsigned {
  outcome: 'anonymous';
}

/** `anonymous` when the request carries no signature at all (S3 then serves it anonymously). */
export function readSignature(request: SignedRequest): SignatureClaim | AuthFailure | Unsigned {
  const authorization = firstHeader(request.headers.authorization);
  const query = new Map<string, string>();
  for (const [name, value] of parseQuery(request.query)) if (!query.has(name)) query.set(name, value);
  const presigned = PRESIGN_PARAMS.some((name) => query.has(name));

  if (authorization !== undefined && presigned)
    return authFailure('MultipleAuthMechanisms', { authorization });
  if (authorization !== undefined) return readAuthorizationHeader(authorization, request);
  if (presigned) return readPresignedQuery(query, request);
  // SigV2 query authentication is not supported: S3 answers that only AWS4-HMAC-SHA256 is.
  if (query.has('AWSAccessKeyId') && query.has('Signature')) return authFailure('UnsupportedAuthorization');
  return { outcome: 'anonymous' };
}

const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders'];

function readAuthorizationHeader(
  authorization: string,
  request: SignedRequest,
): SignatureClaim | AuthFailure {
  if (!authorization.startsWith(`${ALGORITHM} `))
    return authFailure('UnsupportedAuthorization', { authorization });
  const fields = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) {
      // As AWS words it for e.g. a stray space inside the credential.
      return authFailure('MalformedAuthorization', {
        authorization,
        missing: [
          `'${item}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
        ],
      });
    }
    fields.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const missing: string[] = [];
  if (!credential) missing.push("Authorization header requires 'Credential' parameter.");
  if (!signature) missing.push("Authorization header requires 'Signature' parameter.");
  if (!signedHeaders) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  const hasDate = request.headers['x-amz-date'] !== undefined || request.headers.date !== undefined;
  if (!hasDate)
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (missing.length > 0 || !credential || !signedHeaders || !signature) {
    // S3 answers a missing date differently from missing components: keep the two apart.
    return authFailure(credential && signedHeaders && signature ? 'MissingDate' : 'MalformedAuthorization', {
      authorization,
      missing,
    });
  }
  const scope = readCredential(credential, false, authorization);
  if (scope.outcome === 'failed') return scope;
  return {
    presigned: false,
    authorization,
    ...scope,
    signedHeaders: signedHeaders.split(';'),
    signature,
    securityToken: firstHeader(request.headers['x-amz-security-token']),
  };
}

function readPresignedQuery(
  query: Map<string, string>,
  request: SignedRequest,
): SignatureClaim | AuthFailure {
  const credential = query.get('X-Amz-Credential');
  const scope = credential ? readCredential(credential, true) : undefined;
  if (scope?.outcome === 'failed') return scope;
  const s3 = scope?.service === 's3';
  // S3 requires X-Amz-Expires; the query services default to the 15-minute window.
  const required = [
    'X-Amz-Algorithm',
    'X-Amz-Credential',
    'X-Amz-Date',
    'X-Amz-SignedHeaders',
    'X-Amz-Signature',
  ];
  if (s3) required.push('X-Amz-Expires');
  const missing = required
    .filter((name) => !query.get(name))
    .map((name) => `AWS query-string parameters must include '${name}'.`);
  if (missing.length > 0 || !scope) {
    return authFailure('MalformedPresignedQuery', { presigned: true, missing, service: scope?.service });
  }
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) {
    return authFailure('UnsupportedAuthorization', { presigned: true, service: scope.service });
  }
  return {
    presigned: true,
    ...scope,
    signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';'),
    signature: query.get('X-Amz-Signature') ?? '',
    queryDate: query.get('X-Amz-Date'),
    expires: query.get('X-Amz-Expires'),
    // The SDK hoists the header into the query under whatever case it was set with.
    queryContentSha256: [...query].find(([name]) => name.toLowerCase() === 'x-amz-content-sha256')?.[1],
    securityToken: query.get('X-Amz-Security-Token') ?? firstHeader(request.headers['x-amz-security-token']),
  };
}

type Scope = Pick<SignatureClaim, 'credential' | 'accessKeyId' | 'scopeDate' | 'region' | 'service'> & {
  outcome?: undefined;
};

// AKID/YYYYMMDD/REGION/SERVICE/aws4_request. The region may be empty: some clients sign IAM and
// STS requests with `AKIA…/20261123//iam/aws4_request`, and AWS's global endpoints accept them.
function readCredential(credential: string, presigned: boolean, authorization?: string): Scope | AuthFailure {
  const parts = credential.split('/');
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  if (
    parts.length !== 5 ||
    !accessKeyId ||
    !scopeDate ||
    region === undefined ||
    !service ||
    terminator !== 'aws4_request'
  ) {
    return authFailure('MalformedCredential', { credential, presigned, authorization, accessKeyId, service });
  }
  return { credential, accessKeyId, scopeDate, region, service };
}

export function firstHeader(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' || value === undefined ? value : value[0];
}
