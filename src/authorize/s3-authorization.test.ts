// S3 requests decided end to end below the server: targets from s3Targets, the bucket's resource side
// attached from a real store, the engine deciding, S3's message. Scenarios from the S3 user guide and
// the seeds.
import { describe, expect, it } from 'vitest';
import { canonicalUserId } from '../arn/index.js';
import { ANONYMOUS_CALLER } from '../services/anonymous-caller.js';
import type { Caller } from '../services/handler-context.js';
import { DEVELOPMENT, NOW, openIamFixture, PRODUCTION } from '../services/iam/iam-test-fixture.js';
import type { BucketRecord, Grant, PublicAccessBlock } from '../store/s3-records.js';
import type { Store } from '../store/store.js';
import { attachS3ResourcePolicies } from './attach-s3-resource-policies.js';
import { authorize } from './authorize.js';
import { PolicyCache } from './policy-cache.js';
import { s3DenialMessage } from './s3-denial-message.js';
import { s3Targets, s3TargetsNeedObject } from './s3-targets.js';

const OPEN: PublicAccessBlock = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

function bucket(name: string, owner: string, extra: Partial<BucketRecord> = {}): BucketRecord {
  return {
    name,
    accountId: owner,
    region: 'us-east-1',
    createDate: NOW.getTime(),
    ownership: 'BucketOwnerEnforced',
    acl: { ownerId: canonicalUserId(owner), grants: [] },
    publicAccessBlock: {
      ...OPEN,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
    ...extra,
  };
}

async function scenario() {
  const fixture = await openIamFixture();
  const { store } = fixture;
  const userCaller = (name: string, account: string) => fixture.user(name, account).caller;
  /** Creates the user with one inline policy. */
  const user = async (name: string, account: string, statements: unknown[]): Promise<Caller> => {
    await store.transaction(async (tx) => {
      await tx.createUser({
        accountId: account,
        id: `AIDA${name.toUpperCase().padEnd(17, 'X')}`,
        name,
        path: '/',
        arn: `arn:aws:iam::${account}:user/${name}`,
        createDate: NOW.getTime(),
        tags: [],
      });
      if (statements.length > 0) {
        await tx.putInlinePolicy(account, 'user', name, {
          name: 'inline',
          document: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
        });
      }
    });
    return { ...userCaller(name, account), principalId: `AIDA${name.toUpperCase().padEnd(17, 'X')}` };
  };
  const putBucket = (record: BucketRecord) => store.transaction((tx) => tx.createBucket(record));
  /** The decision and S3's message for one operation. */
  const decide = async (caller: Caller, operation: string, input: Record<string, unknown>, headers = {}) => {
    const record = await store.getBucket(String(input.Bucket));
    const object =
      record && s3TargetsNeedObject(operation)
        ? await store.getObject(record.name, String(input.Key))
        : undefined;
    const targets = s3Targets({
      operation,
      input,
      bucket: record,
      object,
      headers,
      authType: caller.accessKeyId ? 'REST-HEADER' : undefined,
      signatureAgeMs: 0,
    });
    const resolved = await attachS3ResourcePolicies(store, caller, targets, { bucket: record, object });
    const done = await authorize(store, new PolicyCache(), caller, resolved, {});
    const denied = done.find((a) => a.decision.verdict !== 'Allowed');
    return {
      verdict: denied ? denied.decision.verdict : 'Allowed',
      message: denied
        ? s3DenialMessage(
            denied.decision.message ?? undefined,
            caller.facts,
            denied.target.resource,
            denied.target.resourceAccount,
          )
        : undefined,
    };
  };
  return { store: store as Store, user, putBucket, decide, close: () => fixture.close() };
}

const allow = (action: string | string[], resource: string | string[]) => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});

describe('S3 authorization', () => {
  it('within one account, the identity policy alone allows, and a denial quotes the resource', async () => {
    const s = await scenario();
    await s.putBucket(bucket('productionapp', PRODUCTION));
    await s.putBucket(bucket('otherbucket', PRODUCTION));
    const dave = await s.user('Dave', PRODUCTION, [
      allow(['s3:ListBucket'], 'arn:aws:s3:::productionapp'),
      allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::productionapp/*'),
    ]);
    expect(await s.decide(dave, 'ListObjectsV2', { Bucket: 'productionapp' })).toEqual({
      verdict: 'Allowed',
      message: undefined,
    });
    expect(await s.decide(dave, 'PutObject', { Bucket: 'productionapp', Key: 'app/a.txt' })).toMatchObject({
      verdict: 'Allowed',
    });
    expect(await s.decide(dave, 'GetObject', { Bucket: 'otherbucket', Key: 'secret.txt' })).toEqual({
      verdict: 'ImplicitlyDenied',
      message: `User: arn:aws:iam::${PRODUCTION}:user/Dave is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::otherbucket/secret.txt" because no identity-based policy allows the s3:GetObject action`,
    });
    await s.close();
  });

  it('a bucket without /* in the identity policy grants no object action (the seed mistake)', async () => {
    const s = await scenario();
    await s.putBucket(bucket('prod-source-dropoff', PRODUCTION));
    const dev = await s.user('Dev', PRODUCTION, [
      allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::prod-source-dropoff/'),
    ]);
    expect(await s.decide(dev, 'PutObject', { Bucket: 'prod-source-dropoff', Key: 'src.zip' })).toMatchObject(
      {
        verdict: 'ImplicitlyDenied',
      },
    );
    await s.close();
  });

  it('a bucket policy naming a user of the same account allows on its own', async () => {
    const s = await scenario();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PRODUCTION}:user/Ann` },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::shared/*',
        },
      ],
    });
    await s.putBucket(bucket('shared', PRODUCTION, { policy }));
    const ann = await s.user('Ann', PRODUCTION, []);
    expect(await s.decide(ann, 'GetObject', { Bucket: 'shared', Key: 'k' })).toMatchObject({
      verdict: 'Allowed',
    });
    await s.close();
  });

  it('across accounts both sides must allow, and the caller sees only Access Denied', async () => {
    const s = await scenario();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${DEVELOPMENT}:root` },
          Action: ['s3:PutObject', 's3:PutObjectAcl'],
          Resource: 'arn:aws:s3:::cross-account-bucket/*',
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
      ],
    });
    await s.putBucket(bucket('cross-account-bucket', PRODUCTION, { policy }));
    const writer = await s.user('Writer', DEVELOPMENT, [allow('s3:*', '*')]);
    const idle = await s.user('Idle', DEVELOPMENT, []);
    const put = { Bucket: 'cross-account-bucket', Key: 'test.txt', ACL: 'bucket-owner-full-control' };
    const acl = { 'x-amz-acl': 'bucket-owner-full-control' };
    expect(await s.decide(writer, 'PutObject', put, acl)).toMatchObject({ verdict: 'Allowed' });
    expect(await s.decide(idle, 'PutObject', put, acl)).toEqual({
      verdict: 'ImplicitlyDenied',
      message: 'Access Denied',
    });
    // Without the canned ACL the bucket policy's condition does not hold.
    expect(await s.decide(writer, 'PutObject', { Bucket: 'cross-account-bucket', Key: 'test.txt' })).toEqual({
      verdict: 'ImplicitlyDenied',
      message: 'Access Denied',
    });
    await s.close();
  });

  it('CreateBucket is decided in the caller’s own account, whoever holds the name already', async () => {
    const s = await scenario();
    // The name is taken by another account, whose bucket policy denies everyone: the creator's own policy
    // decides, and the handler then answers BucketAlreadyExists.
    const denyAll = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::taken' }],
    });
    await s.putBucket(bucket('taken', PRODUCTION, { policy: denyAll }));
    const builder = await s.user('Builder', DEVELOPMENT, [allow('s3:CreateBucket', '*')]);
    const idle = await s.user('Idle', DEVELOPMENT, []);
    expect(await s.decide(builder, 'CreateBucket', { Bucket: 'taken' })).toMatchObject({
      verdict: 'Allowed',
    });
    expect(await s.decide(idle, 'CreateBucket', { Bucket: 'taken' })).toEqual({
      verdict: 'ImplicitlyDenied',
      message: `User: arn:aws:iam::${DEVELOPMENT}:user/Idle is not authorized to perform: s3:CreateBucket on resource: "arn:aws:s3:::taken" because no identity-based policy allows the s3:CreateBucket action`,
    });
    await s.close();
  });

  it('ObjectWriter: an object another account wrote is that account’s; its ACL alone lets the bucket owner in', async () => {
    const s = await scenario();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PRODUCTION}:root` },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::writer-owned/*',
        },
      ],
    });
    await s.putBucket(bucket('writer-owned', PRODUCTION, { ownership: 'ObjectWriter', policy }));
    const writerId = canonicalUserId(DEVELOPMENT);
    const ownerOnly: Grant[] = [
      { grantee: { type: 'CanonicalUser', id: writerId }, permission: 'FULL_CONTROL' },
    ];
    const put = (key: string, grants: Grant[]) =>
      s.store.transaction((tx) =>
        tx.putObject({
          bucket: 'writer-owned',
          key,
          versionId: 'null',
          isLatest: true,
          deleteMarker: false,
          bodyId: `body-${key}`,
          size: 1,
          etag: 'e',
          lastModified: NOW.getTime(),
          metadata: {},
          storageClass: 'STANDARD',
          checksums: {},
          tags: [],
          acl: { ownerId: writerId, grants },
          ownerAccountId: DEVELOPMENT,
        }),
      );
    await put('private.txt', ownerOnly);
    await put('shared.txt', [
      ...ownerOnly,
      { grantee: { type: 'CanonicalUser', id: canonicalUserId(PRODUCTION) }, permission: 'FULL_CONTROL' },
    ]);
    const bucketOwner = await s.user('Owner', PRODUCTION, [allow('s3:*', '*')]);
    const writer = await s.user('Writer', DEVELOPMENT, [allow('s3:*', '*')]);
    const get = (key: string) => ({ Bucket: 'writer-owned', Key: key });
    // The bucket policy's grant does not reach an object the bucket owner does not own.
    expect(await s.decide(bucketOwner, 'GetObject', get('private.txt'))).toEqual({
      verdict: 'ImplicitlyDenied',
      message: 'Access Denied',
    });
    expect(await s.decide(bucketOwner, 'GetObject', get('shared.txt'))).toMatchObject({ verdict: 'Allowed' });
    // The writer's account owns it: its own policy is enough, the bucket's is not asked.
    expect(await s.decide(writer, 'GetObjectAcl', get('private.txt'))).toMatchObject({ verdict: 'Allowed' });
    // Deleting stays the bucket owner's right.
    expect(await s.decide(bucketOwner, 'DeleteObject', get('private.txt'))).toMatchObject({
      verdict: 'Allowed',
    });
    await s.close();
  });

  it('an explicit deny in the bucket policy wins over the identity allow', async () => {
    const s = await scenario();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::locked/*' },
      ],
    });
    await s.putBucket(bucket('locked', PRODUCTION, { policy }));
    const admin = await s.user('Admin', PRODUCTION, [allow('s3:*', '*')]);
    expect(await s.decide(admin, 'DeleteObject', { Bucket: 'locked', Key: 'k' })).toEqual({
      verdict: 'ExplicitlyDenied',
      message: `User: arn:aws:iam::${PRODUCTION}:user/Admin is not authorized to perform: s3:DeleteObject on resource: "arn:aws:s3:::locked/k" with an explicit deny in a resource-based policy`,
    });
    await s.close();
  });

  it('with ACLs in force, a READ grant to another account lets its allowed users list', async () => {
    const s = await scenario();
    const grants: Grant[] = [
      { grantee: { type: 'CanonicalUser', id: canonicalUserId(DEVELOPMENT) }, permission: 'READ' },
    ];
    await s.putBucket(
      bucket('acl-bucket', PRODUCTION, {
        ownership: 'ObjectWriter',
        acl: { ownerId: canonicalUserId(PRODUCTION), grants },
      }),
    );
    const reader = await s.user('Reader', DEVELOPMENT, [allow('s3:ListBucket', '*')]);
    expect(await s.decide(reader, 'ListObjectsV2', { Bucket: 'acl-bucket' })).toMatchObject({
      verdict: 'Allowed',
    });
    // Under BucketOwnerEnforced the same grant is ignored.
    await s.store.transaction((tx) => tx.updateBucket('acl-bucket', { ownership: 'BucketOwnerEnforced' }));
    expect(await s.decide(reader, 'ListObjectsV2', { Bucket: 'acl-bucket' })).toMatchObject({
      verdict: 'ImplicitlyDenied',
    });
    await s.close();
  });

  it('an AllUsers READ grant lets anonymous callers list, unless IgnorePublicAcls is on', async () => {
    const s = await scenario();
    const grants: Grant[] = [
      {
        grantee: { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' },
        permission: 'READ',
      },
    ];
    await s.putBucket(
      bucket('public', PRODUCTION, {
        ownership: 'ObjectWriter',
        acl: { ownerId: canonicalUserId(PRODUCTION), grants },
        publicAccessBlock: OPEN,
      }),
    );
    expect(await s.decide(ANONYMOUS_CALLER, 'ListObjectsV2', { Bucket: 'public' })).toMatchObject({
      verdict: 'Allowed',
    });
    expect(await s.decide(ANONYMOUS_CALLER, 'GetObject', { Bucket: 'public', Key: 'k' })).toEqual({
      verdict: 'ImplicitlyDenied',
      message: 'Access Denied',
    });
    await s.store.transaction((tx) =>
      tx.updateBucket('public', { publicAccessBlock: { ...OPEN, ignorePublicAcls: true } }),
    );
    expect(await s.decide(ANONYMOUS_CALLER, 'ListObjectsV2', { Bucket: 'public' })).toMatchObject({
      verdict: 'ImplicitlyDenied',
    });
    await s.close();
  });

  it('RestrictPublicBuckets keeps a public policy from serving other accounts and anonymous callers', async () => {
    const s = await scenario();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' },
      ],
    });
    await s.putBucket(bucket('site', PRODUCTION, { policy, publicAccessBlock: OPEN }));
    expect(
      await s.decide(ANONYMOUS_CALLER, 'GetObject', { Bucket: 'site', Key: 'index.html' }),
    ).toMatchObject({ verdict: 'Allowed' });
    await s.store.transaction((tx) =>
      tx.updateBucket('site', { publicAccessBlock: { ...OPEN, restrictPublicBuckets: true } }),
    );
    expect(
      await s.decide(ANONYMOUS_CALLER, 'GetObject', { Bucket: 'site', Key: 'index.html' }),
    ).toMatchObject({
      verdict: 'ImplicitlyDenied',
    });
    await s.close();
  });

  it('ListBuckets needs s3:ListAllMyBuckets, granted on "*" or on arn:aws:s3:::*', async () => {
    const s = await scenario();
    const star = await s.user('Star', PRODUCTION, [allow('s3:ListAllMyBuckets', '*')]);
    const arn = await s.user('Arn', PRODUCTION, [allow('s3:ListAllMyBuckets', 'arn:aws:s3:::*')]);
    const none = await s.user('None', PRODUCTION, [allow('s3:ListBucket', 'arn:aws:s3:::*')]);
    expect(await s.decide(star, 'ListBuckets', {})).toMatchObject({ verdict: 'Allowed' });
    expect(await s.decide(arn, 'ListBuckets', {})).toMatchObject({ verdict: 'Allowed' });
    expect(await s.decide(none, 'ListBuckets', {})).toMatchObject({ verdict: 'ImplicitlyDenied' });
    await s.close();
  });
});
