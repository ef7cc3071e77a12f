import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_USERS, cannedAcl, LOG_DELIVERY } from './access-control-list.js';
import { getBucketAcl, putBucketAcl } from './bucket-acl.js';
import { createBucket } from './buckets.js';
import { putBucketOwnershipControls } from './ownership-controls.js';
import { putPublicAccessBlock } from './public-access-block.js';
import {
  awsFailure,
  DEVELOPMENT_ID,
  openS3Fixture,
  PRODUCTION_ID,
  type S3Fixture,
} from './s3-test-fixture.js';

let s3: S3Fixture;
beforeEach(async () => {
  s3 = await openS3Fixture();
  await s3.call(createBucket, { Bucket: 'enforced' });
  await s3.call(createBucket, { Bucket: 'writer', ObjectOwnership: 'ObjectWriter' });
});
afterEach(() => s3.close());

const ownerFull = {
  Grantee: { Type: 'CanonicalUser' as const, ID: PRODUCTION_ID },
  Permission: 'FULL_CONTROL' as const,
};

describe('PutBucketAcl under BucketOwnerEnforced', () => {
  it('accepts only what grants the owner alone', async () => {
    await s3.call(putBucketAcl, { Bucket: 'enforced', ACL: 'private' });
    await s3.call(putBucketAcl, {
      Bucket: 'enforced',
      AccessControlPolicy: { Owner: { ID: PRODUCTION_ID }, Grants: [ownerFull] },
    });
    expect(
      await awsFailure(s3.call(putBucketAcl, { Bucket: 'enforced', ACL: 'authenticated-read' })),
    ).toEqual({
      code: 'AccessControlListNotSupported',
      status: 400,
      awsMessage: 'The bucket does not allow ACLs',
    });
    expect(
      (await awsFailure(s3.call(putBucketAcl, { Bucket: 'enforced', GrantRead: `id="${DEVELOPMENT_ID}"` })))
        .code,
    ).toBe('AccessControlListNotSupported');
  });
});

describe('PutBucketAcl with ACLs enabled', () => {
  it('sets grants from headers, resolving e-mail addresses to canonical ids', async () => {
    await s3.call(putBucketAcl, {
      Bucket: 'writer',
      GrantFullControl: `id="${PRODUCTION_ID}"`,
      GrantRead:
        'emailAddress="root@development.example", uri="http://acs.amazonaws.com/groups/s3/LogDelivery"',
    });
    expect(await s3.call(getBucketAcl, { Bucket: 'writer' })).toEqual({
      Owner: { ID: PRODUCTION_ID },
      Grants: [
        ownerFull,
        { Grantee: { Type: 'CanonicalUser', ID: DEVELOPMENT_ID }, Permission: 'READ' },
        {
          Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/s3/LogDelivery' },
          Permission: 'READ',
        },
      ],
    });
  });

  it('refuses public ACLs while BlockPublicAcls is on, and sets them once it is off', async () => {
    expect(await awsFailure(s3.call(putBucketAcl, { Bucket: 'writer', ACL: 'public-read' }))).toEqual({
      code: 'AccessDenied',
      status: 403,
      awsMessage: 'Access Denied',
    });
    await s3.call(putPublicAccessBlock, { Bucket: 'writer', PublicAccessBlockConfiguration: {} });
    await s3.call(putBucketAcl, { Bucket: 'writer', ACL: 'public-read' });
    expect((await s3.call(getBucketAcl, { Bucket: 'writer' })).Grants).toEqual([
      ownerFull,
      { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' },
    ]);
  });

  it.each([
    [
      { ACL: 'private', GrantRead: `id="${PRODUCTION_ID}"` },
      'InvalidRequest',
      'Specifying both Canned ACLs and Header Grants is not allowed',
    ],
    [{ GrantRead: `id="${'0'.repeat(64)}"` }, 'InvalidArgument', 'Invalid id'],
    [
      { GrantRead: 'uri="http://acs.amazonaws.com/groups/global/Nobody"' },
      'InvalidArgument',
      'Invalid group uri',
    ],
    [
      { GrantRead: 'emailAddress="nobody@example.com"' },
      'UnresolvableGrantByEmailAddress',
      'The e-mail address you provided does not match any account on record.',
    ],
    [{}, 'MissingSecurityHeader', 'Your request is missing a required header.'],
    [
      { ACL: 'private', AccessControlPolicy: { Owner: { ID: PRODUCTION_ID }, Grants: [] } },
      'UnexpectedContent',
      'This request does not support content',
    ],
    [
      { AccessControlPolicy: { Grants: [ownerFull] } },
      'MalformedACLError',
      'The XML you provided was not well-formed or did not validate against our published schema',
    ],
    [{ AccessControlPolicy: { Owner: { ID: DEVELOPMENT_ID }, Grants: [] } }, 'AccessDenied', 'Access Denied'],
  ])('refuses %j with %s', async (acl, code, message) => {
    const failure = await awsFailure(s3.call(putBucketAcl, { Bucket: 'writer', ...(acl as object) }));
    expect(failure).toMatchObject({ code, awsMessage: message });
  });
});

describe('PutBucketOwnershipControls and ACLs', () => {
  it('cannot enforce bucket ownership while the ACL grants others', async () => {
    await s3.call(putBucketAcl, { Bucket: 'writer', GrantRead: `id="${DEVELOPMENT_ID}"` });
    const enforce = {
      Bucket: 'writer',
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' as const }] },
    };
    expect(await awsFailure(s3.call(putBucketOwnershipControls, enforce))).toMatchObject({
      code: 'InvalidBucketAclWithObjectOwnership',
      status: 400,
    });
    await s3.call(putBucketAcl, { Bucket: 'writer', ACL: 'private' });
    await s3.call(putBucketOwnershipControls, enforce);
    expect((await s3.store.getBucket('writer'))?.ownership).toBe('BucketOwnerEnforced');
  });
});

describe('cannedAcl', () => {
  const owner = { grantee: { type: 'CanonicalUser', id: DEVELOPMENT_ID }, permission: 'FULL_CONTROL' };

  it('grants the bucket owner for the object-only canned ACLs, unless it is the writer', () => {
    expect(cannedAcl('bucket-owner-full-control', DEVELOPMENT_ID, PRODUCTION_ID).grants).toEqual([
      owner,
      { grantee: { type: 'CanonicalUser', id: PRODUCTION_ID }, permission: 'FULL_CONTROL' },
    ]);
    expect(cannedAcl('bucket-owner-read', DEVELOPMENT_ID, PRODUCTION_ID).grants[1]?.permission).toBe('READ');
    expect(cannedAcl('bucket-owner-full-control', PRODUCTION_ID, PRODUCTION_ID).grants).toHaveLength(1);
  });

  it('gives the log delivery group WRITE and READ_ACP', () => {
    expect(cannedAcl('log-delivery-write', DEVELOPMENT_ID, DEVELOPMENT_ID).grants.slice(1)).toEqual([
      { grantee: { type: 'Group', uri: LOG_DELIVERY }, permission: 'WRITE' },
      { grantee: { type: 'Group', uri: LOG_DELIVERY }, permission: 'READ_ACP' },
    ]);
  });

  it('refuses an unknown canned ACL', () => {
    expect(() => cannedAcl('everyone', DEVELOPMENT_ID, DEVELOPMENT_ID)).toThrow('Invalid Argument');
  });
});
