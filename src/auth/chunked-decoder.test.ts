// The aws-chunked decoder against the worked examples of AWS's documentation:
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html (Example: PUT Object)
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html

import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  type AwsChunkedDecoderOptions,
  ChunkedBodyError,
  createAwsChunkedDecoder,
} from './chunked-decoder.js';
import type { SignedRequest } from './signed-request.js';
import {
  chunkSignature,
  lookupOf,
  SECRET_KEY,
  signingKeyOf,
  trailerSignature,
  userKey,
} from './test-fixture.js';
import { type AwsChunkedPayload, verifyRequest } from './verify-request.js';

const DOC_DATE = new Date('2013-05-24T00:00:00Z');
const SCOPE = '20130524/us-east-1/s3/aws4_request';
const KEY = signingKeyOf(SECRET_KEY, '20130524', 'us-east-1', 's3');
const A = (n: number) => Buffer.alloc(n, 'a');

// The example's request: a 66560-byte object of 'a' in chunks of 64 KiB, 1 KiB and 0 bytes.
const docRequest: SignedRequest = {
  method: 'PUT',
  path: '/examplebucket/chunkObject.txt',
  query: '',
  headers: {
    host: 's3.amazonaws.com',
    'x-amz-date': '20130524T000000Z',
    'x-amz-storage-class': 'REDUCED_REDUNDANCY',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
    'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    'content-encoding': 'aws-chunked',
    'x-amz-decoded-content-length': '66560',
    'content-length': '66824',
  },
};
const DOC_SIGNATURES = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
];

function signedBody(sizes: number[], signatures: string[], tail = '\r\n'): Buffer {
  const parts = sizes.map((size, i) =>
    Buffer.concat([
      Buffer.from(`${size.toString(16)};chunk-signature=${signatures[i]}\r\n`),
      A(size),
      Buffer.from('\r\n'),
    ]),
  );
  const body = Buffer.concat(parts);
  // The last chunk has no data: its header line is followed by the tail only.
  return Buffer.concat([body.subarray(0, body.length - 2), Buffer.from(tail)]);
}

async function decode(
  payload: AwsChunkedPayload,
  body: Buffer,
  pieceSize = 4000,
  options: AwsChunkedDecoderOptions = {},
): Promise<{ data: Buffer; trailers: Record<string, string> }> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < body.length; i += pieceSize) pieces.push(body.subarray(i, i + pieceSize));
  const decoder = createAwsChunkedDecoder(payload, options);
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(pieces),
    decoder,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  return { data: Buffer.concat(out), trailers: decoder.trailers };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChunkedBodyError);
  return (error as ChunkedBodyError).failure;
}

function verifiedPayload(request: SignedRequest): AwsChunkedPayload {
  const result = verifyRequest(request, lookupOf(userKey()), DOC_DATE);
  if (result.outcome !== 'verified' || result.payload.kind !== 'aws-chunked') {
    throw new Error(`not verified: ${JSON.stringify(result)}`);
  }
  return result.payload;
}

describe('aws-chunked, signed (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', () => {
  const body = signedBody([65536, 1024, 0], DOC_SIGNATURES);

  it("the example's seed signature verifies and chains into the chunk signatures", async () => {
    expect(body.length).toBe(66824);
    const payload = verifiedPayload(docRequest);
    expect(payload).toMatchObject({ signed: true, trailer: false, decodedContentLength: 66560 });
    expect(payload.signing?.seedSignature).toBe(
      '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
    );
    for (const pieceSize of [1, 7, 100, 65536, 1 << 20]) {
      const { data } = await decode(payload, body, pieceSize);
      expect(data.equals(A(66560)), `pieces of ${pieceSize}`).toBe(true);
    }
  });

  it('a changed byte of data → ChunkSignatureDoesNotMatch', async () => {
    const tampered = Buffer.from(body);
    tampered[50_000] = 0x62;
    expect(await failure(decode(verifiedPayload(docRequest), tampered))).toMatchObject({
      kind: 'ChunkSignatureDoesNotMatch',
      chunk: 1,
    });
  });

  it('chunks in another order, or a changed signature → ChunkSignatureDoesNotMatch', async () => {
    const swapped = signedBody([1024, 65536, 0], [
      DOC_SIGNATURES[1],
      DOC_SIGNATURES[0],
      DOC_SIGNATURES[2],
    ] as string[]);
    const payload = verifiedPayload(docRequest);
    expect(await failure(decode(payload, swapped, 4000, { minChunkSize: 0 }))).toMatchObject({
      kind: 'ChunkSignatureDoesNotMatch',
    });
    const badFinal = signedBody([65536, 1024, 0], [...DOC_SIGNATURES.slice(0, 2), 'c'.repeat(64)]);
    expect(await failure(decode(payload, badFinal))).toMatchObject({
      kind: 'ChunkSignatureDoesNotMatch',
      chunk: 3,
    });
  });

  it('a body cut short, or a final chunk missing → IncompleteBody', async () => {
    const payload = verifiedPayload(docRequest);
    expect(await failure(decode(payload, body.subarray(0, 30_000)))).toMatchObject({
      kind: 'IncompleteBody',
    });
    const noFinal = body.subarray(0, 65626 + 1112);
    expect(await failure(decode(payload, noFinal))).toMatchObject({ kind: 'IncompleteBody' });
  });

  it('more or fewer bytes than x-amz-decoded-content-length → IncompleteBody', async () => {
    const payload = verifiedPayload(docRequest);
    expect(await failure(decode({ ...payload, decodedContentLength: 66559 }, body))).toMatchObject({
      kind: 'IncompleteBody',
    });
    expect(await failure(decode({ ...payload, decodedContentLength: 66561 }, body))).toMatchObject({
      kind: 'IncompleteBody',
    });
  });

  it('a chunk header without its signature, or garbage → MalformedChunkedBody', async () => {
    const payload = verifiedPayload(docRequest);
    const noSig = Buffer.concat([Buffer.from('10000\r\n'), body.subarray(88)]);
    expect(await failure(decode(payload, noSig))).toMatchObject({ kind: 'MalformedChunkedBody' });
    expect(await failure(decode(payload, Buffer.from('zz;chunk-signature=00\r\nabc\r\n')))).toMatchObject({
      kind: 'MalformedChunkedBody',
    });
    const noCrlf = Buffer.from(body);
    noCrlf[88 + 65536] = 0x20;
    expect(await failure(decode(payload, noCrlf))).toMatchObject({ kind: 'MalformedChunkedBody' });
  });
});

describe('aws-chunked, signed with trailer (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER)', () => {
  // The trailer example: same object, a CRC32C trailer, seed 106e2a…, trailer signature d81f82….
  const request: SignedRequest = {
    method: 'PUT',
    path: '/examplebucket/chunkObject.txt',
    query: '',
    headers: {
      host: 's3.amazonaws.com',
      'x-amz-date': '20130524T000000Z',
      'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer,Signature=106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '66560',
      'x-amz-trailer': 'x-amz-checksum-crc32c',
    },
  };
  const DOC_TRAILER_SIGNATURE = 'd81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435';

  function chain(seed: string, sizes: number[]): string[] {
    const signatures: string[] = [];
    let previous = seed;
    for (const size of sizes) {
      previous = chunkSignature(KEY, '20130524T000000Z', SCOPE, previous, A(size));
      signatures.push(previous);
    }
    return signatures;
  }

  it("the example's seed verifies and its chain ends in the documented trailer signature", async () => {
    const payload = verifiedPayload(request);
    expect(payload).toMatchObject({ signed: true, trailer: true, trailerNames: ['x-amz-checksum-crc32c'] });
    const signatures = chain(payload.signing?.seedSignature ?? '', [65536, 1024, 0]);
    const body = signedBody(
      [65536, 1024, 0],
      signatures,
      `x-amz-checksum-crc32c:sOO8/Q==\r\nx-amz-trailer-signature:${DOC_TRAILER_SIGNATURE}\r\n\r\n`,
    );
    // Independent check of the test's own chain against the documented value.
    expect(
      trailerSignature(
        KEY,
        '20130524T000000Z',
        SCOPE,
        signatures[2] ?? '',
        'x-amz-checksum-crc32c:sOO8/Q==\n',
      ),
    ).toBe(DOC_TRAILER_SIGNATURE);
    const { data, trailers } = await decode(payload, body, 333);
    expect(data.equals(A(66560))).toBe(true);
    expect(trailers).toEqual({ 'x-amz-checksum-crc32c': 'sOO8/Q==' });
  });

  it('a changed trailer value or a missing trailer signature is refused', async () => {
    const payload = verifiedPayload(request);
    const signatures = chain(payload.signing?.seedSignature ?? '', [65536, 1024, 0]);
    const changed = signedBody(
      [65536, 1024, 0],
      signatures,
      `x-amz-checksum-crc32c:sOO8/R==\r\nx-amz-trailer-signature:${DOC_TRAILER_SIGNATURE}\r\n\r\n`,
    );
    expect(await failure(decode(payload, changed))).toMatchObject({ kind: 'ChunkSignatureDoesNotMatch' });
    const unsignedTrailer = signedBody(
      [65536, 1024, 0],
      signatures,
      'x-amz-checksum-crc32c:sOO8/Q==\r\n\r\n',
    );
    expect(await failure(decode(payload, unsignedTrailer))).toMatchObject({ kind: 'MalformedChunkedBody' });
    const missingDeclared = signedBody([65536, 1024, 0], signatures, '\r\n\r\n');
    expect(await failure(decode(payload, missingDeclared))).toMatchObject({ kind: 'MalformedChunkedBody' });
  });
});

describe('aws-chunked, unsigned with trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', () => {
  const payload: AwsChunkedPayload = {
    kind: 'aws-chunked',
    signed: false,
    trailer: true,
    decodedContentLength: 20000,
    trailerNames: ['x-amz-checksum-crc32'],
  };
  const body = (sizes: number[], tail: string) =>
    Buffer.concat([
      ...sizes.map((n) => Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), A(n), Buffer.from('\r\n')])),
      Buffer.from(`0\r\n${tail}`),
    ]);

  it('decodes and exposes the trailers', async () => {
    const { data, trailers } = await decode(
      payload,
      body([10000, 10000], 'x-amz-checksum-crc32:AAAAAA==\r\n\r\n'),
      999,
    );
    expect(data.equals(A(20000))).toBe(true);
    expect(trailers).toEqual({ 'x-amz-checksum-crc32': 'AAAAAA==' });
  });

  // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html: chunks of at least 8 KiB.
  it('a chunk under 8 KiB before the last data chunk → InvalidChunkSize', async () => {
    const small = body([100, 10000, 9900], 'x-amz-checksum-crc32:AAAAAA==\r\n\r\n');
    expect(await failure(decode(payload, small))).toMatchObject({
      kind: 'InvalidChunkSize',
      chunk: 1,
      chunkSize: 100,
    });
    const lastSmall = body([10000, 9900, 100], 'x-amz-checksum-crc32:AAAAAA==\r\n\r\n');
    expect((await decode(payload, lastSmall)).data.length).toBe(20000);
  });

  it('a body that stops right after the last trailer line is accepted', async () => {
    const { data } = await decode(payload, body([20000], 'x-amz-checksum-crc32:AAAAAA==\r\n'));
    expect(data.length).toBe(20000);
  });
});
