// AWS's own codes, statuses and messages for authentication failures, per service family.
// S3 answers with its REST-XML error codes and extra elements; IAM, STS and the other query
// services answer with the common errors. Messages are reproduced as AWS sends them; where AWS's
// wording is not documented the line says so.
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html

import type { AuthFailure } from './auth-failure.js';

export interface AwsAuthError {
  code: string;
  status: number;
  message: string;
  /** Extra elements S3 adds to its <Error> (in order), e.g. AWSAccessKeyId, StringToSign. */
  fields: Record<string, string>;
}

/** The error `service` (the scope's or the endpoint's) answers for `failure`. */
export function toAwsAuthError(failure: AuthFailure, service: string): AwsAuthError {
  return service === 's3' ? s3Error(failure) : queryError(failure);
}

/** A request to IAM or STS with no signature at all. (S3 serves such requests anonymously.) */
export function missingAuthenticationError(): AwsAuthError {
  return error('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTH_PARTS_MISSING = [
  "Authorization header requires 'Credential' parameter.",
  "Authorization header requires 'Signature' parameter.",
  "Authorization header requires 'SignedHeaders' parameter.",
  "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
];
const QUERY_SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const S3_SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
const S3_CREDENTIAL_FORMAT =
  'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".';
const S3_QUERY_PARAMS_REQUIRED =
  'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.';

function queryError(f: AuthFailure): AwsAuthError {
  switch (f.kind) {
    case 'UnsupportedAuthorization':
      return incompleteSignature(`${AUTH_PARTS_MISSING.join(' ')} Authorization=${f.authorization ?? ''}`);
    case 'MalformedAuthorization':
    case 'MissingDate':
      return incompleteSignature(
        `${(f.missing ?? [AUTH_PARTS_MISSING[3]]).join(' ')} Authorization=${f.authorization ?? ''}`,
      );
    case 'MalformedCredential': {
      const parts = (f.credential ?? '').split('/');
      if (parts.length === 5 && parts[4] !== 'aws4_request') {
        return incompleteSignature(
          `Credential should be scoped with a valid terminator: 'aws4_request', not '${parts[4]}'. `,
        );
      }
      return incompleteSignature(
        `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${f.credential ?? ''}'`,
      );
    }
    case 'MalformedPresignedQuery':
      return incompleteSignature(`${(f.missing ?? []).join(' ')} Re-examine the query-string parameters.`);
    case 'InvalidExpires':
      // Wording not documented for the query services; S3's words are the closest AWS has.
      return incompleteSignature(s3ExpiresMessage(f));
    case 'MultipleAuthMechanisms':
      return incompleteSignature(
        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
      );
    case 'HostNotSigned':
      return incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    case 'CredentialDateMismatch':
      return error(
        'SignatureDoesNotMatch',
        403,
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${f.scopeDate}' != '${f.requestDate?.slice(0, 8)}', from '${f.requestDate}'.`,
      );
    case 'UnknownAccessKey':
    case 'InactiveAccessKey':
    case 'InvalidSecurityToken':
      return error('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    case 'ExpiredSecurityToken':
      return error('ExpiredToken', 403, 'The security token included in the request is expired');
    case 'RequestTimeTooSkewed':
      return error('SignatureDoesNotMatch', 403, skewMessage(f));
    case 'PresignedUrlExpired':
      // The common error for an expired presigned request; AWS's exact text is not documented.
      return error('RequestExpired', 400, 'Request has expired.');
    case 'SignatureDoesNotMatch':
    case 'ChunkSignatureDoesNotMatch':
      return error(
        'SignatureDoesNotMatch',
        403,
        f.canonicalRequest === undefined
          ? QUERY_SIGNATURE_MISMATCH
          : `${QUERY_SIGNATURE_MISMATCH}\n\nThe Canonical String for this request should have been\n'${f.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${f.stringToSign}'\n`,
      );
    default:
      // S3-only failures (payload hashes, aws-chunked bodies): the query services never stream.
      return s3Error(f);
  }
}

function s3Error(f: AuthFailure): AwsAuthError {
  switch (f.kind) {
    case 'UnsupportedAuthorization':
      return error(
        'InvalidRequest',
        400,
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    case 'MalformedAuthorization':
      return error(
        'AuthorizationHeaderMalformed',
        400,
        'The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.',
      );
    case 'MalformedCredential':
      if (f.presigned) {
        return error(
          'AuthorizationQueryParametersError',
          400,
          `Error parsing the X-Amz-Credential parameter; ${S3_CREDENTIAL_FORMAT}`,
        );
      }
      if ((f.credential ?? '').startsWith('/')) {
        return error(
          'AuthorizationHeaderMalformed',
          400,
          'The authorization header is malformed; a non-empty Access Key (AKID) must be provided in the credential.',
        );
      }
      return error(
        'AuthorizationHeaderMalformed',
        400,
        `The authorization header is malformed; ${S3_CREDENTIAL_FORMAT}`,
      );
    case 'MissingDate':
      return error('AccessDenied', 403, 'AWS authentication requires a valid Date or x-amz-date header');
    case 'CredentialDateMismatch':
      if (f.presigned) {
        return error(
          'AuthorizationQueryParametersError',
          400,
          `Invalid credential date "${f.scopeDate}". This date is not the same as X-Amz-Date: "${f.requestDate?.slice(0, 8)}".`,
        );
      }
      return error(
        'AuthorizationHeaderMalformed',
        400,
        'The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.',
      );
    case 'MultipleAuthMechanisms':
      return error(
        'InvalidArgument',
        400,
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
        { ArgumentName: 'Authorization', ArgumentValue: f.authorization ?? '' },
      );
    case 'MalformedPresignedQuery':
      return error('AuthorizationQueryParametersError', 400, S3_QUERY_PARAMS_REQUIRED);
    case 'InvalidExpires':
      return error('AuthorizationQueryParametersError', 400, s3ExpiresMessage(f));
    case 'HostNotSigned':
      // AWS's wording for this case is not documented.
      return error(
        'AuthorizationHeaderMalformed',
        400,
        'The authorization header is malformed; the host header must be signed.',
      );
    case 'HeadersNotSigned':
      return error('AccessDenied', 403, 'There were headers present in the request which were not signed', {
        HeadersNotSigned: (f.headersNotSigned ?? []).join(', '),
      });
    case 'UnknownAccessKey':
    case 'InactiveAccessKey':
      return invalidAccessKeyId(f);
    case 'InvalidSecurityToken':
      return f.tokenProblem === 'missing'
        ? invalidAccessKeyId(f)
        : error('InvalidToken', 400, 'The provided token is malformed or otherwise invalid.');
    case 'ExpiredSecurityToken':
      return error('ExpiredToken', 400, 'The provided token has expired.');
    case 'RequestTimeTooSkewed':
      return error(
        'RequestTimeTooSkewed',
        403,
        'The difference between the request time and the current time is too large.',
        {
          RequestTime: f.requestDate ?? '',
          ServerTime: isoSeconds(f.serverTime),
          MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
        },
      );
    case 'PresignedUrlExpired':
      return error('AccessDenied', 403, 'Request has expired', {
        'X-Amz-Expires': f.expiresSeconds ?? '',
        Expires: isoSeconds(f.expiresAt),
        ServerTime: isoSeconds(f.serverTime),
      });
    case 'SignatureDoesNotMatch':
    case 'ChunkSignatureDoesNotMatch': {
      const fields: Record<string, string> = { AWSAccessKeyId: f.accessKeyId ?? '' };
      if (f.stringToSign !== undefined) {
        fields.StringToSign = f.stringToSign;
        fields.SignatureProvided = f.signatureProvided ?? '';
        fields.StringToSignBytes = hexBytes(f.stringToSign);
      }
      if (f.canonicalRequest !== undefined) {
        fields.CanonicalRequest = f.canonicalRequest;
        fields.CanonicalRequestBytes = hexBytes(f.canonicalRequest);
      }
      return error('SignatureDoesNotMatch', 403, S3_SIGNATURE_MISMATCH, fields);
    }
    case 'MissingContentSha256':
      return error('InvalidRequest', 400, 'Missing required header for this request: x-amz-content-sha256');
    case 'InvalidContentSha256':
      return error(
        'InvalidArgument',
        400,
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
        { ArgumentName: 'x-amz-content-sha256', ArgumentValue: f.contentSha256 ?? '' },
      );
    case 'ContentSha256Mismatch':
      return error(
        'XAmzContentSHA256Mismatch',
        400,
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        {
          ClientComputedContentSHA256: f.contentSha256 ?? '',
          S3ComputedContentSHA256: f.computedSha256 ?? '',
        },
      );
    case 'MissingDecodedContentLength':
      return error('MissingContentLength', 411, 'You must provide the Content-Length HTTP header.');
    case 'IncompleteBody':
    case 'MalformedChunkedBody':
      return error(
        'IncompleteBody',
        400,
        'You did not provide the number of bytes specified by the Content-Length HTTP header',
      );
    case 'InvalidChunkSize':
      return error(
        'InvalidChunkSizeError',
        403,
        'Only the last chunk is allowed to have a size less than 8192 bytes',
        {
          Chunk: String(f.chunk ?? ''),
          BadChunkSize: String(f.chunkSize ?? ''),
        },
      );
  }
}

function error(
  code: string,
  status: number,
  message: string,
  fields: Record<string, string> = {},
): AwsAuthError {
  return { code, status, message, fields };
}

function incompleteSignature(message: string): AwsAuthError {
  return error('IncompleteSignature', 400, message);
}

function invalidAccessKeyId(f: AuthFailure): AwsAuthError {
  return error(
    'InvalidAccessKeyId',
    403,
    'The AWS Access Key Id you provided does not exist in our records.',
    {
      AWSAccessKeyId: f.accessKeyId ?? '',
    },
  );
}

function s3ExpiresMessage(f: AuthFailure): string {
  if (f.expiresProblem === 'negative') return 'X-Amz-Expires must be non-negative';
  if (f.expiresProblem === 'too-large') {
    return 'X-Amz-Expires must be less than a week (in seconds) that is; the maximum expires is 604800 seconds';
  }
  return 'X-Amz-Expires should be a number';
}

// "Signature expired: 20160609T184512Z is now earlier than 20160610T013008Z (20160610T014508Z - 15 min.)"
function skewMessage(f: AuthFailure): string {
  const now = f.serverTime ?? new Date(0);
  const requested = f.requestTime ?? now;
  if (requested.getTime() < now.getTime()) {
    return `Signature expired: ${f.requestDate} is now earlier than ${amzDate(new Date(now.getTime() - MAX_SKEW_MS))} (${amzDate(now)} - 15 min.)`;
  }
  return `Signature not yet current: ${f.requestDate} is still later than ${amzDate(new Date(now.getTime() + MAX_SKEW_MS))} (${amzDate(now)} + 15 min.)`;
}

function amzDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function isoSeconds(d: Date | undefined): string {
  return d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}

function hexBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
