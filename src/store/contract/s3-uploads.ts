import { describe, expect, it } from 'vitest';
import { A, type ContractContext, storeErrorCode, write } from './fixtures.js';
import { bucket, object, part, upload } from './s3-fixtures.js';

export function s3UploadContract(ctx: ContractContext): void {
  describe('S3 multipart uploads', () => {
    it('keeps an upload and lists uploads by key, then by initiation, resuming after markers', async () => {
      const store = ctx.store();
      const full = {
        ...upload('b', 'big/é.bin', 'u-full'),
        metadata: { a: '1' },
        tags: [{ key: 't', value: 'v' }],
        checksumAlgorithm: 'CRC32C' as const,
        checksumType: 'COMPOSITE' as const,
        contentType: 'application/octet-stream',
        expires: 'Thu, 01 Dec 2026 16:00:00 GMT',
      };
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.createBucket(bucket('c'));
        // Upload ids are random: initiation order is not id order.
        await tx.createUpload(upload('b', 'k', 'zz'));
        await tx.createUpload(upload('b', 'k', 'aa'));
        await tx.createUpload(full);
        await tx.createUpload(upload('b', 'a/b', 'mm'));
        await tx.createUpload(upload('b', 'a-b', 'nn'));
        await tx.createUpload(upload('b', 'k', 'bb'));
        await tx.createUpload(upload('c', 'k', 'other'));
      });
      expect(await store.getUpload('u-full')).toEqual(full);
      expect(await store.getUpload('missing')).toBeUndefined();
      const ids = async (listing: {
        prefix?: string;
        keyMarker?: string;
        uploadIdMarker?: string;
        limit: number;
      }) => (await store.listUploads('b', listing)).map((u) => u.uploadId);
      expect(await ids({ limit: 100 })).toEqual(['nn', 'mm', 'u-full', 'zz', 'aa', 'bb']);
      expect(await ids({ prefix: 'a', limit: 100 })).toEqual(['nn', 'mm']);
      expect(await ids({ keyMarker: 'big/é.bin', limit: 100 })).toEqual(['zz', 'aa', 'bb']);
      expect(await ids({ keyMarker: 'k', uploadIdMarker: 'zz', limit: 100 })).toEqual(['aa', 'bb']);
      expect(await ids({ keyMarker: 'a/b', uploadIdMarker: 'mm', limit: 2 })).toEqual(['u-full', 'zz']);
      expect(await ids({ limit: 2 })).toEqual(['nn', 'mm']);
    });

    it('creates or replaces parts, lists them in part order, and removes them with the upload', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.createUpload(upload('b', 'k', 'u1'));
        await tx.createUpload(upload('b', 'k', 'u2'));
        for (const n of [3, 1, 10, 2])
          expect(await tx.putPart(part('u1', n))).toEqual({ replacedBodyIds: [] });
        await tx.putPart(part('u2', 1));
      });
      const replacement = {
        ...part('u1', 2, 'new-body'),
        size: 7,
        etag: 'e'.repeat(32),
        checksums: { CRC32: 'x' },
      };
      expect(await write(store, (tx) => tx.putPart(replacement))).toEqual({ replacedBodyIds: ['u1-part-2'] });
      expect(await store.listParts('u1', 0, 100)).toEqual([
        part('u1', 1),
        replacement,
        part('u1', 3),
        part('u1', 10),
      ]);
      expect((await store.listParts('u1', 2, 1)).map((p) => p.partNumber)).toEqual([3]);
      expect((await store.listParts('u1', 10, 100)).map((p) => p.partNumber)).toEqual([]);
      expect(await store.listParts('missing', 0, 100)).toEqual([]);

      const removed = await write(store, (tx) => tx.deleteUpload('u1'));
      expect([...removed.removedBodyIds].sort()).toEqual([
        'new-body',
        'u1-part-1',
        'u1-part-10',
        'u1-part-3',
      ]);
      expect(await store.getUpload('u1')).toBeUndefined();
      expect(await store.listParts('u1', 0, 100)).toEqual([]);
      expect(await store.listParts('u2', 0, 100)).toEqual([part('u2', 1)]);
      expect(await storeErrorCode(write(store, (tx) => tx.deleteUpload('u1')))).toBe('NoSuchEntity');
    });

    it('refuses a part without its upload and an upload without its bucket', async () => {
      const store = ctx.store();
      await write(store, (tx) => tx.createBucket(bucket('b')));
      expect(await storeErrorCode(write(store, (tx) => tx.putPart(part('nope', 1))))).toBe('NoSuchEntity');
      expect(await storeErrorCode(write(store, (tx) => tx.createUpload(upload('nope', 'k', 'u'))))).toBe(
        'NoSuchEntity',
      );
      await write(store, (tx) => tx.createUpload(upload('b', 'k', 'u')));
      expect(await storeErrorCode(write(store, (tx) => tx.createUpload(upload('b', 'k2', 'u'))))).toBe(
        'EntityAlreadyExists',
      );
    });
  });

  describe('S3 writes in transactions', () => {
    it('rolls back every S3 write of a failed transaction', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.putObject(object('b', 'kept', { bodyId: 'old' }));
        await tx.createUpload(upload('b', 'k', 'u1'));
      });
      const failure = store.transaction(async (tx) => {
        await tx.createBucket(bucket('new-bucket'));
        await tx.updateBucket('b', { versioning: 'Enabled' });
        await tx.putObject(object('b', 'kept', { bodyId: 'replacement' }));
        await tx.putObject(object('b', 'added'));
        await tx.putPart(part('u1', 1));
        await tx.createUpload(upload('b', 'k', 'u2'));
        await tx.setAccountPublicAccessBlock(A, {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: true,
          restrictPublicBuckets: true,
        });
        // The transaction reads its own writes.
        expect((await tx.listObjects('b', { limit: 10 })).map((o) => o.key)).toEqual(['added', 'kept']);
        throw new Error('handler failed');
      });
      await expect(failure).rejects.toThrow('handler failed');
      expect(await store.getBucket('new-bucket')).toBeUndefined();
      expect((await store.getBucket('b'))?.versioning).toBeUndefined();
      expect((await store.listObjects('b', { limit: 10 })).map((o) => [o.key, o.bodyId])).toEqual([
        ['kept', 'old'],
      ]);
      expect(await store.listParts('u1', 0, 10)).toEqual([]);
      expect(await store.getUpload('u2')).toBeUndefined();
      expect(await store.getAccountPublicAccessBlock(A)).toBeUndefined();
    });

    it.runIf(ctx.reopen !== undefined)('keeps buckets, versions and uploads across a reopen', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b', A, { versioning: 'Enabled' }));
        await tx.putObject(object('b', 'k', { versionId: 'v1' }));
        await tx.putObject(object('b', 'k', { versionId: 'v2' }));
        await tx.createUpload(upload('b', 'k', 'u1'));
        await tx.putPart(part('u1', 1));
      });
      if (!ctx.reopen) throw new Error('this store keeps nothing');
      const reopened = await ctx.reopen();
      expect((await reopened.getBucket('b'))?.versioning).toBe('Enabled');
      expect(
        (await reopened.listObjectVersions('b', { limit: 10 })).map((o) => [o.versionId, o.isLatest]),
      ).toEqual([
        ['v2', true],
        ['v1', false],
      ]);
      expect(await reopened.listParts('u1', 0, 10)).toEqual([part('u1', 1)]);
      // New versions after a reopen still sort newest first.
      await write(reopened, (tx) => tx.putObject(object('b', 'k', { versionId: 'v0-after-reopen' })));
      expect((await reopened.getObject('b', 'k'))?.versionId).toBe('v0-after-reopen');
    });
  });
}
