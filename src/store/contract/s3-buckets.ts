import { describe, expect, it } from 'vitest';
import { A, B, type ContractContext, storeErrorCode, write } from './fixtures.js';
import { bucket, canonicalId, deleteMarker, object, upload } from './s3-fixtures.js';

const BLOCK_ALL = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

export function s3BucketContract(ctx: ContractContext): void {
  describe('S3 buckets', () => {
    it('keeps every field of a bucket and lists an account’s buckets by name', async () => {
      const store = ctx.store();
      const full = bucket('productionapp', A, {
        region: 'eu-west-1',
        ownership: 'ObjectWriter',
        acl: {
          ownerId: canonicalId(A),
          grants: [
            { grantee: { type: 'CanonicalUser', id: canonicalId(A) }, permission: 'FULL_CONTROL' },
            {
              grantee: { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' },
              permission: 'READ',
            },
          ],
        },
        policy: '{\n "Version": "2012-10-17", "Statement": []\n}',
        publicAccessBlock: BLOCK_ALL,
        tags: [{ key: 'team', value: 'ops' }],
        versioning: 'Enabled',
        cors: '[{"AllowedMethods":["GET"],"AllowedOrigins":["*"]}]',
      });
      await write(store, async (tx) => {
        await tx.createBucket(bucket('zeta', A));
        await tx.createBucket(full);
        await tx.createBucket(bucket('alpha', A));
        await tx.createBucket(bucket('devbucket', B));
      });
      expect(await store.getBucket('productionapp')).toEqual(full);
      expect(await store.getBucket('missing')).toBeUndefined();
      expect((await store.listBuckets(A)).map((b) => b.name)).toEqual(['alpha', 'productionapp', 'zeta']);
      expect((await store.listBuckets(B)).map((b) => b.name)).toEqual(['devbucket']);
      expect(await store.listBuckets('222222222222')).toEqual([]);
    });

    it('keeps bucket names unique across every account', async () => {
      const store = ctx.store();
      await write(store, (tx) => tx.createBucket(bucket('shared-name', A)));
      expect(await storeErrorCode(write(store, (tx) => tx.createBucket(bucket('shared-name', B))))).toBe(
        'EntityAlreadyExists',
      );
      expect(await storeErrorCode(write(store, (tx) => tx.createBucket(bucket('shared-name', A))))).toBe(
        'EntityAlreadyExists',
      );
      expect((await store.getBucket('shared-name'))?.accountId).toBe(A);
    });

    it('patches a bucket: given keys change, keys set to undefined are removed, others stay', async () => {
      const store = ctx.store();
      await write(store, (tx) =>
        tx.createBucket(bucket('b1', A, { policy: '{"p":1}', tags: [{ key: 'k', value: 'v' }] })),
      );
      const updated = await write(store, (tx) =>
        tx.updateBucket('b1', { versioning: 'Enabled', policy: undefined, publicAccessBlock: BLOCK_ALL }),
      );
      const expected = bucket('b1', A, {
        tags: [{ key: 'k', value: 'v' }],
        versioning: 'Enabled',
        publicAccessBlock: BLOCK_ALL,
      });
      expect(updated).toEqual(expected);
      expect(updated.policy).toBeUndefined();
      expect(await store.getBucket('b1')).toEqual(expected);
      await write(store, (tx) => tx.updateBucket('b1', { tags: undefined, ownership: undefined }));
      const read = await store.getBucket('b1');
      expect(read?.tags).toBeUndefined();
      expect(read?.ownership).toBeUndefined();
      expect(read?.versioning).toBe('Enabled');
      expect(
        await storeErrorCode(write(store, (tx) => tx.updateBucket('nope', { versioning: 'Enabled' }))),
      ).toBe('NoSuchEntity');
    });

    it('refuses to delete a bucket while objects, versions, delete markers or uploads remain', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('objects', A));
        await tx.createBucket(bucket('markers', A));
        await tx.createBucket(bucket('uploads', A));
        await tx.putObject(object('objects', 'k'));
        await tx.putObject(deleteMarker('markers', 'k', 'v1'));
        await tx.createUpload(upload('uploads', 'k', 'u1'));
      });
      for (const name of ['objects', 'markers', 'uploads']) {
        expect(await store.bucketHasObjects(name)).toBe(name !== 'uploads');
        expect(await storeErrorCode(write(store, (tx) => tx.deleteBucket(name))), name).toBe(
          'DeleteConflict',
        );
        expect(await store.getBucket(name), name).toBeDefined();
      }
      await write(store, async (tx) => {
        await tx.deleteObjectVersion('objects', 'k', 'null');
        await tx.deleteObjectVersion('markers', 'k', 'v1');
        await tx.deleteUpload('u1');
        for (const name of ['objects', 'markers', 'uploads']) await tx.deleteBucket(name);
      });
      expect(await store.listBuckets(A)).toEqual([]);
      expect(await storeErrorCode(write(store, (tx) => tx.deleteBucket('objects')))).toBe('NoSuchEntity');
      // The name is free again, for any account.
      await write(store, (tx) => tx.createBucket(bucket('objects', B)));
      expect((await store.getBucket('objects'))?.accountId).toBe(B);
    });

    it('keeps an account’s Block Public Access settings until removed', async () => {
      const store = ctx.store();
      expect(await store.getAccountPublicAccessBlock(A)).toBeUndefined();
      await write(store, (tx) => tx.setAccountPublicAccessBlock(A, BLOCK_ALL));
      const some = { ...BLOCK_ALL, blockPublicPolicy: false };
      await write(store, (tx) => tx.setAccountPublicAccessBlock(B, some));
      expect(await store.getAccountPublicAccessBlock(A)).toEqual(BLOCK_ALL);
      await write(store, (tx) => tx.setAccountPublicAccessBlock(A, some));
      expect(await store.getAccountPublicAccessBlock(A)).toEqual(some);
      await write(store, (tx) => tx.setAccountPublicAccessBlock(A, undefined));
      expect(await store.getAccountPublicAccessBlock(A)).toBeUndefined();
      expect(await store.getAccountPublicAccessBlock(B)).toEqual(some);
    });
  });
}
