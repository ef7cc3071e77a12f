// Streaming decoder for `Content-Encoding: aws-chunked` bodies: emits only the payload bytes,
// verifies each chunk signature (chained from the request's seed signature), the trailer
// signature and x-amz-decoded-content-length, and never holds more than one line in memory.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
//
//   signed:   <hex-size>;chunk-signature=<sig>\r\n<data>\r\n … 0;chunk-signature=<sig>\r\n
//   unsigned: <hex-size>\r\n<data>\r\n … 0\r\n
//   then either \r\n, or trailers: name:value\r\n … [x-amz-trailer-signature:<sig>\r\n] \r\n
//
// INVARIANT: a chunk's bytes are pushed before its signature is checked (the signature follows
// the data), so a consumer must treat the body as untrusted until the stream ends without error.

import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { type AuthFailure, type AuthFailureKind, authFailure } from './auth-failure.js';
import { EMPTY_SHA256, sha256Hex, signaturesEqual, signHex } from './sigv4-crypto.js';
import type { AwsChunkedPayload, ChunkSigning } from './verify-request.js';

/** The error a decoder fails with; `failure` maps to AWS's answer through toAwsAuthError. */
export class ChunkedBodyError extends Error {
  readonly failure: AuthFailure;
  constructor(failure: AuthFailure) {
    super(`aws-chunked body rejected: ${failure.kind}${failure.reason ? ` (${failure.reason})` : ''}`);
    this.name = 'ChunkedBodyError';
    this.failure = failure;
  }
}

export interface AwsChunkedDecoderOptions {
  /** AWS refuses chunks under 8 KiB except the last data chunk (InvalidChunkSizeError). */
  minChunkSize?: number;
  /** Longest chunk-header or trailer line accepted. */
  maxLineLength?: number;
}

export function createAwsChunkedDecoder(
  payload: AwsChunkedPayload,
  options: AwsChunkedDecoderOptions = {},
): AwsChunkedDecoder {
  return new AwsChunkedDecoder(payload, options);
}

type State = 'size-line' | 'data' | 'data-end' | 'final-end' | 'trailer-line' | 'done';

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers received (lower-case names), e.g. x-amz-checksum-crc32; complete after 'end'. */
  readonly trailers: Record<string, string> = {};
  /** Payload bytes emitted so far. */
  decodedBytes = 0;

  private readonly payload: AwsChunkedPayload;
  private readonly signing: ChunkSigning | undefined;
  private readonly minChunkSize: number;
  private readonly maxLineLength: number;
  private state: State = 'size-line';
  private line: Buffer[] = [];
  private lineLength = 0;
  private remaining = 0;
  private hash: Hash | undefined;
  private chunkSignature = '';
  private previousSignature: string;
  private chunkIndex = 0;
  private previousChunkSize = -1;
  private endBytes = 0;
  private canonicalTrailers = '';
  private trailerSignatureSeen = false;
  private failed = false;

  constructor(payload: AwsChunkedPayload, options: AwsChunkedDecoderOptions = {}) {
    super();
    if (payload.signed && !payload.signing)
      throw new Error('AwsChunkedDecoder: signed payload without signing context');
    this.payload = payload;
    this.signing = payload.signing;
    this.previousSignature = payload.signing?.seedSignature ?? '';
    this.minChunkSize = options.minChunkSize ?? 8192;
    this.maxLineLength = options.maxLineLength ?? 4096;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const problem = this.failed ? undefined : this.consume(chunk);
    if (problem) this.failed = true;
    callback(problem ? new ChunkedBodyError(problem) : undefined);
  }

  override _flush(callback: TransformCallback): void {
    const problem = this.failed ? undefined : this.finish();
    callback(problem ? new ChunkedBodyError(problem) : undefined);
  }

  private consume(buf: Buffer): AuthFailure | undefined {
    let i = 0;
    while (i < buf.length) {
      switch (this.state) {
        case 'size-line':
        case 'trailer-line': {
          const nl = buf.indexOf(0x0a, i);
          const end = nl < 0 ? buf.length : nl;
          this.lineLength += end - i;
          if (this.lineLength > this.maxLineLength) return this.fail('MalformedChunkedBody', 'line too long');
          this.line.push(buf.subarray(i, end));
          i = end;
          if (nl < 0) break;
          i = nl + 1;
          const text = Buffer.concat(this.line).toString('latin1').replace(/\r$/, '');
          this.line = [];
          this.lineLength = 0;
          const problem = this.state === 'size-line' ? this.onSizeLine(text) : this.onTrailerLine(text);
          if (problem) return problem;
          break;
        }
        case 'data': {
          const n = Math.min(this.remaining, buf.length - i);
          const slice = buf.subarray(i, i + n);
          this.hash?.update(slice);
          this.decodedBytes += n;
          this.push(slice);
          this.remaining -= n;
          i += n;
          if (this.remaining === 0) {
            const problem = this.onChunkData();
            if (problem) return problem;
            this.state = 'data-end';
            this.endBytes = 0;
          }
          break;
        }
        case 'data-end':
        case 'final-end':
        case 'done': {
          // Exactly CRLF after data and after the last chunk; nothing but CRLF once done.
          const byte = buf[i];
          const expected = this.endBytes === 0 ? 0x0d : 0x0a;
          if (byte !== expected && !(this.state === 'done' && (byte === 0x0d || byte === 0x0a))) {
            return this.fail('MalformedChunkedBody', 'expected CRLF');
          }
          i++;
          this.endBytes = byte === 0x0d ? 1 : 0;
          if (byte === 0x0a && this.state === 'data-end') this.state = 'size-line';
          else if (byte === 0x0a && this.state === 'final-end') this.state = 'done';
          break;
        }
      }
    }
    return undefined;
  }

  private onSizeLine(text: string): AuthFailure | undefined {
    const m = /^([0-9a-fA-F]{1,16})(?:;(.*))?$/.exec(text);
    if (!m?.[1]) return this.fail('MalformedChunkedBody', 'bad chunk header');
    const size = Number.parseInt(m[1], 16);
    if (this.payload.signed) {
      const sig = /^chunk-signature=([0-9a-f]{64})$/.exec(m[2] ?? '');
      if (!sig?.[1]) return this.fail('MalformedChunkedBody', 'missing chunk-signature');
      this.chunkSignature = sig[1];
    }
    this.chunkIndex++;
    if (size > 0 && this.previousChunkSize >= 0 && this.previousChunkSize < this.minChunkSize) {
      return authFailure('InvalidChunkSize', {
        chunk: this.chunkIndex - 1,
        chunkSize: this.previousChunkSize,
      });
    }
    if (this.decodedBytes + size > this.payload.decodedContentLength) {
      return this.fail('IncompleteBody', 'more data than x-amz-decoded-content-length');
    }
    if (size === 0) {
      const problem = this.verifyChunk(EMPTY_SHA256);
      if (problem) return problem;
      this.state = this.payload.trailer ? 'trailer-line' : 'final-end';
      this.endBytes = 0;
      return undefined;
    }
    this.previousChunkSize = size;
    this.remaining = size;
    this.hash = this.payload.signed ? createHash('sha256') : undefined;
    this.state = 'data';
    return undefined;
  }

  private onChunkData(): AuthFailure | undefined {
    const digest = this.hash?.digest('hex');
    this.hash = undefined;
    return digest === undefined ? undefined : this.verifyChunk(digest);
  }

  // String to sign: AWS4-HMAC-SHA256-PAYLOAD, date, scope, previous signature, hash(''), hash(data).
  private verifyChunk(dataHash: string): AuthFailure | undefined {
    if (!this.signing) return undefined;
    const { signingKey, requestDate, scope } = this.signing;
    const stringToSign = `AWS4-HMAC-SHA256-PAYLOAD\n${requestDate}\n${scope}\n${this.previousSignature}\n${EMPTY_SHA256}\n${dataHash}`;
    if (!signaturesEqual(signHex(signingKey, stringToSign), this.chunkSignature)) {
      return authFailure('ChunkSignatureDoesNotMatch', {
        chunk: this.chunkIndex,
        stringToSign,
        signatureProvided: this.chunkSignature,
      });
    }
    this.previousSignature = this.chunkSignature;
    return undefined;
  }

  private onTrailerLine(text: string): AuthFailure | undefined {
    if (text === '') {
      const problem = this.checkTrailers();
      if (problem) return problem;
      this.state = 'done';
      this.endBytes = 0;
      return undefined;
    }
    if (this.trailerSignatureSeen)
      return this.fail('MalformedChunkedBody', 'trailer after x-amz-trailer-signature');
    const colon = text.indexOf(':');
    if (colon <= 0) return this.fail('MalformedChunkedBody', 'bad trailer line');
    const name = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).trim();
    if (name !== 'x-amz-trailer-signature') {
      this.trailers[name] = value;
      this.canonicalTrailers += `${name}:${value}\n`;
      return undefined;
    }
    this.trailerSignatureSeen = true;
    if (!this.signing) return undefined;
    // String to sign: AWS4-HMAC-SHA256-TRAILER, date, scope, last chunk signature, hash(trailers).
    const { signingKey, requestDate, scope } = this.signing;
    const stringToSign = `AWS4-HMAC-SHA256-TRAILER\n${requestDate}\n${scope}\n${this.previousSignature}\n${sha256Hex(this.canonicalTrailers)}`;
    if (!signaturesEqual(signHex(signingKey, stringToSign), value)) {
      return authFailure('ChunkSignatureDoesNotMatch', { stringToSign, signatureProvided: value });
    }
    return undefined;
  }

  private checkTrailers(): AuthFailure | undefined {
    if (this.payload.signed && !this.trailerSignatureSeen)
      return this.fail('MalformedChunkedBody', 'missing x-amz-trailer-signature');
    const absent = this.payload.trailerNames.filter((name) => !(name in this.trailers));
    if (absent.length > 0) return this.fail('MalformedChunkedBody', `missing trailer ${absent.join(', ')}`);
    return undefined;
  }

  private finish(): AuthFailure | undefined {
    const atEnd =
      this.state === 'done' ||
      // Tolerate a body that stops right after the last chunk or the last trailer line.
      (this.state === 'final-end' && this.endBytes === 0) ||
      (this.state === 'trailer-line' && this.lineLength === 0 && this.checkTrailers() === undefined);
    if (!atEnd) return this.fail('IncompleteBody', 'body ended inside a chunk');
    if (this.decodedBytes !== this.payload.decodedContentLength) {
      return this.fail('IncompleteBody', 'fewer bytes than x-amz-decoded-content-length');
    }
    return undefined;
  }

  private fail(kind: AuthFailureKind, reason: string): AuthFailure {
    return authFailure(kind, { chunk: this.chunkIndex, reason });
  }
}
