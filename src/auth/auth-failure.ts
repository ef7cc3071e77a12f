// Why a request failed authentication, in service-neutral terms. `toAwsAuthError` turns a failure
// into the code, status and message the request's service (S3 or the query services) answers.

export type AuthFailureKind =
  /** The Authorization header uses a scheme other than AWS4-HMAC-SHA256 (SigV2, SigV4a, Bearer…). */
  | 'UnsupportedAuthorization'
  /** The Authorization header lacks Credential, SignedHeaders or Signature, or is not key=value pairs. */
  | 'MalformedAuthorization'
  /** Credential is not `AKID/YYYYMMDD/REGION/SERVICE/aws4_request`. */
  | 'MalformedCredential'
  /** Neither `x-amz-date` nor `date` holds a usable time. */
  | 'MissingDate'
  /** The scope's day is not the day of the request's date. */
  | 'CredentialDateMismatch'
  /** Both an Authorization header and presigned query parameters. */
  | 'MultipleAuthMechanisms'
  /** A presigned URL lacks one of the X-Amz-* parameters, or uses another algorithm. */
  | 'MalformedPresignedQuery'
  /** X-Amz-Expires is not a number in 0…604800. */
  | 'InvalidExpires'
  /** `host` is not among the signed headers. */
  | 'HostNotSigned'
  /** S3: x-amz-* headers were sent but not signed. */
  | 'HeadersNotSigned'
  | 'UnknownAccessKey'
  | 'InactiveAccessKey'
  /** A session key without its token or with another token, or a token with a long-term key. */
  | 'InvalidSecurityToken'
  | 'ExpiredSecurityToken'
  /** The request's date is more than 15 minutes away from the server's clock. */
  | 'RequestTimeTooSkewed'
  /** A presigned URL used after X-Amz-Date + X-Amz-Expires. */
  | 'PresignedUrlExpired'
  | 'SignatureDoesNotMatch'
  /** S3: header authentication without x-amz-content-sha256. */
  | 'MissingContentSha256'
  /** S3: x-amz-content-sha256 is neither a hex SHA-256 nor one of the documented keywords. */
  | 'InvalidContentSha256'
  /** S3: the body's SHA-256 is not the one the client signed. */
  | 'ContentSha256Mismatch'
  /** aws-chunked body without x-amz-decoded-content-length. */
  | 'MissingDecodedContentLength'
  /** aws-chunked: a chunk or trailer signature is wrong. */
  | 'ChunkSignatureDoesNotMatch'
  /** aws-chunked: the body ended early, or its decoded length is not x-amz-decoded-content-length. */
  | 'IncompleteBody'
  /** aws-chunked: a chunk other than the last is smaller than 8 KiB. */
  | 'InvalidChunkSize'
  /** aws-chunked: a chunk header, chunk end or trailer is not in the documented format. */
  | 'MalformedChunkedBody';

export interface AuthFailure {
  outcome: 'failed';
  kind: AuthFailureKind;
  /** Known once the credential was parsed. */
  accessKeyId?: string;
  /** The scope's service, when the credential could be parsed. */
  service?: string;
  /** The request used presigned query parameters rather than the Authorization header. */
  presigned?: boolean;
  /** The Authorization header as sent (AWS quotes it in IncompleteSignature messages). */
  authorization?: string;
  /** For MalformedAuthorization / MalformedPresignedQuery: what is missing, in AWS's words. */
  missing?: string[];
  credential?: string;
  /** The request's timestamp as sent (YYYYMMDDTHHMMSSZ) and the scope's day (YYYYMMDD). */
  requestDate?: string;
  scopeDate?: string;
  requestTime?: Date;
  serverTime?: Date;
  expiresAt?: Date;
  expiresSeconds?: string;
  /** For SignatureDoesNotMatch: what the server computed (S3 and IAM both show these). */
  canonicalRequest?: string;
  stringToSign?: string;
  signatureProvided?: string;
  headersNotSigned?: string[];
  tokenProblem?: 'missing' | 'mismatch' | 'unexpected';
  expiresProblem?: 'not-a-number' | 'negative' | 'too-large';
  /** aws-chunked: 1-based number of the chunk at fault and its size. */
  chunk?: number;
  chunkSize?: number;
  contentSha256?: string;
  computedSha256?: string;
  /** A short free-text reason for our logs and the audit record; never part of AWS's message. */
  reason?: string;
}

export function authFailure(
  kind: AuthFailureKind,
  detail: Omit<AuthFailure, 'outcome' | 'kind'> = {},
): AuthFailure {
  return { outcome: 'failed', kind, ...detail };
}
