// Object Ownership with ACLs in force, with the SDK v3 against a started trustlab: in an ObjectWriter
// bucket an object another account writes stays that account's, so the bucket owner reads it only once
// the writer's ACL grants it; deleting it stays the bucket owner's right.
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootCredentials, sdkConfig } from './sdk-setup.js';
import { DEVELOPMENT, PRODUCTION, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const WRITABLE_BY_DEVELOPMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${DEVELOPMENT.id}:root` },
      Action: ['s3:PutObject', 's3:PutObjectAcl'],
      Resource: 'arn:aws:s3:::writer-owned/*',
    },
  ],
});

describe('Object Ownership ObjectWriter with the SDK v3', () => {
  let lab: RunningTrustlab;
  let owner: S3Client;
  let writer: S3Client;
  beforeAll(async () => {
    lab = await startTrustlab();
    const client = (account: typeof PRODUCTION) =>
      new S3Client({ ...sdkConfig(lab.url, rootCredentials(account)), forcePathStyle: true });
    owner = client(PRODUCTION);
    writer = client(DEVELOPMENT);
    await owner.send(new CreateBucketCommand({ Bucket: 'writer-owned', ObjectOwnership: 'ObjectWriter' }));
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'writer-owned', Policy: WRITABLE_BY_DEVELOPMENT }));
  }, 30_000);
  afterAll(() => lab?.stop());

  it('the bucket owner reads another account’s object only when its ACL grants it', async () => {
    const key = { Bucket: 'writer-owned', Key: 'report.txt' };
    await writer.send(new PutObjectCommand({ ...key, Body: 'from development' }));
    const refused = await owner.send(new GetObjectCommand(key)).catch((error: S3ServiceException) => error);
    expect(refused).toMatchObject({ name: 'AccessDenied', message: 'Access Denied' });

    await writer.send(new PutObjectAclCommand({ ...key, ACL: 'bucket-owner-full-control' }));
    const got = await owner.send(new GetObjectCommand(key));
    expect(await got.Body?.transformToString()).toBe('from development');
    await owner.send(new DeleteObjectCommand(key));
  });
});
