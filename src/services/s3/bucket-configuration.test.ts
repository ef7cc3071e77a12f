// Ownership controls, Block Public Access, tagging, versioning and CORS: stored, read back, removed,
// and refused with S3's errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteBucketTagging, getBucketTagging, putBucketTagging } from './bucket-tagging.js';
import { createBucket } from './buckets.js';
import { deleteBucketCors, getBucketCors, putBucketCors } from './cors.js';
import {
  deleteBucketOwnershipControls,
  getBucketOwnershipControls,
  putBucketOwnershipControls,
} from './ownership-controls.js';
import {
  deletePublicAccessBlock,
  getPublicAccessBlock,
  putPublicAccessBlock,
} from './public-access-block.js';
import { awsFailure, openS3Fixture, type S3Fixture } from './s3-test-fixture.js';
import { getBucketVersioning, putBucketVersioning } from './versioning.js';

let s3: S3Fixture;
const Bucket = 'config';
beforeEach(async () => {
  s3 = await openS3Fixture();
  await s3.call(createBucket, { Bucket });
});
afterEach(() => s3.close());

describe('ownership controls', () => {
  it('sets, reads and deletes the rule', async () => {
    await s3.call(putBucketOwnershipControls, {
      Bucket,
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
    });
    expect(await s3.call(getBucketOwnershipControls, { Bucket })).toEqual({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
    });
    await s3.call(deleteBucketOwnershipControls, { Bucket });
    expect(await awsFailure(s3.call(getBucketOwnershipControls, { Bucket }))).toEqual({
      code: 'OwnershipControlsNotFoundError',
      status: 404,
      awsMessage: 'The bucket ownership controls were not found',
    });
  });

  it('wants exactly one known rule', async () => {
    for (const Rules of [
      [],
      [{ ObjectOwnership: 'ObjectWriter' }, { ObjectOwnership: 'ObjectWriter' }],
      [{ ObjectOwnership: 'Mine' }],
    ]) {
      const input = { Bucket, OwnershipControls: { Rules } } as never;
      expect((await awsFailure(s3.call(putBucketOwnershipControls, input))).code).toBe('MalformedXML');
    }
  });
});

describe('Block Public Access', () => {
  it('stores missing settings as false, and deletes the configuration', async () => {
    await s3.call(putPublicAccessBlock, {
      Bucket,
      PublicAccessBlockConfiguration: { BlockPublicPolicy: true },
    });
    expect(await s3.call(getPublicAccessBlock, { Bucket })).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: false,
      },
    });
    await s3.call(deletePublicAccessBlock, { Bucket });
    expect(await awsFailure(s3.call(getPublicAccessBlock, { Bucket }))).toEqual({
      code: 'NoSuchPublicAccessBlockConfiguration',
      status: 404,
      awsMessage: 'The public access block configuration was not found',
    });
  });
});

describe('tagging', () => {
  const tag = (Key: string, Value = 'v') => ({ Key, Value });

  it('replaces, reads and deletes the tag set', async () => {
    expect(await awsFailure(s3.call(getBucketTagging, { Bucket }))).toEqual({
      code: 'NoSuchTagSet',
      status: 404,
      awsMessage: 'The TagSet does not exist',
    });
    await s3.call(putBucketTagging, { Bucket, Tagging: { TagSet: [tag('a'), tag('b', '')] } });
    await s3.call(putBucketTagging, { Bucket, Tagging: { TagSet: [tag('team', 'apps')] } });
    expect(await s3.call(getBucketTagging, { Bucket })).toEqual({ TagSet: [tag('team', 'apps')] });
    await s3.call(deleteBucketTagging, { Bucket });
    expect((await awsFailure(s3.call(getBucketTagging, { Bucket }))).code).toBe('NoSuchTagSet');
  });

  it.each([
    [[tag('')], 'InvalidTag', 'The TagKey you have provided is invalid'],
    [[tag('k'.repeat(129))], 'InvalidTag', 'The TagKey you have provided is invalid'],
    [[tag('a', 'v'.repeat(257))], 'InvalidTag', 'The TagValue you have provided is invalid'],
    [[tag('a', 'inv&alid')], 'InvalidTag', 'The TagValue you have provided is invalid'],
    [[tag('a'), tag('a', 'w')], 'InvalidTag', 'Cannot provide multiple Tags with the same key'],
    [
      [tag('aws:cloudformation:stack-name')],
      'InvalidTag',
      'User-defined tag keys can\'t start with "aws:". This prefix is reserved for system tags. Remove "aws:" from your tag keys and try again.',
    ],
    [
      Array.from({ length: 51 }, (_, i) => tag(`k${i}`)),
      'BadRequest',
      'Bucket tag count cannot be greater than 50',
    ],
  ])('refuses %#: %s', async (TagSet, code, message) => {
    expect(await awsFailure(s3.call(putBucketTagging, { Bucket, Tagging: { TagSet } }))).toEqual({
      code,
      status: 400,
      awsMessage: message,
    });
  });

  it('accepts 50 tags with 128-character keys and 256-character values', async () => {
    const TagSet = Array.from({ length: 50 }, (_, i) => tag(`${i}`.padEnd(128, 'k'), 'v'.repeat(256)));
    await s3.call(putBucketTagging, { Bucket, Tagging: { TagSet } });
    expect((await s3.call(getBucketTagging, { Bucket })).TagSet).toHaveLength(50);
  });
});

describe('versioning', () => {
  it('is empty until set, then Enabled or Suspended', async () => {
    expect(await s3.call(getBucketVersioning, { Bucket })).toEqual({});
    await s3.call(putBucketVersioning, { Bucket, VersioningConfiguration: { Status: 'Enabled' } });
    expect(await s3.call(getBucketVersioning, { Bucket })).toEqual({
      Status: 'Enabled',
      MFADelete: 'Disabled',
    });
    await s3.call(putBucketVersioning, { Bucket, VersioningConfiguration: { Status: 'Suspended' } });
    expect((await s3.call(getBucketVersioning, { Bucket })).Status).toBe('Suspended');
  });

  it('does not offer MFA delete', async () => {
    const input = {
      Bucket,
      VersioningConfiguration: { Status: 'Enabled' as const, MFADelete: 'Enabled' as const },
    };
    expect((await awsFailure(s3.call(putBucketVersioning, input))).code).toBe('NotImplemented');
  });
});

describe('CORS', () => {
  const rule = {
    AllowedMethods: ['GET', 'PUT'],
    AllowedOrigins: ['https://*.example.com'],
    MaxAgeSeconds: 3000,
  };

  it('sets, reads and deletes the rules', async () => {
    await s3.call(putBucketCors, { Bucket, CORSConfiguration: { CORSRules: [rule] } });
    expect(await s3.call(getBucketCors, { Bucket })).toEqual({ CORSRules: [rule] });
    await s3.call(deleteBucketCors, { Bucket });
    expect(await awsFailure(s3.call(getBucketCors, { Bucket }))).toEqual({
      code: 'NoSuchCORSConfiguration',
      status: 404,
      awsMessage: 'The CORS configuration does not exist',
    });
  });

  it.each([
    [
      [],
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    ],
    [
      [{ ...rule, AllowedMethods: ['PATCH'] }],
      'InvalidRequest',
      'Found unsupported HTTP method in CORS config. Unsupported method is PATCH',
    ],
    [
      [{ ...rule, AllowedOrigins: ['https://*.*.com'] }],
      'InvalidRequest',
      'AllowedOrigin "https://*.*.com" can not have more than one wildcard.',
    ],
    [
      [{ ...rule, AllowedHeaders: ['x-*-*'] }],
      'InvalidRequest',
      'AllowedHeader "x-*-*" can not have more than one wildcard.',
    ],
  ])('refuses %#: %s', async (CORSRules, code, message) => {
    expect(await awsFailure(s3.call(putBucketCors, { Bucket, CORSConfiguration: { CORSRules } }))).toEqual({
      code,
      status: 400,
      awsMessage: message,
    });
  });
});
