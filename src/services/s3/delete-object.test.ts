import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteObject } from './delete-object.js';
import { deleteObjects } from './delete-objects.js';
import { getObject, headObject } from './get-object.js';
import {
  bodyOf,
  bytesOf,
  DEVELOPMENT,
  type ObjectFixture,
  openObjectFixture,
  PRODUCTION,
  rejection,
} from './object-test-fixture.js';
import { putObject } from './put-object.js';

let s3: ObjectFixture;
beforeEach(async () => {
  s3 = await openObjectFixture();
  await s3.bucket('plain');
  await s3.bucket('versioned', { versioning: 'Enabled' });
  await s3.bucket('suspended', { versioning: 'Suspended' });
});
afterEach(() => s3.close());

const put = (Bucket: string, Key: string, text: string) =>
  s3.call(putObject, { Bucket, Key, Body: bodyOf(text), ContentLength: text.length });
const text = async (Bucket: string, Key: string, VersionId?: string) =>
  (
    await bytesOf((await s3.call(getObject, { Bucket, Key, ...(VersionId && { VersionId }) })).Body)
  ).toString();

describe('versions', () => {
  it('an Enabled bucket gives each write a 32-character version id and keeps the older ones', async () => {
    const one = await put('versioned', 'k', 'one');
    const two = await put('versioned', 'k', 'two');
    expect(one.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/);
    expect(two.VersionId).not.toBe(one.VersionId);
    expect(await text('versioned', 'k')).toBe('two');
    expect(await text('versioned', 'k', one.VersionId)).toBe('one');
    const missing = await rejection(
      s3.call(getObject, { Bucket: 'versioned', Key: 'k', VersionId: 'x'.repeat(32) }),
    );
    expect([missing.code, missing.status, missing.awsMessage, missing.extra]).toEqual([
      'NoSuchVersion',
      404,
      'The specified version does not exist.',
      { Key: 'k', VersionId: 'x'.repeat(32) },
    ]);
  });

  it('a Suspended bucket writes the null version, and says so', async () => {
    expect((await put('suspended', 'k', 'one')).VersionId).toBe('null');
    expect((await put('suspended', 'k', 'two')).VersionId).toBe('null');
    expect(await text('suspended', 'k', 'null')).toBe('two');
  });
});

describe('DeleteObject', () => {
  it('removes the object of an unversioned bucket; a missing key is no error', async () => {
    await put('plain', 'k', 'x');
    expect(await s3.call(deleteObject, { Bucket: 'plain', Key: 'k' })).toEqual({});
    expect(await s3.store.getObject('plain', 'k')).toBeUndefined();
    expect(await s3.call(deleteObject, { Bucket: 'plain', Key: 'k' })).toEqual({});
  });

  it('an Enabled bucket gains a delete marker: GET is NoSuchKey with x-amz-delete-marker, the versions stay', async () => {
    const one = await put('versioned', 'k', 'one');
    const marker = await s3.call(deleteObject, { Bucket: 'versioned', Key: 'k' });
    expect(marker.DeleteMarker).toBe(true);
    expect(marker.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/);
    const gone = await rejection(s3.call(getObject, { Bucket: 'versioned', Key: 'k' }));
    expect([gone.code, gone.status, gone.headers]).toEqual([
      'NoSuchKey',
      404,
      { 'x-amz-delete-marker': 'true', 'x-amz-version-id': marker.VersionId },
    ]);
    const method = await rejection(
      s3.call(headObject, { Bucket: 'versioned', Key: 'k', VersionId: marker.VersionId as string }),
    );
    expect([method.code, method.status, method.extra, method.headers?.allow]).toEqual([
      'MethodNotAllowed',
      405,
      { Method: 'HEAD', ResourceType: 'DeleteMarker' },
      'DELETE',
    ]);
    expect(await text('versioned', 'k', one.VersionId)).toBe('one');
    // Deleting the marker by version id brings the object back.
    expect(
      await s3.call(deleteObject, { Bucket: 'versioned', Key: 'k', VersionId: marker.VersionId }),
    ).toEqual({
      DeleteMarker: true,
      VersionId: marker.VersionId,
    });
    expect(await text('versioned', 'k')).toBe('one');
  });

  it('a version id deletes that version for good, and its body with it', async () => {
    const one = await put('versioned', 'k', 'one');
    const stored = await s3.store.getObject('versioned', 'k', one.VersionId);
    await put('versioned', 'k', 'two');
    expect(await s3.call(deleteObject, { Bucket: 'versioned', Key: 'k', VersionId: one.VersionId })).toEqual({
      VersionId: one.VersionId,
    });
    expect(await s3.store.getObject('versioned', 'k', one.VersionId)).toBeUndefined();
    expect(await s3.bodyKept(stored?.bodyId as string)).toBe(false);
    expect(await text('versioned', 'k')).toBe('two');
  });

  it('a Suspended bucket replaces the null version with a null delete marker', async () => {
    await put('suspended', 'k', 'one');
    expect(await s3.call(deleteObject, { Bucket: 'suspended', Key: 'k' })).toEqual({
      DeleteMarker: true,
      VersionId: 'null',
    });
    const latest = await s3.store.getObject('suspended', 'k');
    expect([latest?.deleteMarker, latest?.versionId]).toEqual([true, 'null']);
  });

  it('If-Match deletes only the current ETag', async () => {
    await put('plain', 'k', 'x');
    const refused = await rejection(s3.call(deleteObject, { Bucket: 'plain', Key: 'k', IfMatch: '"other"' }));
    expect([refused.code, refused.status]).toEqual(['PreconditionFailed', 412]);
  });
});

describe('DeleteObjects', () => {
  it('deletes each key it may, reports the others, and answers only errors when Quiet', async () => {
    await put('versioned', 'a', 'a');
    const b = await put('versioned', 'b', 'b');
    await put('versioned', 'secret', 's');
    const asked: string[] = [];
    const out = await s3.call(
      deleteObjects,
      {
        Bucket: 'versioned',
        Delete: {
          Objects: [
            { Key: 'a' },
            { Key: 'b', VersionId: b.VersionId },
            { Key: 'secret' },
            { Key: 'missing' },
          ],
        },
      },
      {
        allow: (action, resource) => {
          asked.push(`${action} ${resource}`);
          return !resource.endsWith('/secret');
        },
      },
    );
    expect(asked).toEqual([
      's3:DeleteObject arn:aws:s3:::versioned/a',
      's3:DeleteObjectVersion arn:aws:s3:::versioned/b',
      's3:DeleteObject arn:aws:s3:::versioned/secret',
      's3:DeleteObject arn:aws:s3:::versioned/missing',
    ]);
    expect(out.Errors).toEqual([{ Key: 'secret', Code: 'AccessDenied', Message: 'Access Denied' }]);
    expect(out.Deleted).toHaveLength(3);
    expect(out.Deleted?.[0]).toMatchObject({ Key: 'a', DeleteMarker: true });
    expect(out.Deleted?.[0]?.DeleteMarkerVersionId).toMatch(/^[A-Za-z0-9._]{32}$/);
    expect(out.Deleted?.[1]).toEqual({ Key: 'b', VersionId: b.VersionId });
    expect(await s3.store.getObject('versioned', 'b', b.VersionId)).toBeUndefined();
    expect(await text('versioned', 'secret')).toBe('s');

    const quiet = await s3.call(deleteObjects, {
      Bucket: 'plain',
      Delete: { Objects: [{ Key: 'x' }], Quiet: true },
    });
    expect(quiet).toEqual({});
  });

  it('refuses an empty list or more than 1,000 keys as MalformedXML', async () => {
    for (const count of [0, 1001]) {
      const objects = Array.from({ length: count }, (_, i) => ({ Key: `k${i}` }));
      const error = await rejection(
        s3.call(deleteObjects, { Bucket: 'plain', Delete: { Objects: objects } }),
      );
      expect([error.code, error.status]).toEqual(['MalformedXML', 400]);
    }
  });

  it('a delete marker written by another account is owned by the bucket owner under BucketOwnerEnforced', async () => {
    await put('versioned', 'k', 'x');
    await s3.call(deleteObject, { Bucket: 'versioned', Key: 'k' }, { account: DEVELOPMENT });
    expect((await s3.store.getObject('versioned', 'k'))?.ownerAccountId).toBe(PRODUCTION);
  });
});
