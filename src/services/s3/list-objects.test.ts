import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteObject } from './delete-object.js';
import { listObjectVersions } from './list-object-versions.js';
import { listObjects, listObjectsV2 } from './list-objects.js';
import {
  bodyOf,
  type ObjectFixture,
  openObjectFixture,
  PRODUCTION_ID,
  rejection,
} from './object-test-fixture.js';
import { putObject } from './put-object.js';

let s3: ObjectFixture;
const KEYS = [
  'a.txt',
  'photos/2024/jan.jpg',
  'photos/2024/feb.jpg',
  'photos/2025/mar.jpg',
  'photos/x.jpg',
  'z z+%.txt',
];
beforeEach(async () => {
  s3 = await openObjectFixture();
  await s3.bucket('listing');
  for (const Key of KEYS) await s3.call(putObject, { Bucket: 'listing', Key, Body: bodyOf(Key) });
});
afterEach(() => s3.close());

const keys = (out: { Contents?: { Key?: string }[] }) => (out.Contents ?? []).map((c) => c.Key);
const prefixes = (out: { CommonPrefixes?: { Prefix?: string }[] }) =>
  (out.CommonPrefixes ?? []).map((c) => c.Prefix);

describe('ListObjectsV2', () => {
  it('lists keys in UTF-8 byte order with KeyCount, without owners unless asked', async () => {
    const out = await s3.call(listObjectsV2, { Bucket: 'listing' });
    expect(keys(out)).toEqual([...KEYS].sort());
    expect(out).toMatchObject({
      Name: 'listing',
      Prefix: '',
      MaxKeys: 1000,
      KeyCount: 6,
      IsTruncated: false,
    });
    expect(out.Contents?.[0]).toEqual({
      Key: 'a.txt',
      LastModified: expect.any(Date),
      ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
      ChecksumAlgorithm: ['CRC64NVME'],
      ChecksumType: 'FULL_OBJECT',
      Size: 5,
      StorageClass: 'STANDARD',
    });
    const owned = await s3.call(listObjectsV2, { Bucket: 'listing', FetchOwner: true, MaxKeys: 1 });
    expect(owned.Contents?.[0]?.Owner).toEqual({ ID: PRODUCTION_ID });
  });

  it('groups keys under CommonPrefixes with a delimiter, counting each prefix as one key', async () => {
    const top = await s3.call(listObjectsV2, { Bucket: 'listing', Delimiter: '/' });
    expect(keys(top)).toEqual(['a.txt', 'z z+%.txt']);
    expect(prefixes(top)).toEqual(['photos/']);
    expect(top.KeyCount).toBe(3);
    const inner = await s3.call(listObjectsV2, { Bucket: 'listing', Delimiter: '/', Prefix: 'photos/' });
    expect(keys(inner)).toEqual(['photos/x.jpg']);
    expect(prefixes(inner)).toEqual(['photos/2024/', 'photos/2025/']);
  });

  it('pages with opaque continuation tokens, also across common prefixes', async () => {
    const seen: (string | undefined)[] = [];
    let token: string | undefined;
    do {
      const page = await s3.call(listObjectsV2, {
        Bucket: 'listing',
        Delimiter: '/',
        Prefix: 'photos/',
        MaxKeys: 1,
        ...(token && { ContinuationToken: token }),
      });
      expect(page.KeyCount).toBe(1);
      seen.push(...keys(page), ...prefixes(page));
      token = page.NextContinuationToken;
      expect(page.IsTruncated).toBe(token !== undefined);
    } while (token);
    expect(seen).toEqual(['photos/2024/', 'photos/2025/', 'photos/x.jpg']);
    const bad = await rejection(s3.call(listObjectsV2, { Bucket: 'listing', ContinuationToken: 'garbage' }));
    expect([bad.code, bad.awsMessage]).toEqual([
      'InvalidArgument',
      'The continuation token provided is incorrect',
    ]);
  });

  it('StartAfter, MaxKeys 0, and encoding-type=url', async () => {
    const after = await s3.call(listObjectsV2, { Bucket: 'listing', StartAfter: 'photos/x.jpg' });
    expect(keys(after)).toEqual(['z z+%.txt']);
    expect(after.StartAfter).toBe('photos/x.jpg');
    const none = await s3.call(listObjectsV2, { Bucket: 'listing', MaxKeys: 0 });
    expect([none.Contents, none.KeyCount, none.IsTruncated]).toEqual([undefined, 0, false]);
    const encoded = await s3.call(listObjectsV2, { Bucket: 'listing', Prefix: 'z z', EncodingType: 'url' });
    expect(keys(encoded)).toEqual(['z+z%2B%25.txt']);
    expect([encoded.Prefix, encoded.EncodingType]).toEqual(['z+z', 'url']);
    const slash = await s3.call(listObjectsV2, {
      Bucket: 'listing',
      Prefix: 'photos/2025',
      EncodingType: 'url',
    });
    expect(keys(slash)).toEqual(['photos/2025/mar.jpg']);
    expect((await rejection(s3.call(listObjectsV2, { Bucket: 'listing', MaxKeys: -1 }))).code).toBe(
      'InvalidArgument',
    );
  });

  it('leaves out keys whose latest version is a delete marker', async () => {
    await s3.bucket('versioned', { versioning: 'Enabled' });
    await s3.call(putObject, { Bucket: 'versioned', Key: 'gone', Body: bodyOf('x') });
    await s3.call(putObject, { Bucket: 'versioned', Key: 'kept', Body: bodyOf('x') });
    await s3.call(deleteObject, { Bucket: 'versioned', Key: 'gone' });
    expect(keys(await s3.call(listObjectsV2, { Bucket: 'versioned' }))).toEqual(['kept']);
  });
});

describe('ListObjects (v1)', () => {
  it('Marker resumes after a key; NextMarker only with a delimiter; owners always', async () => {
    const first = await s3.call(listObjects, { Bucket: 'listing', MaxKeys: 2 });
    expect(keys(first)).toEqual(['a.txt', 'photos/2024/feb.jpg']);
    expect([first.IsTruncated, first.NextMarker, first.Marker]).toEqual([true, undefined, '']);
    expect(first.Contents?.[0]?.Owner).toEqual({ ID: PRODUCTION_ID });
    const next = await s3.call(listObjects, { Bucket: 'listing', MaxKeys: 2, Marker: 'photos/2024/feb.jpg' });
    expect(keys(next)).toEqual(['photos/2024/jan.jpg', 'photos/2025/mar.jpg']);
    const grouped = await s3.call(listObjects, { Bucket: 'listing', MaxKeys: 2, Delimiter: '/' });
    expect([keys(grouped), prefixes(grouped), grouped.NextMarker]).toEqual([
      ['a.txt'],
      ['photos/'],
      'photos/',
    ]);
    // Resuming at a common prefix skips the whole group.
    const rest = await s3.call(listObjects, { Bucket: 'listing', Delimiter: '/', Marker: 'photos/' });
    expect([keys(rest), prefixes(rest), rest.IsTruncated]).toEqual([['z z+%.txt'], [], false]);
  });
});

describe('ListObjectVersions', () => {
  it('lists versions newest first and delete markers, resumable at a key and version', async () => {
    await s3.bucket('versioned', { versioning: 'Enabled' });
    const put = (Key: string) => s3.call(putObject, { Bucket: 'versioned', Key, Body: bodyOf(Key) });
    const a1 = await put('a');
    const a2 = await put('a');
    const marker = await s3.call(deleteObject, { Bucket: 'versioned', Key: 'a' });
    const b1 = await put('b');
    const all = await s3.call(listObjectVersions, { Bucket: 'versioned' });
    expect(all.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([
      ['a', a2.VersionId, false],
      ['a', a1.VersionId, false],
      ['b', b1.VersionId, true],
    ]);
    expect(all.DeleteMarkers).toEqual([
      {
        Owner: { ID: PRODUCTION_ID },
        Key: 'a',
        VersionId: marker.VersionId,
        IsLatest: true,
        LastModified: expect.any(Date),
      },
    ]);
    const first = await s3.call(listObjectVersions, { Bucket: 'versioned', MaxKeys: 2 });
    expect([first.IsTruncated, first.NextKeyMarker, first.NextVersionIdMarker]).toEqual([
      true,
      'a',
      a2.VersionId,
    ]);
    const rest = await s3.call(listObjectVersions, {
      Bucket: 'versioned',
      KeyMarker: 'a',
      VersionIdMarker: a2.VersionId,
    });
    expect(rest.Versions?.map((v) => v.VersionId)).toEqual([a1.VersionId, b1.VersionId]);
    expect(rest.DeleteMarkers).toBeUndefined();
    const lonely = await rejection(
      s3.call(listObjectVersions, { Bucket: 'versioned', VersionIdMarker: 'x' }),
    );
    expect([lonely.code, lonely.awsMessage]).toEqual([
      'InvalidArgument',
      'A version-id marker cannot be specified without a key marker.',
    ]);
  });

  it('shows the null versions of an unversioned bucket', async () => {
    const out = await s3.call(listObjectVersions, { Bucket: 'listing', Prefix: 'a' });
    expect(out.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([['a.txt', 'null', true]]);
  });
});
