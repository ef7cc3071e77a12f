// Operation → action and resource, per "Required permissions for Amazon S3 API operations":
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
import { describe, expect, it } from 'vitest';
import { type S3TargetFacts, s3Targets } from './s3-targets.js';

const facts = (operation: string, input: Record<string, unknown>, headers = {}): S3TargetFacts => ({
  operation,
  input,
  bucket: undefined,
  object: undefined,
  headers,
  authType: 'REST-HEADER',
  signatureAgeMs: 5,
});
const actions = (operation: string, input: Record<string, unknown>, headers = {}) =>
  s3Targets(facts(operation, input, headers)).map((t) => `${t.action} ${t.resource}`);

describe('s3Targets', () => {
  it.each([
    ['ListBuckets', {}, ['s3:ListAllMyBuckets arn:aws:s3:::*']],
    ['ListObjectsV2', { Bucket: 'b' }, ['s3:ListBucket arn:aws:s3:::b']],
    ['HeadBucket', { Bucket: 'b' }, ['s3:ListBucket arn:aws:s3:::b']],
    ['ListObjectVersions', { Bucket: 'b' }, ['s3:ListBucketVersions arn:aws:s3:::b']],
    ['ListMultipartUploads', { Bucket: 'b' }, ['s3:ListBucketMultipartUploads arn:aws:s3:::b']],
    ['DeleteBucketTagging', { Bucket: 'b' }, ['s3:PutBucketTagging arn:aws:s3:::b']],
    ['DeleteBucketCors', { Bucket: 'b' }, ['s3:PutBucketCORS arn:aws:s3:::b']],
    ['DeletePublicAccessBlock', { Bucket: 'b' }, ['s3:PutBucketPublicAccessBlock arn:aws:s3:::b']],
    ['HeadObject', { Bucket: 'b', Key: 'a/k' }, ['s3:GetObject arn:aws:s3:::b/a/k']],
    ['GetObject', { Bucket: 'b', Key: 'k', VersionId: 'v1' }, ['s3:GetObjectVersion arn:aws:s3:::b/k']],
    ['DeleteObject', { Bucket: 'b', Key: 'k', VersionId: 'v1' }, ['s3:DeleteObjectVersion arn:aws:s3:::b/k']],
    ['UploadPart', { Bucket: 'b', Key: 'k' }, ['s3:PutObject arn:aws:s3:::b/k']],
    ['ListParts', { Bucket: 'b', Key: 'k' }, ['s3:ListMultipartUploadParts arn:aws:s3:::b/k']],
    ['AbortMultipartUpload', { Bucket: 'b', Key: 'k' }, ['s3:AbortMultipartUpload arn:aws:s3:::b/k']],
    ['DeleteObjects', { Bucket: 'b' }, []],
    [
      'CopyObject',
      { Bucket: 'b', Key: 'copy', CopySource: 'src/a%20b.txt?versionId=v2' },
      ['s3:GetObjectVersion arn:aws:s3:::src/a b.txt', 's3:PutObject arn:aws:s3:::b/copy'],
    ],
    [
      'PutObject',
      { Bucket: 'b', Key: 'k', Tagging: 'team=blue', ACL: 'bucket-owner-full-control' },
      [
        's3:PutObject arn:aws:s3:::b/k',
        's3:PutObjectTagging arn:aws:s3:::b/k',
        's3:PutObjectAcl arn:aws:s3:::b/k',
      ],
    ],
  ])('%s → %j', (operation, input, expected) => {
    expect(actions(operation, input)).toEqual(expected);
  });

  it("fills S3's condition keys from the request", () => {
    const [list] = s3Targets(
      facts('ListObjectsV2', { Bucket: 'b', Prefix: 'home/', Delimiter: '/', MaxKeys: 10 }),
    );
    expect(list?.context).toMatchObject({
      's3:prefix': 'home/',
      's3:delimiter': '/',
      's3:max-keys': '10',
      's3:authType': 'REST-HEADER',
      's3:signatureversion': 'AWS4-HMAC-SHA256',
      's3:signatureAge': '5',
    });
    const [put] = s3Targets(
      facts(
        'PutObject',
        { Bucket: 'b', Key: 'k', Tagging: 'team=blue&env=prod' },
        { 'x-amz-acl': 'bucket-owner-full-control' },
      ),
    );
    expect(put?.context).toMatchObject({
      's3:x-amz-acl': 'bucket-owner-full-control',
      's3:RequestObjectTag/team': 'blue',
      's3:RequestObjectTagKeys': ['team', 'env'],
    });
  });
});
