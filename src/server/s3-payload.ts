// An S3 request body as the handlers see it: the decoded bytes, and what the signature promised about
// them. The body is not trusted until its stream ends: the BodyStore checks these promises before it
// keeps anything, and a failed aws-chunked signature fails the stream.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createAwsChunkedDecoder, type VerifiedPayload } from '../auth/index.js';
import type { ExpectedDigests } from '../store/bodies/body-store.js';
import type { ChecksumAlgorithm, Checksums } from '../store/s3-records.js';

export interface S3Payload {
  body: Readable;
  /** Called once the body has ended: trailing checksums arrive last. */
  expected: () => ExpectedDigests;
  /** The checksums announced in x-amz-trailer, to compute while the body streams. */
  trailingChecksums: readonly ChecksumAlgorithm[];
}

const CHECKSUM_HEADERS: ReadonlyArray<[string, ChecksumAlgorithm]> = [
  ['x-amz-checksum-crc32', 'CRC32'],
  ['x-amz-checksum-crc32c', 'CRC32C'],
  ['x-amz-checksum-crc64nvme', 'CRC64NVME'],
  ['x-amz-checksum-sha1', 'SHA1'],
  ['x-amz-checksum-sha256', 'SHA256'],
];

/** `payload` is what SigV4 verification found; an anonymous request's body is unsigned. */
export function s3Payload(req: IncomingMessage, payload: VerifiedPayload | undefined): S3Payload {
  const length = req.headers['content-length'];
  if (payload?.kind === 'aws-chunked') {
    const decoder = createAwsChunkedDecoder(payload);
    req.on('error', (error) => decoder.destroy(error));
    req.pipe(decoder);
    return {
      body: decoder,
      expected: () => ({ size: payload.decodedContentLength, checksums: checksumsOf(decoder.trailers) }),
      trailingChecksums: CHECKSUM_HEADERS.filter(([header]) => payload.trailerNames.includes(header)).map(
        ([, algorithm]) => algorithm,
      ),
    };
  }
  return {
    body: req,
    expected: () => ({
      ...(payload?.kind === 'sha256' ? { sha256Hex: payload.sha256 } : {}),
      ...(length !== undefined ? { size: Number(length) } : {}),
    }),
    trailingChecksums: [],
  };
}

/** Reads a small payload (an XML document, a policy) whole; undefined when it is over `limit` bytes. */
export async function readPayload(payload: S3Payload, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload.body) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function checksumsOf(trailers: Readonly<Record<string, string>>): Checksums {
  const checksums: Checksums = {};
  for (const [header, algorithm] of CHECKSUM_HEADERS) {
    const value = trailers[header];
    if (value !== undefined) checksums[algorithm] = value;
  }
  return checksums;
}
