import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import { createS3Oracle } from './test-fixture.js';

// Bucket operations through the real SDK v3: it serializes, we parse and answer, it reads our answer.

const OWNER_ID = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
const when = new Date('2026-11-23T10:00:00.000Z');

describe('S3 bucket operations, SDK v3 round trips', () => {
  it('ListBuckets: the SDK reads the buckets, owner and continuation token', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({
      Buckets: [
        { Name: 'alpha', CreationDate: when, BucketRegion: 'us-east-1' },
        { Name: 'beta', CreationDate: when },
      ],
      Owner: { ID: OWNER_ID, DisplayName: 'alice' },
    }));
    const out = await oracle.client.send(new ListBucketsCommand({}));
    const { operation, response } = oracle.last();
    expect(operation).toBe('ListBuckets');
    expect(response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Buckets><Bucket><Name>alpha</Name><CreationDate>2026-11-23T10:00:00.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>' +
        '<Bucket><Name>beta</Name><CreationDate>2026-11-23T10:00:00.000Z</CreationDate></Bucket></Buckets>' +
        `<Owner><DisplayName>alice</DisplayName><ID>${OWNER_ID}</ID></Owner></ListAllMyBucketsResult>`,
    );
    expect(response.headers['x-amz-request-id']).toBe('TESTREQUESTID1234');
    expect(out.Buckets).toEqual([
      { Name: 'alpha', CreationDate: when, BucketRegion: 'us-east-1' },
      { Name: 'beta', CreationDate: when },
    ]);
    expect(out.Owner).toEqual({ ID: OWNER_ID, DisplayName: 'alice' });
    expect(out.$metadata.requestId).toBe('TESTREQUESTID1234');
    expect(out.$metadata.extendedRequestId).toBe('dGVzdC1ob3N0LWlk');
  });

  it('CreateBucket: reads the LocationConstraint document, the ACL and object-lock headers', async () => {
    const oracle = createS3Oracle({ region: 'eu-west-1' });
    oracle.respond(() => ({ Location: '/my-bucket' }));
    const out = await oracle.client.send(
      new CreateBucketCommand({
        Bucket: 'my-bucket',
        ACL: 'private',
        ObjectLockEnabledForBucket: true,
        ObjectOwnership: 'BucketOwnerPreferred',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    const { operation, input } = oracle.last();
    expect(operation).toBe('CreateBucket');
    expect(input).toEqual({
      Bucket: 'my-bucket',
      ACL: 'private',
      ObjectLockEnabledForBucket: true,
      ObjectOwnership: 'BucketOwnerPreferred',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    });
    expect(out.Location).toBe('/my-bucket');
  });

  it('CreateBucket without a body has no configuration', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({}));
    await oracle.client.send(new CreateBucketCommand({ Bucket: 'plain' }));
    expect(oracle.last().input).toEqual({ Bucket: 'plain' });
    expect(oracle.last().response.headers['content-length']).toBe('0');
  });

  it('HeadBucket answers headers only; its 404 has no body and the SDK still reads the status', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({ BucketRegion: 'eu-west-1', AccessPointAlias: false }));
    const out = await oracle.client.send(new HeadBucketCommand({ Bucket: 'b' }));
    expect(out.BucketRegion).toBe('eu-west-1');
    expect(oracle.last().response.headers['x-amz-access-point-alias']).toBe('false');

    oracle.respond(() => {
      throw new AwsError({
        code: 'NoSuchBucket',
        status: 404,
        message: 'The specified bucket does not exist',
      });
    });
    const error = await oracle.client.send(new HeadBucketCommand({ Bucket: 'b' })).catch((e: unknown) => e);
    expect(oracle.last().response.body).toBeUndefined();
    expect(error).toBeInstanceOf(S3ServiceException);
    expect((error as S3ServiceException).$metadata.httpStatusCode).toBe(404);
  });

  it('GetBucketLocation: one element with the region, empty for us-east-1', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => ({ LocationConstraint: 'eu-west-1' }));
    const out = await oracle.client.send(new GetBucketLocationCommand({ Bucket: 'b' }));
    expect(oracle.last().response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>',
    );
    expect(out.LocationConstraint).toBe('eu-west-1');

    oracle.respond(() => ({}));
    const east = await oracle.client.send(new GetBucketLocationCommand({ Bucket: 'b' }));
    expect(oracle.last().response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>',
    );
    expect(east.LocationConstraint ?? '').toBe('');
  });

  it('PutBucketPolicy: the policy is the raw body; GetBucketPolicy returns it as the body', async () => {
    const policy =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}';
    const oracle = createS3Oracle();
    oracle.respond(() => undefined);
    await oracle.client.send(
      new PutBucketPolicyCommand({ Bucket: 'b', Policy: policy, ConfirmRemoveSelfBucketAccess: true }),
    );
    expect(oracle.last().input).toMatchObject({
      Bucket: 'b',
      Policy: policy,
      ConfirmRemoveSelfBucketAccess: true,
    });

    oracle.respond(() => ({ Policy: policy }));
    const out = await oracle.client.send(new GetBucketPolicyCommand({ Bucket: 'b' }));
    expect(oracle.last().response.body).toBe(policy);
    expect(out.Policy).toBe(policy);

    await oracle.client.send(new DeleteBucketPolicyCommand({ Bucket: 'b' }));
    expect(oracle.last().operation).toBe('DeleteBucketPolicy');
    expect(oracle.last().response.status).toBe(204);
  });

  it('PutBucketAcl reads grantees by xsi:type; GetBucketAcl writes them with the namespace', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => undefined);
    const policy = {
      Owner: { ID: OWNER_ID },
      Grants: [
        { Grantee: { Type: 'CanonicalUser' as const, ID: OWNER_ID }, Permission: 'FULL_CONTROL' as const },
        {
          Grantee: { Type: 'Group' as const, URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
          Permission: 'READ' as const,
        },
      ],
    };
    await oracle.client.send(new PutBucketAclCommand({ Bucket: 'b', AccessControlPolicy: policy }));
    expect(oracle.last().input).toMatchObject({ Bucket: 'b', AccessControlPolicy: policy });

    await oracle.client.send(
      new PutBucketAclCommand({ Bucket: 'b', ACL: 'public-read', GrantRead: 'id="abc"' }),
    );
    // The SDK asks for a checksum of every PutBucketAcl (requestChecksumRequired).
    expect(oracle.last().input).toEqual({
      Bucket: 'b',
      ACL: 'public-read',
      GrantRead: 'id="abc"',
      ChecksumAlgorithm: 'CRC32',
    });

    oracle.respond(() => policy);
    const out = await oracle.client.send(new GetBucketAclCommand({ Bucket: 'b' }));
    const body = oracle.last().response.body as string;
    expect(body).toContain(
      '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner>' +
        `<ID>${OWNER_ID}</ID></Owner><AccessControlList><Grant>` +
        `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>${OWNER_ID}</ID></Grantee>`,
    );
    expect(out.Owner).toEqual(policy.Owner);
    expect(out.Grants).toEqual(policy.Grants);
  });

  it('bucket tagging: the Tagging document both ways, an empty TagSet written as an empty element', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => undefined);
    const TagSet = [
      { Key: 'team', Value: 'blue & green' },
      { Key: ' spaced ', Value: '' },
    ];
    await oracle.client.send(new PutBucketTaggingCommand({ Bucket: 'b', Tagging: { TagSet } }));
    expect(oracle.last().input).toMatchObject({ Bucket: 'b', Tagging: { TagSet } });

    oracle.respond(() => ({ TagSet }));
    const out = await oracle.client.send(new GetBucketTaggingCommand({ Bucket: 'b' }));
    expect(out.TagSet).toEqual(TagSet);

    oracle.respond(() => ({ TagSet: [] }));
    await oracle.client.send(new GetBucketTaggingCommand({ Bucket: 'b' }));
    expect(oracle.last().response.body).toContain(
      '<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet></TagSet></Tagging>',
    );
  });

  it('errors: the SDK reads the code, message, extra children and request ids', async () => {
    const oracle = createS3Oracle();
    oracle.respond(() => {
      throw new AwsError({
        code: 'NoSuchBucket',
        status: 404,
        message: 'The specified bucket does not exist',
        extra: { BucketName: 'missing' },
      });
    });
    const error = (await oracle.client
      .send(new GetBucketTaggingCommand({ Bucket: 'missing' }))
      .catch((e) => e)) as S3ServiceException & { BucketName?: string };
    expect(oracle.last().response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>' +
        '<BucketName>missing</BucketName><RequestId>TESTREQUESTID1234</RequestId><HostId>dGVzdC1ob3N0LWlk</HostId></Error>',
    );
    expect(error.name).toBe('NoSuchBucket');
    expect(error.message).toBe('The specified bucket does not exist');
    expect(error.BucketName).toBe('missing');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.$metadata.requestId).toBe('TESTREQUESTID1234');
  });
});
