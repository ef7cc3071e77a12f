// What S3 and the query services (IAM, STS) answer for each authentication failure.
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuthFailure, type AuthFailureKind, authFailure } from './auth-failure.js';
import { missingAuthenticationError, toAwsAuthError } from './aws-auth-errors.js';
import { ACCESS_KEY, lookupOf, smithySigner, toSignedRequest, userKey } from './test-fixture.js';
import { verifyRequest } from './verify-request.js';

const ALL_KINDS: AuthFailureKind[] = [
  'UnsupportedAuthorization',
  'MalformedAuthorization',
  'MalformedCredential',
  'MissingDate',
  'CredentialDateMismatch',
  'MultipleAuthMechanisms',
  'MalformedPresignedQuery',
  'InvalidExpires',
  'HostNotSigned',
  'HeadersNotSigned',
  'UnknownAccessKey',
  'InactiveAccessKey',
  'InvalidSecurityToken',
  'ExpiredSecurityToken',
  'RequestTimeTooSkewed',
  'PresignedUrlExpired',
  'SignatureDoesNotMatch',
  'MissingContentSha256',
  'InvalidContentSha256',
  'ContentSha256Mismatch',
  'MissingDecodedContentLength',
  'ChunkSignatureDoesNotMatch',
  'IncompleteBody',
  'InvalidChunkSize',
  'MalformedChunkedBody',
];

const codeOf = (f: AuthFailure, service: string) => {
  const e = toAwsAuthError(f, service);
  return [e.code, e.status];
};

describe('toAwsAuthError', () => {
  it('every failure kind has an answer for S3 and for IAM, with a 4xx status and a message', () => {
    for (const kind of ALL_KINDS) {
      for (const service of ['s3', 'iam', 'sts']) {
        const e = toAwsAuthError(authFailure(kind), service);
        expect(e.status, `${kind} ${service}`).toBeGreaterThanOrEqual(400);
        expect(e.status, `${kind} ${service}`).toBeLessThan(500);
        expect(e.message.length, `${kind} ${service}`).toBeGreaterThan(0);
      }
    }
  });

  it('an unknown or inactive key: S3 InvalidAccessKeyId, IAM/STS InvalidClientTokenId (403)', () => {
    for (const kind of ['UnknownAccessKey', 'InactiveAccessKey'] as const) {
      const f = authFailure(kind, { accessKeyId: ACCESS_KEY });
      expect(toAwsAuthError(f, 's3')).toEqual({
        code: 'InvalidAccessKeyId',
        status: 403,
        message: 'The AWS Access Key Id you provided does not exist in our records.',
        fields: { AWSAccessKeyId: ACCESS_KEY },
      });
      for (const service of ['iam', 'sts']) {
        expect(toAwsAuthError(f, service)).toMatchObject({
          code: 'InvalidClientTokenId',
          status: 403,
          message: 'The security token included in the request is invalid.',
        });
      }
    }
  });

  it('an expired session token: S3 ExpiredToken 400, IAM/STS ExpiredToken 403', () => {
    const f = authFailure('ExpiredSecurityToken');
    expect(toAwsAuthError(f, 's3')).toMatchObject({
      code: 'ExpiredToken',
      status: 400,
      message: 'The provided token has expired.',
    });
    expect(toAwsAuthError(f, 'sts')).toMatchObject({
      code: 'ExpiredToken',
      status: 403,
      message: 'The security token included in the request is expired',
    });
  });

  it('clock skew: S3 RequestTimeTooSkewed, IAM/STS SignatureDoesNotMatch "Signature expired: …"', () => {
    const serverTime = new Date('2016-06-10T01:45:08Z');
    const f = authFailure('RequestTimeTooSkewed', {
      requestDate: '20160609T184512Z',
      requestTime: new Date('2016-06-09T18:45:12Z'),
      serverTime,
    });
    expect(toAwsAuthError(f, 's3')).toEqual({
      code: 'RequestTimeTooSkewed',
      status: 403,
      message: 'The difference between the request time and the current time is too large.',
      fields: {
        RequestTime: '20160609T184512Z',
        ServerTime: '2016-06-10T01:45:08Z',
        MaxAllowedSkewMilliseconds: '900000',
      },
    });
    // The wording of https://github.com/devsecops/bootcamp/issues/101, an STS answer.
    expect(toAwsAuthError(f, 'sts')).toMatchObject({
      code: 'SignatureDoesNotMatch',
      message:
        'Signature expired: 20160609T184512Z is now earlier than 20160610T013008Z (20160610T014508Z - 15 min.)',
    });
  });

  it('IncompleteSignature for IAM quotes the Authorization header as AWS does', () => {
    const f = authFailure('MalformedAuthorization', {
      authorization: 'AWS4-HMAC-SHA256 Credential=ABCDEF',
      missing: [
        "Authorization header requires 'Signature' parameter.",
        "Authorization header requires 'SignedHeaders' parameter.",
      ],
    });
    expect(toAwsAuthError(f, 'iam')).toEqual({
      code: 'IncompleteSignature',
      status: 400,
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=ABCDEF",
      fields: {},
    });
    expect(codeOf(f, 's3')).toEqual(['AuthorizationHeaderMalformed', 400]);
  });

  it('S3 and IAM differ for the same malformed or mismatched request', () => {
    const pairs: Array<[AuthFailureKind, string, string]> = [
      ['MissingDate', 'AccessDenied', 'IncompleteSignature'],
      ['UnsupportedAuthorization', 'InvalidRequest', 'IncompleteSignature'],
      ['MalformedPresignedQuery', 'AuthorizationQueryParametersError', 'IncompleteSignature'],
      ['CredentialDateMismatch', 'AuthorizationHeaderMalformed', 'SignatureDoesNotMatch'],
      ['PresignedUrlExpired', 'AccessDenied', 'RequestExpired'],
    ];
    for (const [kind, s3, iam] of pairs) {
      expect(toAwsAuthError(authFailure(kind), 's3').code, kind).toBe(s3);
      expect(toAwsAuthError(authFailure(kind), 'iam').code, kind).toBe(iam);
    }
  });

  it('SignatureDoesNotMatch: S3 adds StringToSign and CanonicalRequest; IAM appends them to the message', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const body = 'Action=ListUsers&Version=2010-05-08';
    const signed = await smithySigner('iam', 'us-east-1').sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'iam.amazonaws.com',
        path: '/',
        headers: { host: 'iam.amazonaws.com' },
        body,
      },
      { signingDate: now },
    );
    const request = toSignedRequest({
      method: 'POST',
      hostname: '',
      path: '/',
      headers: signed.headers,
      body: `${body}x`,
    });
    const failure = verifyRequest(request, lookupOf(userKey()), now);
    if (failure.outcome !== 'failed') throw new Error('expected a failure');
    const iam = toAwsAuthError(failure, 'iam');
    expect(iam.code).toBe('SignatureDoesNotMatch');
    expect(iam.message).toMatch(
      /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\. Consult the service documentation for details\.\n\nThe Canonical String for this request should have been\n'POST\n\/\n/,
    );
    expect(iam.message).toContain(createHash('sha256').update(`${body}x`).digest('hex'));
    const s3 = toAwsAuthError({ ...failure, service: 's3' }, 's3');
    expect(s3).toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      fields: {
        AWSAccessKeyId: ACCESS_KEY,
        StringToSign: failure.stringToSign,
        CanonicalRequest: failure.canonicalRequest,
      },
    });
    expect(s3.fields.StringToSignBytes?.startsWith('41 57 53 34')).toBe(true);
  });

  it('no signature at all to IAM/STS → MissingAuthenticationToken 403', () => {
    expect(missingAuthenticationError()).toEqual({
      code: 'MissingAuthenticationToken',
      status: 403,
      message: 'Request is missing Authentication Token',
      fields: {},
    });
  });
});
