// verifyRequest against the AWS SDK's own signer (@smithy/signature-v4) as the oracle.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html

import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import type { SignedRequest } from './signed-request.js';
import {
  ACCESS_KEY,
  lookupOf,
  NodeSha256,
  type SdkCredentials,
  type SdkRequest,
  SECRET_KEY,
  signingKeyOf,
  smithySigner,
  toSignedRequest,
  userKey,
} from './test-fixture.js';
import { verifyRequest } from './verify-request.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const MINUTE = 60_000;
const IAM_BODY = 'Action=CreateUser&UserName=alice&Version=2010-05-08';

function iamRequest(body = IAM_BODY): SdkRequest {
  return {
    method: 'POST',
    protocol: 'https:',
    hostname: 'iam.amazonaws.com',
    path: '/',
    headers: {
      host: 'iam.amazonaws.com',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    },
    body,
  };
}

function s3Get(path = '/bucket/photos/a%20b.jpg'): SdkRequest {
  return {
    method: 'GET',
    hostname: 'localhost',
    path,
    query: { 'list-type': '2', prefix: 'a b/ü', 'max-keys': '10' },
    headers: { host: 'localhost:4599', range: 'bytes=0-9' },
  };
}

async function sign(
  service: string,
  region: string,
  request: SdkRequest,
  options: { date?: Date; credentials?: SdkCredentials } = {},
): Promise<SignedRequest> {
  const signed = await smithySigner(service, region, options.credentials).sign(
    { ...request, protocol: request.protocol ?? 'http:' },
    { signingDate: options.date ?? NOW },
  );
  return toSignedRequest({ ...request, headers: signed.headers, query: signed.query as SdkRequest['query'] });
}

async function presign(
  service: string,
  region: string,
  request: SdkRequest,
  expiresIn = 900,
  credentials?: SdkCredentials,
) {
  const signed = await smithySigner(service, region, credentials).presign(
    { ...request, protocol: 'http:' },
    { signingDate: NOW, expiresIn },
  );
  return toSignedRequest({ ...request, headers: signed.headers, query: signed.query as SdkRequest['query'] });
}

const lookup = lookupOf(userKey());

describe('verifyRequest accepts what the AWS SDK signs', () => {
  it('IAM: POST with a form body; the scope service and region come back', async () => {
    const request = await sign('iam', 'us-east-1', iamRequest());
    const result = verifyRequest(request, lookup, NOW);
    expect(result).toMatchObject({
      outcome: 'verified',
      service: 'iam',
      region: 'us-east-1',
      presigned: false,
      signedAt: NOW,
      key: { principalArn: 'arn:aws:iam::111111111111:user/alice' },
      payload: { kind: 'sha256', sha256: createHash('sha256').update(IAM_BODY).digest('hex') },
    });
  });

  it('IAM: an empty region in the scope (AKIA…/20261123//iam/aws4_request) is accepted', async () => {
    const request = await sign('iam', '', iamRequest());
    expect(String(request.headers.authorization)).toContain(`${ACCESS_KEY}/20261123//iam/aws4_request`);
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({ outcome: 'verified', region: '' });
  });

  it('STS: any region, service sts', async () => {
    const request = await sign('sts', 'eu-west-3', {
      ...iamRequest('Action=GetCallerIdentity&Version=2011-06-15'),
    });
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({
      outcome: 'verified',
      service: 'sts',
      region: 'eu-west-3',
    });
  });

  it('the query services double-encode the path (a space is %2520 in the canonical request)', async () => {
    const request = await sign('sts', 'us-east-1', { ...iamRequest(), path: '/a%20b/./c' });
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({ outcome: 'verified' });
    const wrong = verifyRequest(request, lookup, NOW, { pathRule: 's3' });
    expect(wrong).toMatchObject({ kind: 'SignatureDoesNotMatch' });
  });

  it('S3: GET with a query and an encoded key, path signed as sent', async () => {
    const request = await sign('s3', 'us-east-1', s3Get());
    expect(request.headers['x-amz-content-sha256']).toBe(createHash('sha256').update('').digest('hex'));
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({
      outcome: 'verified',
      service: 's3',
      payload: { kind: 'sha256' },
    });
  });

  it('S3: a path with `//` and `..` is not normalised', async () => {
    const request = await sign('s3', 'us-east-1', s3Get('/bucket//a/../b'));
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({ outcome: 'verified' });
    expect(verifyRequest({ ...request, path: '/bucket/b' }, lookup, NOW)).toMatchObject({
      kind: 'SignatureDoesNotMatch',
    });
  });

  it('S3: PUT with UNSIGNED-PAYLOAD', async () => {
    const put = {
      method: 'PUT',
      hostname: 'localhost',
      path: '/bucket/key',
      headers: { host: 'localhost', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '5' },
      body: 'hello',
    };
    const request = await sign('s3', 'us-east-1', put);
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({
      outcome: 'verified',
      payload: { kind: 'unsigned' },
    });
  });

  it('S3: a signed body hash that the received body does not match is XAmzContentSHA256Mismatch', async () => {
    const put = {
      method: 'PUT',
      hostname: 'localhost',
      path: '/bucket/key',
      headers: { host: 'localhost' },
      body: 'hello',
    };
    const request = await sign('s3', 'us-east-1', put);
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({ outcome: 'verified' });
    const other = { ...request, bodySha256: createHash('sha256').update('hellO').digest('hex') };
    expect(verifyRequest(other, lookup, NOW)).toMatchObject({ kind: 'ContentSha256Mismatch' });
  });

  it('S3: presigned GET (X-Amz-Content-Sha256=UNSIGNED-PAYLOAD), valid until X-Amz-Date + X-Amz-Expires', async () => {
    const get = {
      ...s3Get(),
      headers: { host: 'localhost:4599', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    };
    const request = await presign('s3', 'us-east-1', get, 3600);
    expect(request.query).toMatch(/x-amz-content-sha256=UNSIGNED-PAYLOAD/i);
    const result = verifyRequest(request, lookup, new Date(NOW.getTime() + 59 * MINUTE));
    expect(result).toMatchObject({
      outcome: 'verified',
      presigned: true,
      expiresAt: new Date(NOW.getTime() + 60 * MINUTE),
    });
    expect(verifyRequest(request, lookup, new Date(NOW.getTime() + 61 * MINUTE))).toMatchObject({
      kind: 'PresignedUrlExpired',
    });
  });

  it('S3: presigned without X-Amz-Content-Sha256 signs UNSIGNED-PAYLOAD', async () => {
    const request = await presign('s3', 'us-east-1', { ...s3Get(), headers: { host: 'localhost:4599' } });
    // The SDK hashes the (absent) body; S3 itself signs presigned URLs as UNSIGNED-PAYLOAD.
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({ kind: 'SignatureDoesNotMatch' });
    const unsigned = await presign('s3', 'us-east-1', {
      ...s3Get(),
      headers: { host: 'localhost:4599', 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    });
    expect(verifyRequest(unsigned, lookup, NOW)).toMatchObject({ outcome: 'verified' });
    const withoutParam = {
      ...unsigned,
      query: unsigned.query.replace('X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&', ''),
    };
    expect(withoutParam.query).not.toContain('Content-Sha256');
    expect(verifyRequest(withoutParam, lookup, NOW)).toMatchObject({ kind: 'SignatureDoesNotMatch' });
  });

  it('STS: presigned GetCallerIdentity with session credentials', async () => {
    const session = userKey({ accessKeyId: 'ASIAEXAMPLEEXAMPLE01', sessionToken: 'FwoGZXIvYXdzE//token+/=' });
    const request = await presign(
      'sts',
      'us-east-1',
      {
        method: 'GET',
        hostname: 'sts.amazonaws.com',
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { host: 'sts.amazonaws.com' },
      },
      60,
      session,
    );
    expect(request.query).toContain('X-Amz-Security-Token=');
    expect(verifyRequest(request, lookupOf(session), NOW)).toMatchObject({
      outcome: 'verified',
      service: 'sts',
      presigned: true,
    });
  });
});

describe('verifyRequest rejects any single change (SignatureDoesNotMatch)', async () => {
  const iam = await sign('iam', 'us-east-1', iamRequest());
  const s3 = await sign('s3', 'us-east-1', s3Get());
  const s3Presigned = await presign('s3', 'us-east-1', {
    ...s3Get(),
    headers: { host: 'localhost:4599', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  });
  const shiftDate = (r: SignedRequest) => ({
    ...r,
    headers: { ...r.headers, 'x-amz-date': '20261123T120001Z' },
  });
  const mutations: Array<[string, (r: SignedRequest) => SignedRequest]> = [
    ['method', (r) => ({ ...r, method: r.method === 'GET' ? 'HEAD' : 'PUT' })],
    ['path', (r) => ({ ...r, path: `${r.path}x` })],
    ['path case', (r) => ({ ...r, path: r.path === '/' ? '/A' : r.path.toUpperCase() })],
    ['query value', (r) => ({ ...r, query: r.query.replace(/(max-keys=1)0|$/, '$11') })],
    ['added query parameter', (r) => ({ ...r, query: r.query === '' ? 'a=b' : `${r.query}&a=b` })],
    ['host header', (r) => ({ ...r, headers: { ...r.headers, host: `${r.headers.host}.` } })],
    ['x-amz-date one second later', shiftDate],
    [
      'body',
      (r) => ({
        ...r,
        bodySha256: createHash('sha256').update('Action=CreateUser&UserName=alicf').digest('hex'),
      }),
    ],
  ];
  const cases: Array<[string, SignedRequest]> = [
    ['IAM', iam],
    ['S3', s3],
  ];
  for (const [label, request] of cases) {
    it(`${label}: the untouched request verifies`, () => {
      expect(verifyRequest(request, lookup, NOW)).toMatchObject({ outcome: 'verified' });
    });
    for (const [what, mutate] of mutations) {
      // S3 signs the body hash header, not the body: a changed body is caught by the hash check.
      const expected = label === 'S3' && what === 'body' ? 'ContentSha256Mismatch' : 'SignatureDoesNotMatch';
      it(`${label}: ${what} → ${expected}`, () => {
        expect(verifyRequest(mutate(request), lookup, NOW)).toMatchObject({
          outcome: 'failed',
          kind: expected,
        });
      });
    }
    it(`${label}: another secret → SignatureDoesNotMatch`, () => {
      const other = lookupOf(userKey({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ' }));
      expect(verifyRequest(request, other, NOW)).toMatchObject({ kind: 'SignatureDoesNotMatch' });
    });
  }
  it('S3 presigned: a changed query parameter → SignatureDoesNotMatch', () => {
    expect(verifyRequest(s3Presigned, lookup, NOW)).toMatchObject({ outcome: 'verified' });
    const changed = { ...s3Presigned, query: s3Presigned.query.replace('max-keys=10', 'max-keys=11') };
    expect(verifyRequest(changed, lookup, NOW)).toMatchObject({ kind: 'SignatureDoesNotMatch' });
  });
});

describe('verifyRequest: keys, tokens and time', () => {
  const session = userKey({
    accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
    sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE',
    expiration: new Date(NOW.getTime() + 60 * MINUTE),
  });

  it('an unknown access key → UnknownAccessKey', async () => {
    const request = await sign('iam', 'us-east-1', iamRequest());
    expect(verifyRequest(request, lookupOf(), NOW)).toMatchObject({
      kind: 'UnknownAccessKey',
      accessKeyId: ACCESS_KEY,
    });
  });

  it('an inactive key → InactiveAccessKey, even with a correct signature', async () => {
    const request = await sign('iam', 'us-east-1', iamRequest());
    expect(verifyRequest(request, lookupOf(userKey({ status: 'Inactive' })), NOW)).toMatchObject({
      kind: 'InactiveAccessKey',
    });
  });

  it('session credentials verify with their token', async () => {
    const request = await sign('sts', 'us-east-1', iamRequest(), { credentials: session });
    expect(request.headers['x-amz-security-token']).toBe(session.sessionToken);
    expect(verifyRequest(request, lookupOf(session), NOW)).toMatchObject({
      outcome: 'verified',
      key: session,
    });
  });

  it('a session key without its token, or with another one, → InvalidSecurityToken', async () => {
    const request = await sign('sts', 'us-east-1', iamRequest(), { credentials: session });
    const { 'x-amz-security-token': _, ...without } = request.headers;
    expect(verifyRequest({ ...request, headers: without }, lookupOf(session), NOW)).toMatchObject({
      kind: 'InvalidSecurityToken',
      tokenProblem: 'missing',
    });
    const other = lookupOf({ ...session, sessionToken: `${session.sessionToken}x` });
    expect(verifyRequest(request, other, NOW)).toMatchObject({
      kind: 'InvalidSecurityToken',
      tokenProblem: 'mismatch',
    });
  });

  it('a token sent with a long-term key → InvalidSecurityToken', async () => {
    const request = await sign('sts', 'us-east-1', iamRequest(), {
      credentials: { ...userKey(), sessionToken: 'x' },
    });
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({
      kind: 'InvalidSecurityToken',
      tokenProblem: 'unexpected',
    });
  });

  it('an expired session key → ExpiredSecurityToken', async () => {
    const later = new Date(NOW.getTime() + 61 * MINUTE);
    const request = await sign('sts', 'us-east-1', iamRequest(), { credentials: session, date: later });
    expect(verifyRequest(request, lookupOf(session), later)).toMatchObject({ kind: 'ExpiredSecurityToken' });
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html#date
  it('15 minutes of clock skew either way are accepted, not more', async () => {
    for (const [offset, ok] of [
      [-14, true],
      [14, true],
      [-16, false],
      [16, false],
    ] as const) {
      const request = await sign('iam', 'us-east-1', iamRequest(), {
        date: new Date(NOW.getTime() + offset * MINUTE),
      });
      const result = verifyRequest(request, lookup, NOW);
      expect(result.outcome, `${offset} min`).toBe(ok ? 'verified' : 'failed');
      if (!ok) expect(result).toMatchObject({ kind: 'RequestTimeTooSkewed', serverTime: NOW });
    }
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html#date
  it('the `date` header stands in for x-amz-date (signed by hand: the SDK always sends x-amz-date)', () => {
    const httpDate = 'Mon, 23 Nov 2026 12:00:00 GMT';
    const empty = createHash('sha256').update('').digest('hex');
    const canonical = `POST\n/\n\ndate:${httpDate}\nhost:iam.amazonaws.com\n\ndate;host\n${empty}`;
    const scope = '20261123/us-east-1/iam/aws4_request';
    const toSign = `AWS4-HMAC-SHA256\n20261123T120000Z\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', signingKeyOf(SECRET_KEY, '20261123', 'us-east-1', 'iam'))
      .update(toSign)
      .digest('hex');
    const request: SignedRequest = {
      method: 'POST',
      path: '/',
      query: '',
      headers: {
        host: 'iam.amazonaws.com',
        date: httpDate,
        authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/${scope}, SignedHeaders=date;host, Signature=${signature}`,
      },
      bodySha256: empty,
    };
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({ outcome: 'verified', signedAt: NOW });
    const later = { ...request, headers: { ...request.headers, date: 'Mon, 23 Nov 2026 12:00:01 GMT' } };
    expect(verifyRequest(later, lookup, NOW)).toMatchObject({ kind: 'SignatureDoesNotMatch' });
  });
});

describe('verifyRequest: malformed and missing authentication', () => {
  const base: SignedRequest = {
    method: 'POST',
    path: '/',
    query: '',
    headers: { host: 'iam.amazonaws.com', 'x-amz-date': '20261123T120000Z' },
    bodySha256: createHash('sha256').update('').digest('hex'),
  };
  const withAuth = (authorization: string, extra: Record<string, string> = {}): SignedRequest => ({
    ...base,
    headers: { ...base.headers, ...extra, authorization },
  });
  const sig = 'a'.repeat(64);

  it('no Authorization header and no presigned parameters → anonymous', () => {
    expect(verifyRequest(base, lookup, NOW)).toEqual({ outcome: 'anonymous' });
  });

  it('missing Signature and SignedHeaders → MalformedAuthorization with AWS wording', () => {
    const result = verifyRequest(
      withAuth(`AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20261123/us-east-1/iam/aws4_request`),
      lookup,
      NOW,
    );
    expect(result).toMatchObject({
      kind: 'MalformedAuthorization',
      missing: [
        "Authorization header requires 'Signature' parameter.",
        "Authorization header requires 'SignedHeaders' parameter.",
      ],
    });
  });

  it('no date header → MissingDate', () => {
    const request = withAuth(
      `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20261123/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=${sig}`,
    );
    const { 'x-amz-date': _, ...headers } = request.headers;
    expect(verifyRequest({ ...request, headers }, lookup, NOW)).toMatchObject({ kind: 'MissingDate' });
  });

  it('a credential without five parts, or another terminator → MalformedCredential', () => {
    for (const credential of [
      `${ACCESS_KEY}/20261123/us-east-1/iam`,
      `${ACCESS_KEY}/20261123/us-east-1/iam/aws5_request`,
      '/20261123/us-east-1/iam/aws4_request',
    ]) {
      const request = withAuth(
        `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=${sig}`,
      );
      expect(verifyRequest(request, lookup, NOW)).toMatchObject({ kind: 'MalformedCredential', credential });
    }
  });

  it('SigV2 and SigV4a → UnsupportedAuthorization', () => {
    expect(
      verifyRequest(withAuth(`AWS ${ACCESS_KEY}:frJIUN8DYpKDtOLCwo//yllqDzg=`), lookup, NOW),
    ).toMatchObject({
      kind: 'UnsupportedAuthorization',
    });
    expect(verifyRequest(withAuth('AWS4-ECDSA-P256-SHA256 Credential=x'), lookup, NOW)).toMatchObject({
      kind: 'UnsupportedAuthorization',
    });
  });

  it('Authorization header and presigned parameters together → MultipleAuthMechanisms', () => {
    const request = {
      ...withAuth('AWS4-HMAC-SHA256 Credential=x'),
      query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256',
    };
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({ kind: 'MultipleAuthMechanisms' });
  });

  it('host not signed → HostNotSigned', () => {
    const request = withAuth(
      `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20261123/us-east-1/iam/aws4_request, SignedHeaders=x-amz-date, Signature=${sig}`,
    );
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({ kind: 'HostNotSigned' });
  });

  it('scope day other than the request day → CredentialDateMismatch', () => {
    const request = withAuth(
      `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20261122/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=${sig}`,
    );
    expect(verifyRequest(request, lookup, NOW)).toMatchObject({
      kind: 'CredentialDateMismatch',
      scopeDate: '20261122',
      requestDate: '20261123T120000Z',
    });
  });

  it('presigned: missing parameters and X-Amz-Expires outside 0…604800', () => {
    const cred = encodeURIComponent(`${ACCESS_KEY}/20261123/us-east-1/s3/aws4_request`);
    const query = (expires: string) =>
      `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${cred}&X-Amz-Date=20261123T120000Z&X-Amz-Expires=${expires}&X-Amz-SignedHeaders=host&X-Amz-Signature=${sig}`;
    const request = (q: string): SignedRequest => ({ ...base, method: 'GET', path: '/b/k', query: q });
    expect(verifyRequest(request(query('604801')), lookup, NOW)).toMatchObject({
      kind: 'InvalidExpires',
      expiresProblem: 'too-large',
    });
    expect(verifyRequest(request(query('-1')), lookup, NOW)).toMatchObject({
      kind: 'InvalidExpires',
      expiresProblem: 'negative',
    });
    expect(verifyRequest(request(query('soon')), lookup, NOW)).toMatchObject({
      kind: 'InvalidExpires',
      expiresProblem: 'not-a-number',
    });
    expect(verifyRequest(request(query('604800')), lookup, NOW)).toMatchObject({
      kind: 'SignatureDoesNotMatch',
    });
    const noDate = query('60').replace('X-Amz-Date=20261123T120000Z&', '');
    expect(verifyRequest(request(noDate), lookup, NOW)).toMatchObject({
      kind: 'MalformedPresignedQuery',
      missing: ["AWS query-string parameters must include 'X-Amz-Date'."],
    });
  });

  it('S3: x-amz-content-sha256 missing, or not a hash nor a keyword', async () => {
    const put = { method: 'PUT', hostname: 'localhost', path: '/bucket/key', headers: { host: 'localhost' } };
    // applyChecksum: false keeps the SDK from adding x-amz-content-sha256.
    const signer = new SignatureV4({
      service: 's3',
      region: 'us-east-1',
      credentials: userKey(),
      sha256: NodeSha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
    const bare = await signer.sign({ ...put, protocol: 'http:' }, { signingDate: NOW });
    expect(verifyRequest(toSignedRequest({ ...put, headers: bare.headers }), lookup, NOW)).toMatchObject({
      kind: 'MissingContentSha256',
    });
    const odd = await sign('s3', 'us-east-1', {
      ...put,
      headers: { host: 'localhost', 'x-amz-content-sha256': 'STREAMING-MAYBE' },
    });
    expect(verifyRequest(odd, lookup, NOW)).toMatchObject({
      kind: 'InvalidContentSha256',
      contentSha256: 'STREAMING-MAYBE',
    });
  });

  it('S3: an x-amz-* header sent but not signed → HeadersNotSigned', async () => {
    const request = await sign('s3', 'us-east-1', s3Get());
    const extra = { ...request, headers: { ...request.headers, 'x-amz-acl': 'public-read' } };
    expect(verifyRequest(extra, lookup, NOW)).toMatchObject({
      kind: 'HeadersNotSigned',
      headersNotSigned: ['x-amz-acl'],
    });
  });

  it('services other than S3 need the body hash from the server', async () => {
    const request = await sign('iam', 'us-east-1', iamRequest());
    const { bodySha256: _, ...withoutBody } = request;
    expect(() => verifyRequest(withoutBody, lookup, NOW)).toThrow(/bodySha256/);
  });
});
