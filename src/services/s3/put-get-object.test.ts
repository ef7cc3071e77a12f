import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getObject, headObject } from './get-object.js';
import {
  bodyOf,
  bytesOf,
  DEVELOPMENT,
  DEVELOPMENT_ID,
  NOW,
  type ObjectFixture,
  openObjectFixture,
  PRODUCTION,
  PRODUCTION_ID,
  rejection,
} from './object-test-fixture.js';
import { putObject } from './put-object.js';

let s3: ObjectFixture;
beforeEach(async () => {
  s3 = await openObjectFixture();
  await s3.bucket('plain');
});
afterEach(() => s3.close());

const md5Hex = (text: string) => createHash('md5').update(text).digest('hex');
const md5Base64 = (text: string) => createHash('md5').update(text).digest('base64');
const crc32Base64 = (text: string) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(Buffer.from(text)) >>> 0);
  return bytes.toString('base64');
};

/** GetObject with its body read whole, so no stream is left open. */
async function read(input: Parameters<typeof getObject>[0], options?: { account?: string }) {
  const out = await s3.call(getObject, input, options);
  return { ...out, text: (await bytesOf(out.Body)).toString() };
}

function put(key: string, text: string, extra: Record<string, unknown> = {}) {
  return s3.call(putObject, {
    Bucket: 'plain',
    Key: key,
    Body: bodyOf(text),
    ContentLength: Buffer.byteLength(text),
    ...extra,
  });
}

describe('PutObject and GetObject', () => {
  it('stores the bytes, quoted MD5 ETag, metadata, content headers, tags and storage class', async () => {
    const out = await put('dir/a b.txt', 'hello world', {
      ContentType: 'text/plain',
      CacheControl: 'no-cache',
      ContentDisposition: 'attachment',
      ContentLanguage: 'en',
      Expires: NOW.toUTCString(),
      Metadata: { colour: 'blue' },
      Tagging: 'team=blue&env=dev',
      StorageClass: 'STANDARD_IA',
    });
    expect(out).toMatchObject({ ETag: `"${md5Hex('hello world')}"`, ServerSideEncryption: 'AES256' });
    expect(out.VersionId).toBeUndefined();
    const got = await read({ Bucket: 'plain', Key: 'dir/a b.txt' });
    expect(got.text).toBe('hello world');
    expect(got).toMatchObject({
      ContentLength: 11,
      ETag: `"${md5Hex('hello world')}"`,
      ContentType: 'text/plain',
      CacheControl: 'no-cache',
      ContentDisposition: 'attachment',
      ContentLanguage: 'en',
      Expires: NOW.toUTCString(),
      Metadata: { colour: 'blue' },
      StorageClass: 'STANDARD_IA',
      TagCount: 2,
      AcceptRanges: 'bytes',
      LastModified: NOW,
    });
    expect(got.VersionId).toBeUndefined();
  });

  it('answers binary/octet-stream for an object stored without a type, and omits STANDARD', async () => {
    await put('k', 'x');
    const head = await s3.call(headObject, { Bucket: 'plain', Key: 'k' });
    expect(head.ContentType).toBe('binary/octet-stream');
    expect(head.StorageClass).toBeUndefined();
    expect(head).not.toHaveProperty('Body');
  });

  it('replaces the null version of an unversioned bucket and removes the replaced body', async () => {
    await put('k', 'first');
    const before = await s3.store.getObject('plain', 'k');
    await put('k', 'second');
    const after = await s3.store.getObject('plain', 'k');
    expect(after?.versionId).toBe('null');
    expect(after?.bodyId).not.toBe(before?.bodyId);
    expect((await read({ Bucket: 'plain', Key: 'k' })).text).toBe('second');
    // The replaced body is gone from the body store.
    expect(await s3.bodyKept(before?.bodyId as string)).toBe(false);
  });

  it('computes CRC64NVME by default and the named or stated checksum otherwise', async () => {
    const plain = await put('k', 'hello');
    expect(plain.ChecksumCRC64NVME).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    expect(plain.ChecksumType).toBe('FULL_OBJECT');
    const stated = await put('k', 'hello', { ChecksumCRC32: crc32Base64('hello') });
    expect(stated.ChecksumCRC32).toBe(crc32Base64('hello'));
    expect(stated.ChecksumCRC64NVME).toBeUndefined();
    const named = await put('k', 'hello', { ChecksumAlgorithm: 'SHA256' });
    expect(named.ChecksumSHA256).toBe(createHash('sha256').update('hello').digest('base64'));
    const got = await read({ Bucket: 'plain', Key: 'k', ChecksumMode: 'ENABLED' });
    expect(got.ChecksumSHA256).toBe(named.ChecksumSHA256);
    expect((await read({ Bucket: 'plain', Key: 'k' })).ChecksumSHA256).toBeUndefined();
  });

  it('checks the trailing checksum the signature promised, named by the SDK algorithm header', async () => {
    const out = await s3.call(
      putObject,
      { Bucket: 'plain', Key: 'k', Body: bodyOf('hello'), ContentLength: 5, ChecksumAlgorithm: 'CRC32' },
      { payload: { checksums: { CRC32: crc32Base64('hello') } } },
    );
    expect(out.ChecksumCRC32).toBe(crc32Base64('hello'));
    const bad = await rejection(
      s3.call(
        putObject,
        { Bucket: 'plain', Key: 'k', Body: bodyOf('hello'), ContentLength: 5, ChecksumAlgorithm: 'CRC32' },
        { payload: { checksums: { CRC32: crc32Base64('other') } } },
      ),
    );
    expect([bad.code, bad.status, bad.awsMessage]).toEqual([
      'BadDigest',
      400,
      'The CRC32 you specified did not match the calculated checksum.',
    ]);
  });

  it('refuses bodies that do not match Content-MD5, x-amz-checksum-*, the signed SHA-256 or the length', async () => {
    const md5 = await rejection(put('k', 'hello', { ContentMD5: md5Base64('other') }));
    expect([md5.code, md5.status, md5.awsMessage]).toEqual([
      'BadDigest',
      400,
      'The Content-MD5 you specified did not match what we received.',
    ]);
    const invalidMd5 = await rejection(put('k', 'hello', { ContentMD5: 'nope' }));
    expect([invalidMd5.code, invalidMd5.awsMessage]).toEqual([
      'InvalidDigest',
      'The Content-MD5 you specified is not valid.',
    ]);
    const crc = await rejection(put('k', 'hello', { ChecksumCRC32: crc32Base64('other') }));
    expect(crc.awsMessage).toBe('The CRC32 you specified did not match the calculated checksum.');
    const malformed = await rejection(put('k', 'hello', { ChecksumCRC32: 'AAAAAAAA' }));
    expect([malformed.code, malformed.awsMessage]).toEqual([
      'InvalidRequest',
      'Value for x-amz-checksum-crc32 header is invalid.',
    ]);
    const two = await rejection(
      put('k', 'hello', {
        ChecksumCRC32: crc32Base64('hello'),
        ChecksumSHA1: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      }),
    );
    expect(two.awsMessage).toBe(
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
    const sha = await rejection(
      s3.call(
        putObject,
        { Bucket: 'plain', Key: 'k', Body: bodyOf('hello'), ContentLength: 5 },
        { payload: { sha256Hex: createHash('sha256').update('other').digest('hex') } },
      ),
    );
    expect(sha.code).toBe('XAmzContentSHA256Mismatch');
    expect(sha.extra?.S3ComputedContentSHA256).toBe(createHash('sha256').update('hello').digest('hex'));
    const short = await rejection(put('k', 'hello', { ContentLength: 10 }));
    expect([short.code, short.awsMessage]).toEqual([
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
    ]);
    // Nothing of the refused writes was kept.
    expect(await s3.store.getObject('plain', 'k')).toBeUndefined();
  });

  it('refuses keys over 1,024 bytes, metadata over 2 KB, bad storage classes and tag headers', async () => {
    expect((await rejection(put('k'.repeat(1025), 'x'))).code).toBe('KeyTooLongError');
    expect((await rejection(put('k', 'x', { Metadata: { big: 'v'.repeat(2048) } }))).code).toBe(
      'MetadataTooLarge',
    );
    const storage = await rejection(put('k', 'x', { StorageClass: 'OUTPOSTS' }));
    expect([storage.code, storage.awsMessage]).toEqual([
      'InvalidStorageClass',
      'The storage class you specified is not valid',
    ]);
    const many = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&');
    const tags = await rejection(put('k', 'x', { Tagging: many }));
    expect([tags.code, tags.awsMessage]).toEqual(['BadRequest', 'Object tags cannot be greater than 10']);
    expect((await rejection(put('k', 'x', { Tagging: 'a=1&a=2' }))).code).toBe('InvalidArgument');
    expect((await rejection(put('k', 'x', { Tagging: 'aws:x=1' }))).code).toBe('InvalidTag');
  });

  it('answers NoSuchBucket and NoSuchKey with their extras', async () => {
    const bucket = await rejection(s3.call(getObject, { Bucket: 'missing', Key: 'k' }));
    expect([bucket.code, bucket.status, bucket.extra]).toEqual([
      'NoSuchBucket',
      404,
      { BucketName: 'missing' },
    ]);
    const key = await rejection(s3.call(getObject, { Bucket: 'plain', Key: 'nope' }));
    expect([key.code, key.status, key.awsMessage, key.extra]).toEqual([
      'NoSuchKey',
      404,
      'The specified key does not exist.',
      { Key: 'nope' },
    ]);
  });
});

describe('conditional writes', () => {
  it('If-None-Match: * refuses an existing key; If-Match needs the current ETag', async () => {
    await put('k', 'one', { IfNoneMatch: '*' });
    const exists = await rejection(put('k', 'two', { IfNoneMatch: '*' }));
    expect([exists.code, exists.status, exists.extra]).toEqual([
      'PreconditionFailed',
      412,
      { Condition: 'If-None-Match' },
    ]);
    const wrong = await rejection(put('k', 'two', { IfMatch: '"0000"' }));
    expect([wrong.code, wrong.extra]).toEqual(['PreconditionFailed', { Condition: 'If-Match' }]);
    await put('k', 'two', { IfMatch: `"${md5Hex('one')}"` });
    expect((await rejection(put('absent', 'x', { IfMatch: '*' }))).code).toBe('NoSuchKey');
    expect((await rejection(put('k', 'x', { IfNoneMatch: '"abc"' }))).code).toBe('NotImplemented');
  });
});

describe('GetObject ranges and parts', () => {
  beforeEach(async () => {
    await put('digits', '0123456789');
  });
  const get = (extra: Record<string, unknown>) => read({ Bucket: 'plain', Key: 'digits', ...extra });

  it('answers closed, open and suffix ranges with Content-Range', async () => {
    for (const [range, bytes, contentRange] of [
      ['bytes=2-4', '234', 'bytes 2-4/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-3', '789', 'bytes 7-9/10'],
      ['bytes=8-100', '89', 'bytes 8-9/10'],
      ['bytes=-20', '0123456789', 'bytes 0-9/10'],
    ]) {
      const out = await get({ Range: range });
      expect(out.text).toBe(bytes);
      expect([out.ContentRange, out.ContentLength]).toEqual([contentRange, bytes?.length]);
    }
  });

  it('answers 416 InvalidRange for a range past the end, and ignores what is not a single range', async () => {
    const past = await rejection(get({ Range: 'bytes=10-' }));
    expect([past.code, past.status, past.awsMessage, past.extra, past.headers]).toEqual([
      'InvalidRange',
      416,
      'The requested range is not satisfiable',
      { RangeRequested: 'bytes=10-', ActualObjectSize: '10' },
      { 'content-range': 'bytes */10' },
    ]);
    expect((await rejection(get({ Range: 'bytes=-0' }))).code).toBe('InvalidRange');
    for (const ignored of ['bytes=5-2', 'items=0-1', 'bytes=0-1,3-4']) {
      const out = await get({ Range: ignored });
      expect([out.ContentRange, out.ContentLength]).toEqual([undefined, 10]);
    }
  });

  it('partNumber 1 of an object uploaded whole is the object; a Range with it is refused', async () => {
    const whole = await get({ PartNumber: 1 });
    expect(whole.ContentLength).toBe(10);
    const two = await rejection(get({ PartNumber: 2 }));
    expect([two.code, two.status]).toEqual(['InvalidPartNumber', 416]);
    const both = await rejection(get({ PartNumber: 1, Range: 'bytes=0-1' }));
    expect([both.code, both.awsMessage]).toEqual([
      'InvalidRequest',
      'Cannot specify both Range header and partNumber query parameter',
    ]);
  });

  it('response-* parameters override the stored headers, for signed requests only', async () => {
    const out = await get({
      ResponseContentType: 'text/csv',
      ResponseContentDisposition: 'inline',
      ResponseExpires: NOW,
    });
    expect(out).toMatchObject({
      ContentType: 'text/csv',
      ContentDisposition: 'inline',
      Expires: NOW.toUTCString(),
    });
    const anonymous = await rejection(
      read({ Bucket: 'plain', Key: 'digits', ResponseContentType: 'text/csv' }, { account: '' }),
    );
    expect([anonymous.code, anonymous.awsMessage]).toEqual([
      'InvalidRequest',
      'Request specific response headers cannot be used for anonymous GET requests.',
    ]);
  });
});

describe('GetObject conditions', () => {
  const etag = `"${md5Hex('0123456789')}"`;
  const earlier = new Date(NOW.getTime() - 60_000);
  const later = new Date(NOW.getTime() + 60_000);
  beforeEach(async () => {
    await put('digits', '0123456789');
  });
  const get = (extra: Record<string, unknown>) => read({ Bucket: 'plain', Key: 'digits', ...extra });

  it('412 for a false If-Match or If-Unmodified-Since, 304 with validators for If-None-Match or If-Modified-Since', async () => {
    const match = await rejection(get({ IfMatch: '"nope"' }));
    expect([match.code, match.status, match.extra]).toEqual([
      'PreconditionFailed',
      412,
      { Condition: 'If-Match' },
    ]);
    const unmodified = await rejection(get({ IfUnmodifiedSince: earlier }));
    expect(unmodified.extra).toEqual({ Condition: 'If-Unmodified-Since' });
    const none = await rejection(get({ IfNoneMatch: etag }));
    expect([none.code, none.status, none.headers]).toEqual([
      'NotModified',
      304,
      { etag, 'last-modified': NOW.toUTCString() },
    ]);
    expect((await rejection(get({ IfModifiedSince: NOW }))).status).toBe(304);
    expect((await get({ IfModifiedSince: earlier })).ContentLength).toBe(10);
    expect((await get({ IfMatch: `"x", ${etag}`, IfUnmodifiedSince: later })).ContentLength).toBe(10);
  });

  it("applies S3's precedence: a true If-Match overrides If-Unmodified-Since, If-None-Match overrides If-Modified-Since", async () => {
    expect((await get({ IfMatch: etag, IfUnmodifiedSince: earlier })).ContentLength).toBe(10);
    expect((await get({ IfNoneMatch: '"other"', IfModifiedSince: later })).ContentLength).toBe(10);
    expect((await rejection(get({ IfNoneMatch: etag, IfModifiedSince: earlier }))).status).toBe(304);
    // 412 is decided before 304.
    expect((await rejection(get({ IfMatch: '"x"', IfNoneMatch: etag }))).status).toBe(412);
  });
});

describe('ownership and ACLs on write', () => {
  it('BucketOwnerEnforced: the bucket owner owns what another account writes; only ACLs granting it alone are accepted', async () => {
    await s3.call(
      putObject,
      { Bucket: 'plain', Key: 'k', Body: bodyOf('x'), ContentLength: 1 },
      { account: DEVELOPMENT },
    );
    const stored = await s3.store.getObject('plain', 'k');
    expect([stored?.ownerAccountId, stored?.acl.ownerId]).toEqual([PRODUCTION, PRODUCTION_ID]);
    await s3.call(putObject, {
      Bucket: 'plain',
      Key: 'k',
      Body: bodyOf('x'),
      ACL: 'bucket-owner-full-control',
    });
    const refused = await rejection(put('k', 'x', { ACL: 'public-read' }));
    expect([refused.code, refused.status, refused.awsMessage]).toEqual([
      'AccessControlListNotSupported',
      400,
      'The bucket does not allow ACLs',
    ]);
    // `private` grants the writer alone: the bucket owner's own account may send it (rclone does on every
    // write), another account may not.
    await put('k', 'x', { ACL: 'private' });
    const foreign = await rejection(
      s3.call(
        putObject,
        { Bucket: 'plain', Key: 'k', Body: bodyOf('x'), ACL: 'private' },
        { account: DEVELOPMENT },
      ),
    );
    expect(foreign.code).toBe('AccessControlListNotSupported');
  });

  it('ObjectWriter: the writer owns it; BucketOwnerPreferred with bucket-owner-full-control hands it over', async () => {
    await s3.bucket('writer', { ownership: 'ObjectWriter' });
    await s3.bucket('preferred', { ownership: 'BucketOwnerPreferred' });
    for (const Bucket of ['writer', 'preferred']) {
      await s3.call(putObject, { Bucket, Key: 'k', Body: bodyOf('x') }, { account: DEVELOPMENT });
      expect((await s3.store.getObject(Bucket, 'k'))?.acl.ownerId).toBe(DEVELOPMENT_ID);
      await s3.call(
        putObject,
        { Bucket, Key: 'full', Body: bodyOf('x'), ACL: 'bucket-owner-full-control' },
        { account: DEVELOPMENT },
      );
    }
    const writer = await s3.store.getObject('writer', 'full');
    expect(writer?.ownerAccountId).toBe(DEVELOPMENT);
    expect(writer?.acl.grants).toContainEqual({
      grantee: { type: 'CanonicalUser', id: PRODUCTION_ID },
      permission: 'FULL_CONTROL',
    });
    expect((await s3.store.getObject('preferred', 'full'))?.ownerAccountId).toBe(PRODUCTION);
  });

  it('refuses a public ACL while Block Public Access blocks public ACLs', async () => {
    await s3.bucket('writer', { ownership: 'ObjectWriter' });
    const blocked = await rejection(
      s3.call(putObject, { Bucket: 'writer', Key: 'k', Body: bodyOf('x'), ACL: 'public-read' }),
    );
    expect([blocked.code, blocked.status]).toEqual(['AccessDenied', 403]);
    await s3.bucket('open', { ownership: 'ObjectWriter', publicAcls: true });
    await s3.call(putObject, { Bucket: 'open', Key: 'k', Body: bodyOf('x'), ACL: 'public-read' });
  });
});
