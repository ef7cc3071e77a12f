import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createS3Oracle, textOf } from './test-fixture.js';

// Object operations through the real SDK v3: it serializes, we parse and answer, it reads our answer.

const when = new Date('2026-11-23T10:00:00.000Z');
const etag = '"9bb58f26192e4ba00f01e2e7b136bbd8"';

describe('S3 object operations, SDK v3 round trips', () => {
  it('PutObject: key with slashes and spaces, metadata, content headers, tagging, checksum; body stays a stream', async () => {
    const oracle = createS3Oracle();
    let body = '';
    oracle.respond(async (input) => {
      body = await textOf(input.Body);
      return { ETag: etag, ChecksumCRC32: 'AAAAAA==', VersionId: 'v1', ServerSideEncryption: 'AES256' };
    });
    const out = await oracle.client.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'dir/sub dir/a+b%.txt',
        Body: 'hello world',
        ContentType: 'text/plain',
        CacheControl: 'no-cache',
        ContentDisposition: 'attachment; filename="a.txt"',
        ContentLanguage: 'en',
        Expires: when,
        Metadata: { Colour: 'blue', 'x-long': 'a, b' },
        Tagging: 'team=blue&env=dev',
        StorageClass: 'STANDARD_IA',
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    const { operation, input } = oracle.last();
    expect(operation).toBe('PutObject');
    expect(input.Body).toBeInstanceOf(Readable);
    expect(body).toBe('hello world');
    expect(input).toMatchObject({
      Bucket: 'b',
      Key: 'dir/sub dir/a+b%.txt',
      ContentType: 'text/plain',
      CacheControl: 'no-cache',
      ContentDisposition: 'attachment; filename="a.txt"',
      ContentLanguage: 'en',
      ContentLength: 11,
      Expires: when.toUTCString(),
      Metadata: { colour: 'blue', 'x-long': 'a, b' },
      Tagging: 'team=blue&env=dev',
      StorageClass: 'STANDARD_IA',
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
    });
    expect(out).toMatchObject({
      ETag: etag,
      ChecksumCRC32: 'AAAAAA==',
      VersionId: 'v1',
      ServerSideEncryption: 'AES256',
    });
  });

  it('PutObject of a stream: the SDK sends aws-chunked with a trailing checksum; the object length is the decoded one', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({ ETag: etag }));
    await oracle.client.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'k',
        Body: Readable.from([Buffer.from('hello '), Buffer.from('stream')]),
        ContentLength: 12,
        ContentEncoding: 'gzip',
      }),
    );
    const { request, input } = oracle.last();
    expect(request.headers['content-encoding']).toMatch(/aws-chunked/);
    expect(request.headers['x-amz-decoded-content-length']).toBe('12');
    expect(input).toMatchObject({ ContentLength: 12, ContentEncoding: 'gzip', ChecksumAlgorithm: 'CRC32' });
  });

  it('PutObject with Content-MD5 and the ACL header', async () => {
    const oracle = createS3Oracle({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    oracle.respond(() => ({ ETag: etag }));
    await oracle.client.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'k',
        Body: new Uint8Array([1, 2, 3]),
        ContentMD5: 'Uonfc331cyb83SJZevsfrA==',
        ACL: 'bucket-owner-full-control',
      }),
    );
    expect(oracle.last().input).toMatchObject({
      ContentMD5: 'Uonfc331cyb83SJZevsfrA==',
      ACL: 'bucket-owner-full-control',
      ContentLength: 3,
    });
    expect(oracle.last().input.ChecksumCRC32).toBeUndefined();
  });

  it('GetObject: range, response-* overrides and conditions in; 206, headers, metadata and the stream out', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      Body: Readable.from([Buffer.from('llo')]),
      ContentRange: 'bytes 2-4/11',
      ContentLength: 3,
      ContentType: 'text/plain',
      ETag: etag,
      LastModified: when,
      AcceptRanges: 'bytes',
      Metadata: { colour: 'blue', naïve: 'café' },
      TagCount: 2,
      VersionId: 'v1',
      PartsCount: 3,
    }));
    const out = await oracle.client.send(
      new GetObjectCommand({
        Bucket: 'b',
        Key: 'dir/k',
        Range: 'bytes=2-4',
        IfMatch: etag,
        IfModifiedSince: new Date('2020-01-01T00:00:00Z'),
        ResponseContentType: 'application/json',
        ResponseContentDisposition: 'inline',
        ResponseExpires: when,
        VersionId: 'v1',
        PartNumber: 2,
      }),
    );
    const { input, response } = oracle.last();
    expect(input).toMatchObject({
      Bucket: 'b',
      Key: 'dir/k',
      Range: 'bytes=2-4',
      IfMatch: etag,
      IfModifiedSince: new Date('2020-01-01T00:00:00Z'),
      ResponseContentType: 'application/json',
      ResponseContentDisposition: 'inline',
      ResponseExpires: when,
      VersionId: 'v1',
      PartNumber: 2,
    });
    expect(response.status).toBe(206);
    expect(response.headers['last-modified']).toBe('Mon, 23 Nov 2026 10:00:00 GMT');
    // A metadata name that cannot be a header name is not sent (node:http would refuse it).
    expect(Object.keys(response.headers).filter((h) => h.startsWith('x-amz-meta-'))).toEqual([
      'x-amz-meta-colour',
    ]);
    expect(out.ContentRange).toBe('bytes 2-4/11');
    expect(out.ContentLength).toBe(3);
    expect(out.ETag).toBe(etag);
    expect(out.LastModified).toEqual(when);
    expect(out.TagCount).toBe(2);
    expect(out.PartsCount).toBe(3);
    expect(out.Metadata?.colour).toBe('blue');
    expect(await out.Body?.transformToString()).toBe('llo');
  });

  it('GetObject without a range answers 200; metadata beyond ASCII goes RFC 2047-encoded and comes back', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      Body: Readable.from([Buffer.from('x')]),
      ContentLength: 1,
      Metadata: { city: 'Zürich' },
    }));
    const out = await oracle.client.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
    expect(oracle.last().response.status).toBe(200);
    expect(oracle.last().response.headers['x-amz-meta-city']).toBe('=?UTF-8?B?WsO8cmljaA==?=');
    expect(out.Metadata?.city).toBe('=?UTF-8?B?WsO8cmljaA==?=');

    oracle.respond(() => ({}));
    await oracle.client.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'k',
        Body: 'x',
        Metadata: { city: '=?UTF-8?B?WsO8cmljaA==?=' },
      }),
    );
    expect(oracle.last().input.Metadata).toEqual({ city: 'Zürich' });
  });

  it('HeadObject: headers only, Content-Length kept', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      ContentLength: 1024,
      ETag: etag,
      LastModified: when,
      DeleteMarker: false,
      StorageClass: 'STANDARD_IA',
    }));
    const out = await oracle.client.send(
      new HeadObjectCommand({ Bucket: 'b', Key: 'k', ChecksumMode: 'ENABLED' }),
    );
    expect(oracle.last().operation).toBe('HeadObject');
    expect(oracle.last().input).toMatchObject({ ChecksumMode: 'ENABLED' });
    expect(oracle.last().response.headers['content-length']).toBe('1024');
    expect(out).toMatchObject({
      ContentLength: 1024,
      ETag: etag,
      LastModified: when,
      StorageClass: 'STANDARD_IA',
    });
  });

  it('ListObjectsV2: query members in, contents and common prefixes out, encoding-type url', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      Name: 'b',
      Prefix: 'photos/',
      Delimiter: '/',
      MaxKeys: 2,
      EncodingType: 'url',
      KeyCount: 2,
      IsTruncated: true,
      NextContinuationToken: 'tok 2',
      ContinuationToken: 'tok 1',
      StartAfter: 'photos/a',
      Contents: [
        {
          Key: 'photos/a%20b.jpg',
          LastModified: when,
          ETag: etag,
          Size: 10,
          StorageClass: 'STANDARD',
          Owner: { ID: 'abc' },
        },
      ],
      CommonPrefixes: [{ Prefix: 'photos/2026/' }],
    }));
    const out = await oracle.client.send(
      new ListObjectsV2Command({
        Bucket: 'b',
        Prefix: 'photos/',
        Delimiter: '/',
        MaxKeys: 2,
        EncodingType: 'url',
        ContinuationToken: 'tok 1',
        StartAfter: 'photos/a',
        FetchOwner: true,
      }),
    );
    const { operation, input, response } = oracle.last();
    expect(operation).toBe('ListObjectsV2');
    expect(input).toEqual({
      Bucket: 'b',
      Prefix: 'photos/',
      Delimiter: '/',
      MaxKeys: 2,
      EncodingType: 'url',
      ContinuationToken: 'tok 1',
      StartAfter: 'photos/a',
      FetchOwner: true,
    });
    expect(response.body).toContain(
      '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>true</IsTruncated><Contents>',
    );
    expect(response.body).toContain('<ETag>&quot;9bb58f26192e4ba00f01e2e7b136bbd8&quot;</ETag>');
    // The SDK v3 leaves url-encoded keys as they are.
    expect(out.Contents).toEqual([
      {
        Key: 'photos/a%20b.jpg',
        LastModified: when,
        ETag: etag,
        Size: 10,
        StorageClass: 'STANDARD',
        Owner: { ID: 'abc' },
      },
    ]);
    expect(out.CommonPrefixes).toEqual([{ Prefix: 'photos/2026/' }]);
    expect(out).toMatchObject({ IsTruncated: true, KeyCount: 2, NextContinuationToken: 'tok 2', MaxKeys: 2 });
  });

  it('ListObjects v1: marker in, empty Prefix and Marker elements and NextMarker out', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      Name: 'b',
      Prefix: '',
      Marker: '',
      MaxKeys: 1000,
      IsTruncated: false,
      Contents: [{ Key: 'a', Size: 0, LastModified: when, ETag: etag }],
    }));
    const out = await oracle.client.send(new ListObjectsCommand({ Bucket: 'b', Marker: 'm', MaxKeys: 1000 }));
    expect(oracle.last().operation).toBe('ListObjects');
    expect(oracle.last().input).toEqual({ Bucket: 'b', Marker: 'm', MaxKeys: 1000 });
    expect(oracle.last().response.body).toContain('<Marker></Marker>');
    expect(out.Contents?.[0]?.Key).toBe('a');
    expect(out.IsTruncated).toBe(false);
  });

  it('DeleteObjects: the flattened Object list and Quiet in; Deleted and Error out', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      Deleted: [{ Key: 'a', VersionId: 'v1', DeleteMarker: true, DeleteMarkerVersionId: 'dm' }],
      Errors: [{ Key: 'b', Code: 'AccessDenied', Message: 'Access Denied' }],
    }));
    const out = await oracle.client.send(
      new DeleteObjectsCommand({
        Bucket: 'b',
        Delete: { Objects: [{ Key: 'a', VersionId: 'v1' }, { Key: 'b <&>' }], Quiet: true },
      }),
    );
    expect(oracle.last().operation).toBe('DeleteObjects');
    expect(oracle.last().input).toMatchObject({
      Bucket: 'b',
      Delete: { Objects: [{ Key: 'a', VersionId: 'v1' }, { Key: 'b <&>' }], Quiet: true },
    });
    expect(oracle.last().response.body).toContain(
      '<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Deleted><Key>a</Key>',
    );
    expect(out.Deleted).toEqual([
      { Key: 'a', VersionId: 'v1', DeleteMarker: true, DeleteMarkerVersionId: 'dm' },
    ]);
    expect(out.Errors).toEqual([{ Key: 'b', Code: 'AccessDenied', Message: 'Access Denied' }]);
  });

  it('DeleteObject answers 204 with its headers', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({ DeleteMarker: true, VersionId: 'v9' }));
    const out = await oracle.client.send(new DeleteObjectCommand({ Bucket: 'b', Key: 'k', VersionId: 'v8' }));
    expect(oracle.last().operation).toBe('DeleteObject');
    expect(oracle.last().input).toEqual({ Bucket: 'b', Key: 'k', VersionId: 'v8' });
    expect(oracle.last().response.status).toBe(204);
    expect(out).toMatchObject({ DeleteMarker: true, VersionId: 'v9' });
  });

  it('CopyObject: x-amz-copy-source picks the operation; CopyObjectResult out', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      CopyObjectResult: { ETag: etag, LastModified: when },
      CopySourceVersionId: 'sv',
    }));
    const out = await oracle.client.send(
      new CopyObjectCommand({
        Bucket: 'dst',
        Key: 'copy',
        CopySource: 'src/dir/a%20b.txt?versionId=sv',
        MetadataDirective: 'REPLACE',
        Metadata: { k: 'v' },
        CopySourceIfMatch: etag,
        CopySourceIfUnmodifiedSince: when,
        TaggingDirective: 'COPY',
      }),
    );
    const { operation, input, response } = oracle.last();
    expect(operation).toBe('CopyObject');
    expect(input).toMatchObject({
      Bucket: 'dst',
      Key: 'copy',
      CopySource: 'src/dir/a%20b.txt?versionId=sv',
      MetadataDirective: 'REPLACE',
      Metadata: { k: 'v' },
      CopySourceIfMatch: etag,
      CopySourceIfUnmodifiedSince: when,
      TaggingDirective: 'COPY',
    });
    expect(response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<ETag>&quot;9bb58f26192e4ba00f01e2e7b136bbd8&quot;</ETag><LastModified>2026-11-23T10:00:00.000Z</LastModified></CopyObjectResult>',
    );
    expect(out.CopyObjectResult).toEqual({ ETag: etag, LastModified: when });
    expect(out.CopySourceVersionId).toBe('sv');
  });

  it('object tagging: the Tagging document in, TagSet out', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({ VersionId: 'v1' }));
    await oracle.client.send(
      new PutObjectTaggingCommand({ Bucket: 'b', Key: 'k', Tagging: { TagSet: [{ Key: 'a', Value: '1' }] } }),
    );
    expect(oracle.last().operation).toBe('PutObjectTagging');
    expect(oracle.last().input).toMatchObject({ Key: 'k', Tagging: { TagSet: [{ Key: 'a', Value: '1' }] } });

    oracle.respond(() => ({ TagSet: [{ Key: 'a', Value: '1' }], VersionId: 'v1' }));
    const out = await oracle.client.send(new GetObjectTaggingCommand({ Bucket: 'b', Key: 'k' }));
    expect(out.TagSet).toEqual([{ Key: 'a', Value: '1' }]);
    expect(out.VersionId).toBe('v1');
  });
});
