import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBucketAcl } from './bucket-acl.js';
import { getBucketTagging } from './bucket-tagging.js';
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './buckets.js';
import { getBucketOwnershipControls } from './ownership-controls.js';
import { getPublicAccessBlock } from './public-access-block.js';
import {
  awsFailure,
  DEVELOPMENT,
  DEVELOPMENT_ID,
  NOW,
  openS3Fixture,
  PRODUCTION,
  PRODUCTION_ID,
  type S3Fixture,
} from './s3-test-fixture.js';

let s3: S3Fixture;
beforeEach(async () => {
  s3 = await openS3Fixture();
});
afterEach(() => s3.close());

describe('CreateBucket', () => {
  it('creates a bucket owned by the caller with BucketOwnerEnforced and Block Public Access on', async () => {
    expect(await s3.call(createBucket, { Bucket: 'productionapp' })).toEqual({ Location: '/productionapp' });
    const stored = await s3.store.getBucket('productionapp');
    expect(stored).toMatchObject({
      accountId: PRODUCTION,
      region: 'us-east-1',
      ownership: 'BucketOwnerEnforced',
    });
    expect(await s3.call(getBucketOwnershipControls, { Bucket: 'productionapp' })).toEqual({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(await s3.call(getPublicAccessBlock, { Bucket: 'productionapp' })).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(await s3.call(getBucketAcl, { Bucket: 'productionapp' })).toEqual({
      Owner: { ID: PRODUCTION_ID },
      Grants: [{ Grantee: { Type: 'CanonicalUser', ID: PRODUCTION_ID }, Permission: 'FULL_CONTROL' }],
    });
  });

  it.each([
    'ab',
    'a'.repeat(64),
    'Upper',
    'under_score',
    '-leading',
    'trailing-',
    'two..dots',
    '192.168.5.4',
    'xn--punycode',
    'sthree-x',
    'amzn-s3-demo-bucket',
    'name-s3alias',
    'name--ol-s3',
    'name.mrap',
    'name--x-s3',
    'name--table-s3',
  ])('refuses the invalid name %s', async (name) => {
    expect(await awsFailure(s3.call(createBucket, { Bucket: name }))).toEqual({
      code: 'InvalidBucketName',
      status: 400,
      awsMessage: 'The specified bucket is not valid.',
    });
    expect(await s3.store.getBucket(name)).toBeUndefined();
  });

  it('accepts names at the length limits, with dots and hyphens', async () => {
    for (const name of ['abc', 'a'.repeat(63), 'my.bucket-1', '1.2.3.4.5']) {
      await s3.call(createBucket, { Bucket: name });
    }
    expect((await s3.store.listBuckets(PRODUCTION)).map((b) => b.name)).toHaveLength(4);
  });

  it('keeps names global: another account gets BucketAlreadyExists', async () => {
    await s3.call(createBucket, { Bucket: 'shared' });
    expect(await awsFailure(s3.call(createBucket, { Bucket: 'shared' }, { account: DEVELOPMENT }))).toEqual({
      code: 'BucketAlreadyExists',
      status: 409,
      awsMessage:
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    });
  });

  it('answers 200 to the owner re-creating a us-east-1 bucket, resetting its ACL (legacy behaviour)', async () => {
    await s3.call(createBucket, {
      Bucket: 'again',
      ObjectOwnership: 'ObjectWriter',
      GrantRead: `id="${DEVELOPMENT_ID}"`,
    });
    expect((await s3.store.getBucket('again'))?.acl.grants).toEqual([
      { grantee: { type: 'CanonicalUser', id: DEVELOPMENT_ID }, permission: 'READ' },
    ]);
    expect(await s3.call(createBucket, { Bucket: 'again' })).toEqual({ Location: '/again' });
    expect((await s3.store.getBucket('again'))?.acl).toEqual({
      ownerId: PRODUCTION_ID,
      grants: [{ grantee: { type: 'CanonicalUser', id: PRODUCTION_ID }, permission: 'FULL_CONTROL' }],
    });
  });

  it('answers BucketAlreadyOwnedByYou to the owner elsewhere', async () => {
    const config = { LocationConstraint: 'eu-west-1' as const };
    await s3.call(
      createBucket,
      { Bucket: 'euro', CreateBucketConfiguration: config },
      { region: 'eu-west-1' },
    );
    expect(
      await awsFailure(
        s3.call(createBucket, { Bucket: 'euro', CreateBucketConfiguration: config }, { region: 'eu-west-1' }),
      ),
    ).toEqual({
      code: 'BucketAlreadyOwnedByYou',
      status: 409,
      awsMessage: 'Your previous request to create the named bucket succeeded and you already own it.',
    });
  });

  it('places the bucket by LocationConstraint, which must match the signing region', async () => {
    expect(
      await s3.call(
        createBucket,
        { Bucket: 'in-ireland', CreateBucketConfiguration: { LocationConstraint: 'EU' } },
        { region: 'eu-west-1' },
      ),
    ).toEqual({ Location: 'http://in-ireland.s3.amazonaws.com/' });
    expect(await s3.call(getBucketLocation, { Bucket: 'in-ireland' })).toEqual({
      LocationConstraint: 'eu-west-1',
    });
    expect(await s3.call(headBucket, { Bucket: 'in-ireland' })).toEqual({
      BucketRegion: 'eu-west-1',
      AccessPointAlias: false,
    });

    expect(
      await awsFailure(s3.call(createBucket, { Bucket: 'no-constraint' }, { region: 'eu-west-1' })),
    ).toEqual({
      code: 'IllegalLocationConstraintException',
      status: 400,
      awsMessage:
        'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
    });
    const elsewhere = {
      Bucket: 'elsewhere',
      CreateBucketConfiguration: { LocationConstraint: 'us-west-2' as const },
    };
    expect(await awsFailure(s3.call(createBucket, elsewhere))).toEqual({
      code: 'IllegalLocationConstraintException',
      status: 400,
      awsMessage:
        'The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.',
    });
    const explicit = { Bucket: 'explicit', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' } };
    expect(await awsFailure(s3.call(createBucket, explicit as never))).toEqual({
      code: 'InvalidLocationConstraint',
      status: 400,
      awsMessage: 'The specified location-constraint is not valid',
    });
  });

  it('treats an empty signing region as us-east-1', async () => {
    await s3.call(createBucket, { Bucket: 'global' }, { region: '' });
    expect(await s3.call(getBucketLocation, { Bucket: 'global' })).toEqual({});
  });

  it('refuses ACLs under BucketOwnerEnforced, and public ACLs since new buckets block them', async () => {
    expect(await awsFailure(s3.call(createBucket, { Bucket: 'acl-enforced', ACL: 'public-read' }))).toEqual({
      code: 'InvalidBucketAclWithObjectOwnership',
      status: 400,
      awsMessage: "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
    });
    await s3.call(createBucket, { Bucket: 'acl-private', ACL: 'private' });
    expect(
      await awsFailure(
        s3.call(createBucket, { Bucket: 'acl-public', ACL: 'public-read', ObjectOwnership: 'ObjectWriter' }),
      ),
    ).toEqual({
      code: 'InvalidBucketAclWithBlockPublicAccessError',
      status: 400,
      awsMessage: 'Bucket cannot have public ACLs set with BlockPublicAccess enabled',
    });
    await s3.call(createBucket, {
      Bucket: 'acl-granted',
      ObjectOwnership: 'BucketOwnerPreferred',
      GrantRead: `id="${PRODUCTION_ID}"`,
    });
    expect((await s3.store.getBucket('acl-granted'))?.acl.grants).toEqual([
      { grantee: { type: 'CanonicalUser', id: PRODUCTION_ID }, permission: 'READ' },
    ]);
  });

  it('stores the tags given at creation, checked as PutBucketTagging checks them', async () => {
    const Tags = [{ Key: 'team', Value: 'apps' }];
    await s3.call(createBucket, { Bucket: 'tagged', CreateBucketConfiguration: { Tags } });
    expect(await s3.call(getBucketTagging, { Bucket: 'tagged' })).toEqual({ TagSet: Tags });
    const bad = { Bucket: 'bad-tags', CreateBucketConfiguration: { Tags: [{ Key: 'aws:x', Value: '' }] } };
    expect((await awsFailure(s3.call(createBucket, bad))).code).toBe('InvalidTag');
    expect(await s3.store.getBucket('bad-tags')).toBeUndefined();
  });

  it('refuses anonymous callers and Object Lock', async () => {
    expect((await awsFailure(s3.call(createBucket, { Bucket: 'anon' }, { account: '' }))).code).toBe(
      'AccessDenied',
    );
    expect(
      await awsFailure(s3.call(createBucket, { Bucket: 'locked', ObjectLockEnabledForBucket: true })),
    ).toMatchObject({ code: 'NotImplemented', status: 501 });
  });
});

describe('ListBuckets', () => {
  beforeEach(async () => {
    for (const name of ['alpha', 'beta', 'gamma']) await s3.call(createBucket, { Bucket: name });
    await s3.call(createBucket, { Bucket: 'dev-bucket' }, { account: DEVELOPMENT });
  });

  it("lists only the caller account's buckets, with its canonical id and no DisplayName", async () => {
    expect(await s3.call(listBuckets, {})).toEqual({
      Buckets: ['alpha', 'beta', 'gamma'].map((Name) => ({ Name, CreationDate: NOW })),
      Owner: { ID: PRODUCTION_ID },
    });
    expect((await s3.call(listBuckets, {}, { account: DEVELOPMENT })).Buckets?.map((b) => b.Name)).toEqual([
      'dev-bucket',
    ]);
  });

  it('pages with MaxBuckets and ContinuationToken, filters by Prefix and BucketRegion', async () => {
    const first = await s3.call(listBuckets, { MaxBuckets: 2 });
    expect(first.Buckets).toEqual([
      { Name: 'alpha', CreationDate: NOW, BucketRegion: 'us-east-1' },
      { Name: 'beta', CreationDate: NOW, BucketRegion: 'us-east-1' },
    ]);
    expect(first.ContinuationToken).toBeDefined();
    const second = await s3.call(listBuckets, { MaxBuckets: 2, ContinuationToken: first.ContinuationToken });
    expect(second.Buckets?.map((b) => b.Name)).toEqual(['gamma']);
    expect(second.ContinuationToken).toBeUndefined();
    expect(await s3.call(listBuckets, { Prefix: 'be' })).toMatchObject({
      Buckets: [{ Name: 'beta', BucketRegion: 'us-east-1' }],
      Prefix: 'be',
    });
    expect((await s3.call(listBuckets, { BucketRegion: 'eu-west-1' })).Buckets).toEqual([]);
  });

  it('refuses a bad MaxBuckets or token, and anonymous callers', async () => {
    expect(await awsFailure(s3.call(listBuckets, { MaxBuckets: 0 }))).toEqual({
      code: 'InvalidArgument',
      status: 400,
      awsMessage: 'Argument max-buckets must be an integer between 1 and 10000',
    });
    expect((await awsFailure(s3.call(listBuckets, { ContinuationToken: '!!' }))).code).toBe(
      'InvalidArgument',
    );
    expect((await awsFailure(s3.call(listBuckets, {}, { account: '' }))).code).toBe('AccessDenied');
  });
});

describe('HeadBucket, GetBucketLocation, DeleteBucket', () => {
  it('answers NoSuchBucket for a missing bucket', async () => {
    const failure = { code: 'NoSuchBucket', status: 404, awsMessage: 'The specified bucket does not exist' };
    expect(await awsFailure(s3.call(headBucket, { Bucket: 'missing' }))).toEqual(failure);
    expect(await awsFailure(s3.call(getBucketLocation, { Bucket: 'missing' }))).toEqual(failure);
    expect(await awsFailure(s3.call(deleteBucket, { Bucket: 'missing' }))).toEqual(failure);
  });

  it('refuses a request whose expected bucket owner is another account', async () => {
    await s3.call(createBucket, { Bucket: 'owned' });
    expect(await s3.call(headBucket, { Bucket: 'owned', ExpectedBucketOwner: PRODUCTION })).toMatchObject({
      BucketRegion: 'us-east-1',
    });
    expect(
      await awsFailure(s3.call(headBucket, { Bucket: 'owned', ExpectedBucketOwner: DEVELOPMENT })),
    ).toEqual({
      code: 'AccessDenied',
      status: 403,
      awsMessage: 'Access Denied',
    });
  });

  it('deletes an empty bucket, and refuses one that still holds objects', async () => {
    await s3.call(createBucket, { Bucket: 'full' });
    await s3.store.transaction((tx) =>
      tx.putObject({
        bucket: 'full',
        key: 'k',
        versionId: 'null',
        isLatest: true,
        deleteMarker: false,
        bodyId: 'body-1',
        size: 0,
        etag: 'd41d8cd98f00b204e9800998ecf8427e',
        lastModified: NOW.getTime(),
        metadata: {},
        storageClass: 'STANDARD',
        checksums: {},
        tags: [],
        acl: { ownerId: PRODUCTION_ID, grants: [] },
        ownerAccountId: PRODUCTION,
      }),
    );
    expect(await awsFailure(s3.call(deleteBucket, { Bucket: 'full' }))).toEqual({
      code: 'BucketNotEmpty',
      status: 409,
      awsMessage: 'The bucket you tried to delete is not empty',
    });
    await s3.call(createBucket, { Bucket: 'empty' });
    expect(await s3.call(deleteBucket, { Bucket: 'empty' })).toBeUndefined();
    expect(await s3.store.getBucket('empty')).toBeUndefined();
  });
});
