import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getObject } from './get-object.js';
import { completeMultipartUpload } from './multipart-complete.js';
import { listParts, uploadPart, uploadPartCopy } from './multipart-parts.js';
import { abortMultipartUpload, createMultipartUpload, listMultipartUploads } from './multipart-uploads.js';
import {
  bodyOf,
  bytesOf,
  type ObjectFixture,
  openObjectFixture,
  PRODUCTION_ID,
  rejection,
} from './object-test-fixture.js';
import { putObject } from './put-object.js';

const MiB = 1024 * 1024;

let s3: ObjectFixture;
beforeEach(async () => {
  s3 = await openObjectFixture();
  await s3.bucket('uploads', { versioning: 'Enabled' });
});
afterEach(() => s3.close());

async function create(Key = 'big', extra: Record<string, unknown> = {}): Promise<string> {
  const out = await s3.call(createMultipartUpload, { Bucket: 'uploads', Key, ...extra });
  return out.UploadId as string;
}

function upload(
  UploadId: string,
  PartNumber: number,
  bytes: Buffer,
  Key = 'big',
  extra: Record<string, unknown> = {},
) {
  return s3.call(uploadPart, {
    Bucket: 'uploads',
    Key,
    UploadId,
    PartNumber,
    Body: bodyOf(bytes),
    ContentLength: bytes.length,
    ...extra,
  });
}

function complete(UploadId: string, Parts: { PartNumber: number; ETag: string }[], Key = 'big') {
  return s3.call(completeMultipartUpload, { Bucket: 'uploads', Key, UploadId, MultipartUpload: { Parts } });
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest();

describe('multipart upload', () => {
  it('three 5 MiB parts and a short one become one object, byte-identical on GET, with S3’s ETag', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1000)];
    const id = await create('big', { ContentType: 'application/zip', Metadata: { m: '1' }, Tagging: 't=1' });
    const etags: string[] = [];
    for (const [i, bytes] of parts.entries()) {
      const out = await upload(id, i + 1, bytes);
      expect(out.ETag).toBe(`"${md5(bytes).toString('hex')}"`);
      etags.push(out.ETag as string);
    }
    const done = await complete(
      id,
      etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })),
    );
    const expected = `"${createHash('md5')
      .update(Buffer.concat(parts.map(md5)))
      .digest('hex')}-4"`;
    expect(done).toMatchObject({
      Bucket: 'uploads',
      Key: 'big',
      ETag: expected,
      ChecksumType: 'FULL_OBJECT',
    });
    expect(done.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/);
    expect(done.ChecksumCRC64NVME).toBeDefined();

    const got = await s3.call(getObject, { Bucket: 'uploads', Key: 'big' });
    const bytes = await bytesOf(got.Body);
    expect(bytes.equals(Buffer.concat(parts))).toBe(true);
    expect(got).toMatchObject({
      ETag: expected,
      ContentLength: 15 * MiB + 1000,
      ContentType: 'application/zip',
      Metadata: { m: '1' },
      TagCount: 1,
    });

    const second = await s3.call(getObject, { Bucket: 'uploads', Key: 'big', PartNumber: 2 });
    expect((await bytesOf(second.Body)).equals(parts[1] as Buffer)).toBe(true);
    expect([second.PartsCount, second.ContentRange]).toEqual([
      4,
      `bytes ${5 * MiB}-${10 * MiB - 1}/${15 * MiB + 1000}`,
    ]);

    // The upload is gone, and with it its parts' bodies.
    expect(await s3.store.getUpload(id)).toBeUndefined();
    const again = await rejection(complete(id, [{ PartNumber: 1, ETag: etags[0] as string }]));
    expect([again.code, again.status, again.extra]).toEqual(['NoSuchUpload', 404, { UploadId: id }]);
  });

  it('refuses parts out of order, parts not uploaded or with another ETag, and small parts but the last', async () => {
    const id = await create();
    const small = await upload(id, 1, Buffer.from('small'));
    const other = await upload(id, 2, Buffer.from('other'));
    const order = await rejection(
      complete(id, [
        { PartNumber: 2, ETag: other.ETag as string },
        { PartNumber: 1, ETag: small.ETag as string },
      ]),
    );
    expect([order.code, order.awsMessage]).toEqual([
      'InvalidPartOrder',
      'The list of parts was not in ascending order. Parts must be ordered by part number.',
    ]);
    const missing = await rejection(complete(id, [{ PartNumber: 3, ETag: small.ETag as string }]));
    expect([missing.code, missing.extra?.PartNumber]).toEqual(['InvalidPart', '3']);
    const wrong = await rejection(complete(id, [{ PartNumber: 1, ETag: other.ETag as string }]));
    expect(wrong.code).toBe('InvalidPart');
    const tooSmall = await rejection(
      complete(id, [
        { PartNumber: 1, ETag: small.ETag as string },
        { PartNumber: 2, ETag: other.ETag as string },
      ]),
    );
    expect([
      tooSmall.code,
      tooSmall.awsMessage,
      tooSmall.extra?.ProposedSize,
      tooSmall.extra?.MinSizeAllowed,
    ]).toEqual([
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed object size.',
      '5',
      String(5 * MiB),
    ]);
    expect((await rejection(complete(id, []))).code).toBe('MalformedXML');
    // A single small part is a whole object; bare ETags are accepted.
    const done = await complete(id, [{ PartNumber: 1, ETag: (small.ETag as string).replaceAll('"', '') }]);
    expect(done.ETag).toMatch(/-1"$/);
  });

  it('refuses part numbers outside 1…10000 and uploads of another key', async () => {
    const id = await create();
    for (const n of [0, 10001]) {
      const error = await rejection(upload(id, n, Buffer.from('x')));
      expect([error.code, error.awsMessage]).toEqual([
        'InvalidArgument',
        'Part number must be an integer between 1 and 10000, inclusive',
      ]);
    }
    expect((await rejection(upload(id, 1, Buffer.from('x'), 'other'))).code).toBe('NoSuchUpload');
  });

  it('a re-uploaded part replaces the earlier one', async () => {
    const id = await create();
    await upload(id, 1, Buffer.from('first'));
    const second = await upload(id, 1, Buffer.from('second'));
    const parts = await s3.call(listParts, { Bucket: 'uploads', Key: 'big', UploadId: id });
    expect(parts.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([[1, second.ETag, 6]]);
  });

  it('COMPOSITE checksums: each part’s CRC32, the object’s is the CRC32 of theirs with -N', async () => {
    const id = await create('k', { ChecksumAlgorithm: 'CRC32' });
    const part = await upload(id, 1, Buffer.from('hello'), 'k');
    expect(part.ChecksumCRC32).toBeDefined();
    const mismatch = await rejection(upload(id, 2, Buffer.from('x'), 'k', { ChecksumAlgorithm: 'SHA256' }));
    expect([mismatch.code, mismatch.awsMessage]).toEqual([
      'InvalidRequest',
      'Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: sha256',
    ]);
    const done = await complete(id, [{ PartNumber: 1, ETag: part.ETag as string }], 'k');
    expect(done.ChecksumType).toBe('COMPOSITE');
    expect(done.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==-1$/);
    const sha = await rejection(create('k', { ChecksumAlgorithm: 'SHA256', ChecksumType: 'FULL_OBJECT' }));
    expect(sha.code).toBe('InvalidRequest');
  });

  it('UploadPartCopy copies a range of an object into a part', async () => {
    await s3.call(putObject, { Bucket: 'uploads', Key: 'source', Body: bodyOf('0123456789') });
    const id = await create();
    const out = await s3.call(uploadPartCopy, {
      Bucket: 'uploads',
      Key: 'big',
      UploadId: id,
      PartNumber: 1,
      CopySource: 'uploads/source',
      CopySourceRange: 'bytes=2-5',
    });
    expect(out.CopyPartResult?.ETag).toBe(`"${md5(Buffer.from('2345')).toString('hex')}"`);
    expect(out.CopySourceVersionId).toMatch(/^[A-Za-z0-9._]{32}$/);
    const bad = await rejection(
      s3.call(uploadPartCopy, {
        Bucket: 'uploads',
        Key: 'big',
        UploadId: id,
        PartNumber: 2,
        CopySource: 'uploads/source',
        CopySourceRange: 'bytes=5-20',
      }),
    );
    expect([bad.code, bad.awsMessage]).toEqual([
      'InvalidRequest',
      'The specified copy range is invalid for the source object size',
    ]);
    await complete(id, [{ PartNumber: 1, ETag: out.CopyPartResult?.ETag as string }]);
    expect(
      (await bytesOf((await s3.call(getObject, { Bucket: 'uploads', Key: 'big' })).Body)).toString(),
    ).toBe('2345');
  });

  it('ListParts pages by part number; ListMultipartUploads lists uploads with initiator and owner', async () => {
    const id = await create('a/1');
    const other = await create('b');
    for (const n of [1, 2, 3]) await upload(id, n, Buffer.from(`part${n}`), 'a/1');
    const page = await s3.call(listParts, { Bucket: 'uploads', Key: 'a/1', UploadId: id, MaxParts: 2 });
    expect(page).toMatchObject({
      IsTruncated: true,
      NextPartNumberMarker: 2,
      MaxParts: 2,
      Initiator: { ID: PRODUCTION_ID },
      Owner: { ID: PRODUCTION_ID },
      StorageClass: 'STANDARD',
    });
    const rest = await s3.call(listParts, {
      Bucket: 'uploads',
      Key: 'a/1',
      UploadId: id,
      PartNumberMarker: 2,
    });
    expect(rest.Parts?.map((p) => p.PartNumber)).toEqual([3]);

    const uploads = await s3.call(listMultipartUploads, { Bucket: 'uploads' });
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([
      ['a/1', id],
      ['b', other],
    ]);
    const grouped = await s3.call(listMultipartUploads, { Bucket: 'uploads', Delimiter: '/' });
    expect([grouped.Uploads?.map((u) => u.Key), grouped.CommonPrefixes]).toEqual([['b'], [{ Prefix: 'a/' }]]);
    const first = await s3.call(listMultipartUploads, { Bucket: 'uploads', MaxUploads: 1 });
    expect([first.IsTruncated, first.NextKeyMarker, first.NextUploadIdMarker]).toEqual([true, 'a/1', id]);

    expect(await s3.call(abortMultipartUpload, { Bucket: 'uploads', Key: 'a/1', UploadId: id })).toEqual({});
    expect((await s3.call(listMultipartUploads, { Bucket: 'uploads' })).Uploads?.map((u) => u.Key)).toEqual([
      'b',
    ]);
    const gone = await rejection(
      s3.call(abortMultipartUpload, { Bucket: 'uploads', Key: 'a/1', UploadId: id }),
    );
    expect([gone.code, gone.status]).toEqual(['NoSuchUpload', 404]);
  });
});
