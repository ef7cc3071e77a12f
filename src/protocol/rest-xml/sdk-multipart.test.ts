import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createS3Oracle, textOf } from './test-fixture.js';

// Multipart uploads through the real SDK v3.

const when = new Date('2026-11-23T10:00:00.000Z');
const etag = '"3858f62230ac3c915f300c664312c11f-2"';

describe('S3 multipart operations, SDK v3 round trips', () => {
  it('CreateMultipartUpload: ?uploads on an object; InitiateMultipartUploadResult out', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({ Bucket: 'b', Key: 'big', UploadId: 'up-1', ChecksumAlgorithm: 'CRC32' }));
    const out = await oracle.client.send(
      new CreateMultipartUploadCommand({
        Bucket: 'b',
        Key: 'big',
        ContentType: 'video/mp4',
        Metadata: { a: '1' },
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    const { operation, input, response } = oracle.last();
    expect(operation).toBe('CreateMultipartUpload');
    expect(input).toMatchObject({ Bucket: 'b', Key: 'big', ContentType: 'video/mp4', Metadata: { a: '1' } });
    expect(response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Bucket>b</Bucket><Key>big</Key><UploadId>up-1</UploadId></InitiateMultipartUploadResult>',
    );
    expect(response.headers['x-amz-checksum-algorithm']).toBe('CRC32');
    expect(out).toMatchObject({ Bucket: 'b', Key: 'big', UploadId: 'up-1', ChecksumAlgorithm: 'CRC32' });
  });

  it('UploadPart: partNumber and uploadId pick it over PutObject; the body is a stream', async () => {
    const oracle = createS3Oracle();
    let body = '';
    oracle.respond(async (input) => {
      body = await textOf(input.Body);
      return { ETag: '"p1"' };
    });
    const out = await oracle.client.send(
      new UploadPartCommand({ Bucket: 'b', Key: 'big', UploadId: 'up-1', PartNumber: 1, Body: 'part one' }),
    );
    expect(oracle.last().operation).toBe('UploadPart');
    expect(oracle.last().input).toMatchObject({
      Bucket: 'b',
      Key: 'big',
      UploadId: 'up-1',
      PartNumber: 1,
      ContentLength: 8,
    });
    expect(oracle.last().input.Body).toBeInstanceOf(Readable);
    expect(body).toBe('part one');
    expect(out.ETag).toBe('"p1"');
  });

  it('UploadPartCopy: partNumber, uploadId and x-amz-copy-source; CopyPartResult out', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({ CopyPartResult: { ETag: '"p2"', LastModified: when } }));
    const out = await oracle.client.send(
      new UploadPartCopyCommand({
        Bucket: 'b',
        Key: 'big',
        UploadId: 'up-1',
        PartNumber: 2,
        CopySource: 'src/obj',
        CopySourceRange: 'bytes=0-5242879',
      }),
    );
    expect(oracle.last().operation).toBe('UploadPartCopy');
    expect(oracle.last().input).toMatchObject({
      CopySource: 'src/obj',
      CopySourceRange: 'bytes=0-5242879',
      PartNumber: 2,
    });
    expect(out.CopyPartResult).toEqual({ ETag: '"p2"', LastModified: when });
  });

  it('CompleteMultipartUpload: the flattened Part list in; CompleteMultipartUploadResult out', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      Location: 'http://localhost/b/big',
      Bucket: 'b',
      Key: 'big',
      ETag: etag,
      ChecksumCRC32: 'abcd==',
      ChecksumType: 'COMPOSITE',
      VersionId: 'v1',
    }));
    const out = await oracle.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'b',
        Key: 'big',
        UploadId: 'up-1',
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: '"p1"', ChecksumCRC32: 'AAAAAA==' },
            { PartNumber: 2, ETag: '"p2"' },
          ],
        },
      }),
    );
    const { operation, input, response } = oracle.last();
    expect(operation).toBe('CompleteMultipartUpload');
    expect(input).toMatchObject({
      Bucket: 'b',
      Key: 'big',
      UploadId: 'up-1',
      MultipartUpload: {
        Parts: [
          { PartNumber: 1, ETag: '"p1"', ChecksumCRC32: 'AAAAAA==' },
          { PartNumber: 2, ETag: '"p2"' },
        ],
      },
    });
    expect(response.headers['x-amz-version-id']).toBe('v1');
    expect(out).toMatchObject({
      Location: 'http://localhost/b/big',
      Bucket: 'b',
      Key: 'big',
      ETag: etag,
      VersionId: 'v1',
    });
    expect(out.ChecksumCRC32).toBe('abcd==');
  });

  it('ListParts: GET with uploadId; the flattened Part list out', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      Bucket: 'b',
      Key: 'big',
      UploadId: 'up-1',
      PartNumberMarker: 0,
      NextPartNumberMarker: 2,
      MaxParts: 2,
      IsTruncated: true,
      Parts: [
        { PartNumber: 1, LastModified: when, ETag: '"p1"', Size: 5242880 },
        { PartNumber: 2, LastModified: when, ETag: '"p2"', Size: 1 },
      ],
      Initiator: { ID: 'arn:aws:iam::111111111111:user/alice', DisplayName: 'alice' },
      Owner: { ID: 'abc' },
      StorageClass: 'STANDARD',
    }));
    const out = await oracle.client.send(
      new ListPartsCommand({ Bucket: 'b', Key: 'big', UploadId: 'up-1', MaxParts: 2, PartNumberMarker: '0' }),
    );
    expect(oracle.last().operation).toBe('ListParts');
    // botocore's model makes the request's part-number-marker an integer (the SDK's a string).
    expect(oracle.last().input).toMatchObject({ UploadId: 'up-1', MaxParts: 2, PartNumberMarker: 0 });
    expect(oracle.last().response.body).toContain(
      '<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    );
    expect(out.Parts).toEqual([
      { PartNumber: 1, LastModified: when, ETag: '"p1"', Size: 5242880 },
      { PartNumber: 2, LastModified: when, ETag: '"p2"', Size: 1 },
    ]);
    expect(out).toMatchObject({
      IsTruncated: true,
      NextPartNumberMarker: '2',
      MaxParts: 2,
      StorageClass: 'STANDARD',
    });
  });

  it('ListMultipartUploads: ?uploads on the bucket', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      Bucket: 'b',
      KeyMarker: '',
      UploadIdMarker: '',
      MaxUploads: 1000,
      IsTruncated: false,
      Uploads: [{ UploadId: 'up-1', Key: 'big', Initiated: when, StorageClass: 'STANDARD' }],
    }));
    const out = await oracle.client.send(new ListMultipartUploadsCommand({ Bucket: 'b', Prefix: 'b' }));
    expect(oracle.last().operation).toBe('ListMultipartUploads');
    expect(out.Uploads).toEqual([
      { UploadId: 'up-1', Key: 'big', Initiated: when, StorageClass: 'STANDARD' },
    ]);
  });

  it('AbortMultipartUpload: DELETE with uploadId, 204', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({}));
    await oracle.client.send(new AbortMultipartUploadCommand({ Bucket: 'b', Key: 'big', UploadId: 'up-1' }));
    expect(oracle.last().operation).toBe('AbortMultipartUpload');
    expect(oracle.last().response.status).toBe(204);
  });
});
