import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyObject } from './copy-object.js';
import { getObject } from './get-object.js';
import { getObjectAcl, putObjectAcl } from './object-acl.js';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './object-tagging.js';
import {
  bodyOf,
  bytesOf,
  DEVELOPMENT,
  DEVELOPMENT_ID,
  NOW,
  type ObjectFixture,
  openObjectFixture,
  PRODUCTION_ID,
  rejection,
} from './object-test-fixture.js';
import { putObject } from './put-object.js';

let s3: ObjectFixture;
beforeEach(async () => {
  s3 = await openObjectFixture();
  await s3.bucket('source', { versioning: 'Enabled' });
  await s3.bucket('target');
});
afterEach(() => s3.close());

const put = (Bucket: string, Key: string, text: string, extra: Record<string, unknown> = {}) =>
  s3.call(putObject, { Bucket, Key, Body: bodyOf(text), ContentLength: text.length, ...extra });
const text = async (Bucket: string, Key: string) =>
  (await bytesOf((await s3.call(getObject, { Bucket, Key })).Body)).toString();

describe('CopyObject', () => {
  it('copies bytes, metadata and tags by default, and names the source version', async () => {
    const source = await put('source', 'a b', 'payload', {
      ContentType: 'text/plain',
      Metadata: { colour: 'blue' },
      Tagging: 'team=blue',
    });
    const out = await s3.call(copyObject, { Bucket: 'target', Key: 'copy', CopySource: 'source/a%20b' });
    expect(out.CopyObjectResult?.ETag).toBe(source.ETag);
    expect(out.CopySourceVersionId).toBe(source.VersionId);
    expect(out.VersionId).toBeUndefined();
    expect(await text('target', 'copy')).toBe('payload');
    const copied = await s3.store.getObject('target', 'copy');
    expect(copied).toMatchObject({
      contentType: 'text/plain',
      metadata: { colour: 'blue' },
      tags: [{ key: 'team', value: 'blue' }],
    });
    // Bodies are never shared: the copy has its own.
    expect(copied?.bodyId).not.toBe((await s3.store.getObject('source', 'a b'))?.bodyId);
  });

  it('REPLACE takes metadata and tags from the request; an older version can be named', async () => {
    const one = await put('source', 'k', 'one', { Metadata: { v: '1' } });
    await put('source', 'k', 'two');
    await s3.call(copyObject, {
      Bucket: 'target',
      Key: 'k',
      CopySource: `/source/k?versionId=${one.VersionId}`,
      MetadataDirective: 'REPLACE',
      Metadata: { v: 'new' },
      ContentType: 'text/csv',
      TaggingDirective: 'REPLACE',
      Tagging: 'a=1',
    });
    expect(await text('target', 'k')).toBe('one');
    expect(await s3.store.getObject('target', 'k')).toMatchObject({
      metadata: { v: 'new' },
      contentType: 'text/csv',
      tags: [{ key: 'a', value: '1' }],
    });
  });

  it('refuses to copy an object onto itself without a change', async () => {
    const one = await put('source', 'k', 'one');
    const error = await rejection(
      s3.call(copyObject, { Bucket: 'source', Key: 'k', CopySource: 'source/k' }),
    );
    expect([error.code, error.status, error.awsMessage]).toEqual([
      'InvalidRequest',
      400,
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    ]);
    await s3.call(copyObject, {
      Bucket: 'source',
      Key: 'k',
      CopySource: 'source/k',
      MetadataDirective: 'REPLACE',
    });
    await put('source', 'k', 'two');
    // Restoring an older version onto its key is a change.
    await s3.call(copyObject, {
      Bucket: 'source',
      Key: 'k',
      CopySource: `source/k?versionId=${one.VersionId}`,
    });
    expect(await text('source', 'k')).toBe('one');
  });

  it('checks x-amz-copy-source-if-* (all 412) and the source', async () => {
    const source = await put('source', 'k', 'one');
    const copy = (extra: Record<string, unknown>) =>
      s3.call(copyObject, { Bucket: 'target', Key: 'c', CopySource: 'source/k', ...extra });
    const match = await rejection(copy({ CopySourceIfMatch: '"nope"' }));
    expect([match.code, match.status, match.extra]).toEqual([
      'PreconditionFailed',
      412,
      { Condition: 'x-amz-copy-source-If-Match' },
    ]);
    expect((await rejection(copy({ CopySourceIfNoneMatch: source.ETag }))).status).toBe(412);
    expect((await rejection(copy({ CopySourceIfModifiedSince: NOW }))).status).toBe(412);
    await copy({ CopySourceIfMatch: source.ETag, CopySourceIfModifiedSince: new Date(NOW.getTime() - 1000) });
    expect(
      (await rejection(s3.call(copyObject, { Bucket: 'target', Key: 'c', CopySource: 'nope/k' }))).code,
    ).toBe('NoSuchBucket');
    expect(
      (await rejection(s3.call(copyObject, { Bucket: 'target', Key: 'c', CopySource: 'source/none' }))).code,
    ).toBe('NoSuchKey');
    const malformed = await rejection(
      s3.call(copyObject, { Bucket: 'target', Key: 'c', CopySource: 'source' }),
    );
    expect([malformed.code, malformed.awsMessage]).toEqual([
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
    ]);
    const directive = await rejection(copy({ MetadataDirective: 'MERGE' }));
    expect([directive.code, directive.awsMessage]).toEqual([
      'InvalidArgument',
      'Unknown metadata directive.',
    ]);
  });
});

describe('object tagging', () => {
  it('puts, gets and deletes a version’s tag set, at most 10 tags', async () => {
    const one = await put('source', 'k', 'x', { Tagging: 'a=1' });
    expect(await s3.call(getObjectTagging, { Bucket: 'source', Key: 'k' })).toEqual({
      VersionId: one.VersionId,
      TagSet: [{ Key: 'a', Value: '1' }],
    });
    const put2 = await s3.call(putObjectTagging, {
      Bucket: 'source',
      Key: 'k',
      Tagging: { TagSet: [{ Key: 'b', Value: '2' }] },
    });
    expect(put2).toEqual({ VersionId: one.VersionId });
    expect((await s3.call(getObjectTagging, { Bucket: 'source', Key: 'k' })).TagSet).toEqual([
      { Key: 'b', Value: '2' },
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const many = await rejection(
      s3.call(putObjectTagging, { Bucket: 'source', Key: 'k', Tagging: { TagSet: eleven } }),
    );
    expect([many.code, many.awsMessage]).toEqual(['BadRequest', 'Object tags cannot be greater than 10']);
    const invalid = await rejection(
      s3.call(putObjectTagging, {
        Bucket: 'source',
        Key: 'k',
        Tagging: { TagSet: [{ Key: 'a', Value: 'bad<' }] },
      }),
    );
    expect([invalid.code, invalid.awsMessage]).toEqual([
      'InvalidTag',
      'The TagValue you have provided is invalid',
    ]);
    await s3.call(deleteObjectTagging, { Bucket: 'source', Key: 'k' });
    expect((await s3.call(getObjectTagging, { Bucket: 'source', Key: 'k' })).TagSet).toEqual([]);
    expect((await rejection(s3.call(getObjectTagging, { Bucket: 'source', Key: 'none' }))).code).toBe(
      'NoSuchKey',
    );
  });
});

describe('object ACLs', () => {
  it('reads the ACL; under BucketOwnerEnforced only an owner-only ACL may be put', async () => {
    await put('target', 'k', 'x');
    expect(await s3.call(getObjectAcl, { Bucket: 'target', Key: 'k' })).toEqual({
      Owner: { ID: PRODUCTION_ID },
      Grants: [{ Grantee: { Type: 'CanonicalUser', ID: PRODUCTION_ID }, Permission: 'FULL_CONTROL' }],
    });
    const refused = await rejection(
      s3.call(putObjectAcl, { Bucket: 'target', Key: 'k', ACL: 'public-read' }),
    );
    expect([refused.code, refused.status]).toEqual(['AccessControlListNotSupported', 400]);
    await s3.call(putObjectAcl, { Bucket: 'target', Key: 'k', ACL: 'bucket-owner-full-control' });
  });

  it('grants by header on an ObjectWriter bucket, and keeps the owner', async () => {
    await s3.bucket('writer', { ownership: 'ObjectWriter' });
    await put('writer', 'k', 'x');
    await s3.call(putObjectAcl, { Bucket: 'writer', Key: 'k', GrantRead: `id="${DEVELOPMENT_ID}"` });
    const acl = await s3.call(getObjectAcl, { Bucket: 'writer', Key: 'k' });
    expect(acl.Grants).toEqual([
      { Grantee: { Type: 'CanonicalUser', ID: DEVELOPMENT_ID }, Permission: 'READ' },
    ]);
    const foreignOwner = await rejection(
      s3.call(putObjectAcl, {
        Bucket: 'writer',
        Key: 'k',
        AccessControlPolicy: { Owner: { ID: DEVELOPMENT_ID }, Grants: [] },
      }),
    );
    expect(foreignOwner.code).toBe('AccessDenied');
    const missing = await rejection(
      s3.call(putObjectAcl, { Bucket: 'writer', Key: 'k' }, { account: DEVELOPMENT }),
    );
    expect(missing.code).toBe('MissingSecurityHeader');
  });
});
