// Real clients as oracles: requests built and signed by the AWS SDK for JavaScript v3 clients
// (captured before they leave the process) and by botocore, the signer of boto3 and the aws CLI.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html

import { execFileSync } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { createAwsChunkedDecoder } from './chunked-decoder.js';
import type { SignedRequest } from './signed-request.js';
import {
  ACCESS_KEY,
  lookupOf,
  type SdkRequest,
  SECRET_KEY,
  toSignedRequest,
  userKey,
} from './test-fixture.js';
import { verifyRequest } from './verify-request.js';

interface Captured {
  request: SignedRequest;
  body: Buffer;
}

/** An SDK client's HTTP handler that records the signed request instead of sending it. */
function capturingHandler(into: Captured[]) {
  return {
    async handle(request: SdkRequest & { body?: unknown }) {
      const chunks: Buffer[] = [];
      const body = request.body as AsyncIterable<Uint8Array> | string | Uint8Array | undefined;
      if (body && typeof body === 'object' && Symbol.asyncIterator in body) {
        for await (const chunk of body) chunks.push(Buffer.from(chunk));
      } else if (body !== undefined) {
        chunks.push(Buffer.from(body as string));
      }
      const bytes = Buffer.concat(chunks);
      into.push({ request: toSignedRequest({ ...request, body: bytes }), body: bytes });
      return { response: { statusCode: 200, headers: {}, body: Readable.from([]) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
}

const credentials = { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY };
const session = userKey({ accessKeyId: 'ASIAEXAMPLEEXAMPLE02', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//+=' });
const lookup = lookupOf(userKey(), session);
const endpoint = 'http://127.0.0.1:4599';

async function capture(
  send: (handler: ReturnType<typeof capturingHandler>) => Promise<unknown>,
): Promise<Captured> {
  const into: Captured[] = [];
  // The fake response does not parse as the operation's output; only the request matters here.
  await send(capturingHandler(into)).catch(() => undefined);
  const first = into[0];
  if (!first) throw new Error('the client sent nothing');
  return first;
}

describe('the AWS SDK for JavaScript v3 clients', () => {
  it('IAM CreateUser (query protocol, form body, global endpoint)', async () => {
    const { request } = await capture((requestHandler) =>
      new IAMClient({ region: 'us-east-1', endpoint, credentials, requestHandler }).send(
        new CreateUserCommand({ UserName: 'alice', Path: '/dev ops/' }),
      ),
    );
    expect(verifyRequest(request, lookup, new Date())).toMatchObject({ outcome: 'verified', service: 'iam' });
  });

  it('STS GetCallerIdentity with session credentials', async () => {
    const { request } = await capture((requestHandler) =>
      new STSClient({
        region: 'eu-central-1',
        endpoint,
        credentials: { ...credentials, accessKeyId: session.accessKeyId, sessionToken: session.sessionToken },
        requestHandler,
      }).send(new GetCallerIdentityCommand({})),
    );
    expect(verifyRequest(request, lookup, new Date())).toMatchObject({
      outcome: 'verified',
      service: 'sts',
      region: 'eu-central-1',
      key: { accessKeyId: session.accessKeyId },
    });
  });

  const s3 = (requestHandler: ReturnType<typeof capturingHandler>) =>
    new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials, requestHandler });

  it("S3 GetObject of a key with characters S3 encodes (space, +, !, ', (, ), *, ü, //)", async () => {
    const { request } = await capture((h) =>
      s3(h).send(
        new GetObjectCommand({ Bucket: 'bucket', Key: "dir//a b+c!'()*~ü.txt", Range: 'bytes=0-9' }),
      ),
    );
    expect(verifyRequest(request, lookup, new Date())).toMatchObject({ outcome: 'verified', service: 's3' });
  });

  it('S3 ListObjectsV2 with a prefix and delimiter in the query', async () => {
    const { request } = await capture((h) =>
      s3(h).send(
        new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'a b/ü&=', Delimiter: '/', MaxKeys: 7 }),
      ),
    );
    expect(request.query).toContain('prefix=');
    expect(verifyRequest(request, lookup, new Date())).toMatchObject({ outcome: 'verified' });
  });

  it('S3 PutObject of a stream: aws-chunked, STREAMING-UNSIGNED-PAYLOAD-TRAILER with a CRC32 trailer', async () => {
    const data = Buffer.alloc(70_000, 'z');
    const { request, body } = await capture((h) =>
      s3(h).send(
        new PutObjectCommand({
          Bucket: 'bucket',
          Key: 'big.bin',
          Body: Readable.from([data.subarray(0, 30_000), data.subarray(30_000)]),
          ContentLength: data.length,
        }),
      ),
    );
    expect(request.headers['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    const result = verifyRequest(request, lookup, new Date());
    if (result.outcome !== 'verified' || result.payload.kind !== 'aws-chunked')
      throw new Error(JSON.stringify(result));
    expect(result.payload).toMatchObject({ signed: false, trailer: true, decodedContentLength: 70_000 });

    const decoder = createAwsChunkedDecoder(result.payload);
    const out: Buffer[] = [];
    await pipeline(
      Readable.from([body]),
      decoder,
      new Writable({
        write(chunk: Buffer, _e, done) {
          out.push(chunk);
          done();
        },
      }),
    );
    expect(Buffer.concat(out).equals(data)).toBe(true);
    const expectedCrc = Buffer.alloc(4);
    expectedCrc.writeUInt32BE(crc32(data));
    expect(decoder.trailers['x-amz-checksum-crc32']).toBe(expectedCrc.toString('base64'));
  });
});

// botocore signs with SigV4Auth (IAM, STS), S3SigV4Auth (S3) and their query variants (presign).
const BOTOCORE_SCRIPT = `
import json
from botocore.auth import SigV4Auth, S3SigV4Auth, SigV4QueryAuth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

user = Credentials('${ACCESS_KEY}', '${SECRET_KEY}')
temp = Credentials('${session.accessKeyId}', '${SECRET_KEY}', '${session.sessionToken}')
out = []

def emit(name, request):
    prepared = request.prepare()
    body = prepared.body or b''
    if isinstance(body, str):
        body = body.encode()
    out.append({'name': name, 'method': prepared.method, 'url': prepared.url,
                'headers': dict(prepared.headers), 'body': body.decode('latin-1')})

form = {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}
r = AWSRequest(method='POST', url='https://iam.amazonaws.com/', data='Action=ListUsers&Version=2010-05-08', headers=form)
SigV4Auth(user, 'iam', 'us-east-1').add_auth(r); emit('iam', r)
r = AWSRequest(method='POST', url='https://sts.amazonaws.com/', data='Action=GetCallerIdentity&Version=2011-06-15', headers=form)
SigV4Auth(temp, 'sts', '').add_auth(r); emit('sts-session-empty-region', r)
# As botocore's serializers do, the query is already in the URL, percent-encoded (%20, not +).
r = AWSRequest(method='GET', url="http://127.0.0.1:4599/bucket/dir/a%20b%2Bc~%21%27%28%29%2A.txt?versionId=x%20y&response-content-type=text%2Fplain%3B%20charset%3Dutf-8")
S3SigV4Auth(user, 's3', 'us-east-1').add_auth(r); emit('s3-get', r)
r = AWSRequest(method='PUT', url='http://127.0.0.1:4599/bucket/key.txt', data=b'hello world', headers={'Content-MD5': 'XrY7u+Ae7tCTyyK7j1rNww=='})
S3SigV4Auth(user, 's3', 'us-east-1').add_auth(r); emit('s3-put', r)
r = AWSRequest(method='GET', url='http://127.0.0.1:4599/bucket/key.txt?x-id=GetObject')
S3SigV4QueryAuth(user, 's3', 'us-east-1', expires=300).add_auth(r); emit('s3-presign', r)
r = AWSRequest(method='GET', url='https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15')
SigV4QueryAuth(temp, 'sts', 'us-east-1', expires=60).add_auth(r); emit('sts-presign', r)
print(json.dumps(out))
`;

interface BotocoreRequest {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

describe('botocore (boto3, aws CLI)', () => {
  const signed = JSON.parse(
    execFileSync('python3', ['-c', BOTOCORE_SCRIPT], { encoding: 'utf8' }),
  ) as BotocoreRequest[];
  const now = new Date();

  it('signed six requests', () => {
    expect(signed.map((r) => r.name)).toEqual([
      'iam',
      'sts-session-empty-region',
      's3-get',
      's3-put',
      's3-presign',
      'sts-presign',
    ]);
  });

  for (const r of signed) {
    const target = r.url.replace(/^https?:\/\/[^/]+/, '');
    const q = target.indexOf('?');
    const headers: Record<string, string> = { host: new URL(r.url).host };
    for (const [name, value] of Object.entries(r.headers)) headers[name.toLowerCase()] = value;
    const request = toSignedRequest({
      method: r.method,
      hostname: '',
      path: q < 0 ? target : target.slice(0, q),
      headers,
      body: Buffer.from(r.body, 'latin1'),
    });
    request.query = q < 0 ? '' : target.slice(q + 1);

    it(`${r.name} verifies`, () => {
      expect(verifyRequest(request, lookup, now)).toMatchObject({ outcome: 'verified' });
    });

    it(`${r.name} with one byte of the path or query changed fails`, () => {
      const changed = request.query
        ? { ...request, query: `${request.query}x` }
        : { ...request, path: `${request.path}x` };
      expect(verifyRequest(changed, lookup, now)).toMatchObject({ kind: 'SignatureDoesNotMatch' });
    });
  }
});
