// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteBucketPolicy,
  getBucketPolicy,
  getBucketPolicyStatus,
  putBucketPolicy,
} from './bucket-policy.js';
import { createBucket } from './buckets.js';
import { putPublicAccessBlock } from './public-access-block.js';
import { awsFailure, DEVELOPMENT, DEVELOPMENT_ID, openS3Fixture, type S3Fixture } from './s3-test-fixture.js';

let s3: S3Fixture;
beforeEach(async () => {
  s3 = await openS3Fixture();
  await s3.call(createBucket, { Bucket: 'productionapp' });
});
afterEach(() => s3.close());

const statement = (fields: Record<string, unknown>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${DEVELOPMENT}:root` },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::productionapp/*',
        ...fields,
      },
    ],
  });

// The accounts A/B tutorial: the other account's users may write with bucket-owner-full-control.
const CROSS_ACCOUNT = statement({
  Action: ['s3:PutObject', 's3:PutObjectAcl'],
  Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
});

const PUBLIC_READ = statement({ Principal: '*', Action: 's3:GetObject' });

const put = (Policy: string) => s3.call(putBucketPolicy, { Bucket: 'productionapp', Policy });
const message = async (Policy: string) => {
  const failure = await awsFailure(put(Policy));
  expect(failure).toMatchObject({ code: 'MalformedPolicy', status: 400 });
  return failure.awsMessage;
};

describe('Put/Get/DeleteBucketPolicy', () => {
  it('stores the policy as written and gives it back', async () => {
    await put(CROSS_ACCOUNT);
    expect(await s3.call(getBucketPolicy, { Bucket: 'productionapp' })).toEqual({ Policy: CROSS_ACCOUNT });
    expect(await s3.call(getBucketPolicyStatus, { Bucket: 'productionapp' })).toEqual({
      PolicyStatus: { IsPublic: false },
    });
    await s3.call(deleteBucketPolicy, { Bucket: 'productionapp' });
    const none = { code: 'NoSuchBucketPolicy', status: 404, awsMessage: 'The bucket policy does not exist' };
    expect(await awsFailure(s3.call(getBucketPolicy, { Bucket: 'productionapp' }))).toEqual(none);
    expect(await awsFailure(s3.call(getBucketPolicyStatus, { Bucket: 'productionapp' }))).toEqual(none);
    // Deleting again still succeeds, as S3 answers 204.
    expect(await s3.call(deleteBucketPolicy, { Bucket: 'productionapp' })).toBeUndefined();
  });

  it('refuses a public policy while BlockPublicPolicy is on, and reports it public once allowed', async () => {
    expect(await awsFailure(put(PUBLIC_READ))).toEqual({
      code: 'AccessDenied',
      status: 403,
      awsMessage: 'Access Denied',
    });
    await s3.call(putPublicAccessBlock, { Bucket: 'productionapp', PublicAccessBlockConfiguration: {} });
    await put(PUBLIC_READ);
    expect(await s3.call(getBucketPolicyStatus, { Bucket: 'productionapp' })).toEqual({
      PolicyStatus: { IsPublic: true },
    });
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    expect(
      (await awsFailure(s3.call(putBucketPolicy, { Bucket: 'missing', Policy: CROSS_ACCOUNT }))).code,
    ).toBe('NoSuchBucket');
  });
});

describe('MalformedPolicy messages', () => {
  it.each([
    ['not JSON at all', 'Version: 1', "Policies must be valid JSON and the first byte must be '{'"],
    ['an array', '[]', "Policies must be valid JSON and the first byte must be '{'"],
    ['broken JSON', '{"Version": "2012-10-17",', 'This policy contains invalid Json'],
    ['no Statement', '{"Version": "2012-10-17"}', 'Missing required field Statement'],
    [
      'an empty Statement',
      '{"Version": "2012-10-17", "Statement": []}',
      'Could not parse the policy: Statement is empty!',
    ],
    [
      'a bad Version',
      statement({}).replace('2012-10-17', '2013-01-01'),
      'The policy must contain a valid version string',
    ],
    ['an unknown element', statement({ Foo: 1 }), 'Invalid policy syntax.'],
    ['a bad Effect', statement({ Effect: 'Allowed' }), 'Invalid effect: Allowed'],
    ['no Principal', statement({ Principal: undefined }), 'Missing required field Principal'],
    ['no Action', statement({ Action: undefined }), 'Missing required field Action'],
    ['no Resource', statement({ Resource: undefined }), 'Missing required field Resource'],
    ['an unknown S3 action', statement({ Action: 's3:GetObjectX' }), 'Policy has invalid action'],
    ['another service', statement({ Action: 'iam:GetUser' }), 'Policy has invalid action'],
    ['an action without vendor', statement({ Action: 'GetObject' }), 'Policy has invalid action'],
    ['Resource *', statement({ Resource: '*' }), 'Policy has invalid resource'],
    ['another bucket', statement({ Resource: 'arn:aws:s3:::other/*' }), 'Policy has invalid resource'],
    ['a resource that is no ARN', statement({ Resource: 'productionapp/*' }), 'Policy has invalid resource'],
    [
      'an ARN with a region',
      statement({ Resource: 'arn:aws:s3:us-east-1::productionapp/*' }),
      'Policy has invalid resource',
    ],
    [
      'an object action on the bucket',
      statement({ Resource: 'arn:aws:s3:::productionapp' }),
      'Action does not apply to any resource(s) in statement',
    ],
    ['a malformed principal', statement({ Principal: { AWS: 'user' } }), 'Invalid principal in policy'],
    [
      'an account that does not exist',
      statement({ Principal: { AWS: '123456789012' } }),
      'Invalid principal in policy',
    ],
    [
      'a user that does not exist',
      statement({ Principal: { AWS: `arn:aws:iam::${DEVELOPMENT}:user/nobody` } }),
      'Invalid principal in policy',
    ],
    [
      'an unknown canonical user',
      statement({ Principal: { CanonicalUser: 'a'.repeat(64) } }),
      'Invalid principal in policy',
    ],
    [
      'an unknown condition operator',
      statement({ Condition: { StringEqualz: { 'aws:SourceIp': 'x' } } }),
      'Invalid Condition type : StringEqualz',
    ],
    [
      'an unknown S3 condition key',
      statement({ Condition: { StringEquals: { 's3:x-acl': 'private' } } }),
      'Policy has an invalid condition key',
    ],
  ])('%s', async (_name, policy, expected) => {
    expect(await message(policy)).toBe(expected);
    expect((await s3.store.getBucket('productionapp'))?.policy).toBeUndefined();
  });

  it('reports the first fault of the first statement, Effect before Action', async () => {
    const two = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'iam:GetUser', Resource: 'arn:aws:s3:::productionapp/*' },
        { Effect: 'Nope', Principal: '*', Action: 's3:GetObject', Resource: '*' },
      ],
    });
    expect(await message(two)).toBe('Policy has invalid action');
  });

  it('refuses a policy over 20 KB written compactly', async () => {
    const big = statement({ Sid: 'x'.repeat(20480) });
    expect(await message(big)).toBe(
      'Normalized policy document exceeds the maximum allowed size of 20480 bytes',
    );
  });

  it('accepts principals that exist: accounts, root ARNs, canonical ids, services, and policy variables', async () => {
    for (const principal of [
      { AWS: DEVELOPMENT },
      { AWS: [`arn:aws:iam::${DEVELOPMENT}:root`] },
      { CanonicalUser: DEVELOPMENT_ID },
      { Service: 'cloudtrail.amazonaws.com' },
    ]) {
      await put(statement({ Principal: principal }));
    }
    await put(statement({ Resource: 'arn:aws:s3:::productionapp/${aws:username}/*' }));
    await put(
      statement({
        Resource: 'arn:aws:s3:::production*/*',
        Condition: { StringLike: { 'aws:Unknown': 'x' } },
      }),
    );
  });
});
