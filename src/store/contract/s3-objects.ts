import { describe, expect, it } from 'vitest';
import type { ObjectRecord } from '../s3-records.js';
import type { Store } from '../store.js';
import { A, B, type ContractContext, storeErrorCode, T0, write } from './fixtures.js';
import { bucket, canonicalId, deleteMarker, object, part, upload } from './s3-fixtures.js';

/** Keys whose UTF-8 byte order differs from JS string order and from naive ASCII intuitions. */
const KEYS = ['a', 'a-b', 'a/b', 'a/b/c', 'ab', 'A', 'Z', 'e', 'é', 'ée', 'z', '～', '😀', '😀/x', '中文'];

function utf8Order(keys: readonly string[]): string[] {
  return [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
}

const versionsOf = async (store: Store, key: string) =>
  (await store.listObjectVersions('b', { prefix: key, limit: 100 }))
    .filter((o) => o.key === key)
    .map((o) => ({ v: o.versionId, latest: o.isLatest, marker: o.deleteMarker }));

export function s3ObjectContract(ctx: ContractContext): void {
  describe('S3 objects', () => {
    it('keeps every field of an object version', async () => {
      const store = ctx.store();
      const full = object('b', 'photos/2026/é.jpg', {
        versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo',
        size: 17 * 1024 * 1024,
        etag: 'd41d8cd98f00b204e9800998ecf8427e-3',
        metadata: { 'camera-make': 'Fuji', empty: '' },
        storageClass: 'STANDARD_IA',
        checksums: { CRC32: 'AAAAAA==', SHA256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=' },
        checksumType: 'COMPOSITE',
        tags: [{ key: 'k', value: 'v' }],
        acl: {
          ownerId: canonicalId(B),
          grants: [{ grantee: { type: 'CanonicalUser', id: canonicalId(A) }, permission: 'FULL_CONTROL' }],
        },
        ownerAccountId: B,
        partSizes: [8388608, 8388608, 1048576],
        contentType: 'image/jpeg',
        contentEncoding: 'gzip',
        contentDisposition: 'attachment; filename="é.jpg"',
        contentLanguage: 'fr',
        cacheControl: 'max-age=60',
        expires: 'Thu, 01 Dec 2026 16:00:00 GMT',
      });
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        expect(await tx.putObject(full)).toEqual({ replacedBodyIds: [] });
      });
      expect(await store.getObject('b', full.key)).toEqual(full);
      expect(await store.getObject('b', full.key, full.versionId)).toEqual(full);
      expect(await store.getObject('b', full.key, 'null')).toBeUndefined();
      expect(await store.getObject('b', 'photos/2026/e.jpg')).toBeUndefined();
      expect(await store.getObject('other', full.key)).toBeUndefined();
    });

    it('lists every body an object version or an upload part names, and no other', async () => {
      const store = ctx.store();
      await write(store, (tx) => tx.createBucket(bucket('b')));
      await write(store, (tx) => tx.putObject(object('b', 'k', { bodyId: 'object-body' })));
      await write(store, (tx) => tx.putObject(deleteMarker('b', 'gone', 'null')));
      await write(store, async (tx) => {
        await tx.createUpload(upload('b', 'big', 'u1'));
        await tx.putPart(part('u1', 1, 'part-body'));
      });
      expect(await store.listBodyIds()).toEqual(new Set(['object-body', 'part-body']));
    });

    it('replaces the null version of an unversioned key and returns the old body', async () => {
      const store = ctx.store();
      await write(store, (tx) => tx.createBucket(bucket('b')));
      await write(store, (tx) => tx.putObject(object('b', 'k', { bodyId: 'first' })));
      const second = object('b', 'k', { bodyId: 'second', size: 9, lastModified: T0 + 1 });
      expect(await write(store, (tx) => tx.putObject(second))).toEqual({ replacedBodyIds: ['first'] });
      expect(await store.getObject('b', 'k')).toEqual(second);
      expect(await versionsOf(store, 'k')).toEqual([{ v: 'null', latest: true, marker: false }]);
      // A delete marker in place of the null version (DeleteObject on a suspended bucket) replaces it too.
      const marker = deleteMarker('b', 'k', 'null');
      expect(await write(store, (tx) => tx.putObject(marker))).toEqual({ replacedBodyIds: ['second'] });
      expect(await store.listObjects('b', { limit: 10 })).toEqual([]);
      const removed = await write(store, (tx) => tx.deleteObjectVersion('b', 'k', 'null'));
      expect(removed).toEqual({ deleted: marker, removedBodyIds: [] });
      expect(await store.getObject('b', 'k')).toBeUndefined();
    });

    it('adds versions when versioning is enabled; suspended, the null version alone is replaced', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.putObject(object('b', 'k', { bodyId: 'n0' })); // before versioning was enabled
        await tx.putObject(object('b', 'k', { versionId: 'v1' }));
        await tx.putObject(object('b', 'k', { versionId: 'v2' }));
      });
      expect((await store.getObject('b', 'k'))?.versionId).toBe('v2');
      expect((await store.getObject('b', 'k', 'v1'))?.isLatest).toBe(false);
      expect(await versionsOf(store, 'k')).toEqual([
        { v: 'v2', latest: true, marker: false },
        { v: 'v1', latest: false, marker: false },
        { v: 'null', latest: false, marker: false },
      ]);
      // Suspended: the new null version becomes the latest, replacing the old null one only.
      const put = await write(store, (tx) => tx.putObject(object('b', 'k', { bodyId: 'n1' })));
      expect(put.replacedBodyIds).toEqual(['n0']);
      expect(await versionsOf(store, 'k')).toEqual([
        { v: 'null', latest: true, marker: false },
        { v: 'v2', latest: false, marker: false },
        { v: 'v1', latest: false, marker: false },
      ]);
      expect(
        await storeErrorCode(write(store, (tx) => tx.putObject(object('b', 'k', { versionId: 'v1' })))),
      ).toBe('EntityAlreadyExists');
    });

    it('hides a key behind a delete marker and moves the latest flag when versions are deleted', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.putObject(object('b', 'k', { versionId: 'v1', bodyId: 'b1' }));
        await tx.putObject(object('b', 'k', { versionId: 'v2', bodyId: 'b2' }));
        await tx.putObject(deleteMarker('b', 'k', 'm3'));
        await tx.putObject(object('b', 'other'));
      });
      expect((await store.listObjects('b', { limit: 10 })).map((o) => o.key)).toEqual(['other']);
      expect((await store.getObject('b', 'k'))?.deleteMarker).toBe(true);
      expect(await versionsOf(store, 'k')).toEqual([
        { v: 'm3', latest: true, marker: true },
        { v: 'v2', latest: false, marker: false },
        { v: 'v1', latest: false, marker: false },
      ]);

      // Removing the marker brings v2 back.
      await write(store, (tx) => tx.deleteObjectVersion('b', 'k', 'm3'));
      expect(await store.getObject('b', 'k')).toMatchObject({ versionId: 'v2', isLatest: true });
      expect((await store.listObjects('b', { limit: 10 })).map((o) => o.key)).toEqual(['k', 'other']);
      // Removing an older version leaves the latest alone.
      expect(await write(store, (tx) => tx.deleteObjectVersion('b', 'k', 'v1'))).toMatchObject({
        deleted: { versionId: 'v1', isLatest: false },
        removedBodyIds: ['b1'],
      });
      expect(await versionsOf(store, 'k')).toEqual([{ v: 'v2', latest: true, marker: false }]);
      // A version that is not there: nothing removed, no error.
      expect(await write(store, (tx) => tx.deleteObjectVersion('b', 'k', 'v1'))).toEqual({
        removedBodyIds: [],
      });
      expect(await write(store, (tx) => tx.deleteObjectVersion('b', 'k', 'v2'))).toMatchObject({
        removedBodyIds: ['b2'],
      });
      expect(await store.getObject('b', 'k')).toBeUndefined();
      expect(await versionsOf(store, 'k')).toEqual([]);
    });

    it('changes the tags or ACL of the latest or of a given version', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.putObject(object('b', 'k', { versionId: 'v1', tags: [{ key: 'a', value: '1' }] }));
        await tx.putObject(object('b', 'k', { versionId: 'v2' }));
      });
      const acl = {
        ownerId: canonicalId(A),
        grants: [
          { grantee: { type: 'CanonicalUser' as const, id: canonicalId(B) }, permission: 'READ' as const },
        ],
      };
      const latest = await write(store, (tx) => tx.updateObject('b', 'k', undefined, { acl }));
      expect(latest).toMatchObject({ versionId: 'v2', acl, tags: [] });
      expect(await store.getObject('b', 'k')).toEqual(latest);
      await write(store, (tx) => tx.updateObject('b', 'k', 'v1', { tags: [{ key: 'b', value: '2' }] }));
      expect((await store.getObject('b', 'k', 'v1'))?.tags).toEqual([{ key: 'b', value: '2' }]);
      await write(store, (tx) => tx.updateObject('b', 'k', 'v1', { tags: undefined }));
      expect((await store.getObject('b', 'k', 'v1'))?.tags).toEqual([]);
      expect((await store.getObject('b', 'k', 'v2'))?.acl).toEqual(acl);
      for (const [key, version] of [
        ['k', 'v9'],
        ['nope', undefined],
      ] as const) {
        expect(
          await storeErrorCode(write(store, (tx) => tx.updateObject('b', key, version, { tags: [] }))),
        ).toBe('NoSuchEntity');
      }
    });

    it('refuses an object in a missing bucket, and a refused write changes nothing', async () => {
      const store = ctx.store();
      expect(await storeErrorCode(write(store, (tx) => tx.putObject(object('nope', 'k'))))).toBe(
        'NoSuchEntity',
      );
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.putObject(object('b', 'k', { versionId: 'v1' }));
        await tx.putObject(object('b', 'k', { versionId: 'v2' }));
        // A refused write inside a transaction leaves the others whole: v2 stays the latest.
        expect(await storeErrorCode(tx.putObject(object('b', 'k', { versionId: 'v1' })))).toBe(
          'EntityAlreadyExists',
        );
      });
      expect(await versionsOf(store, 'k')).toEqual([
        { v: 'v2', latest: true, marker: false },
        { v: 'v1', latest: false, marker: false },
      ]);
    });

    it('lists keys in UTF-8 byte order, by prefix and after a marker, page by page', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.createBucket(bucket('c'));
        for (const key of KEYS) await tx.putObject(object('b', key));
        await tx.putObject(object('c', 'a/other-bucket'));
      });
      const sorted = utf8Order(KEYS);
      const keys = async (listing: { prefix?: string; after?: string; limit: number }) =>
        (await store.listObjects('b', listing)).map((o) => o.key);
      expect(await keys({ limit: 100 })).toEqual(sorted);
      // `a-b` before `a/b`: '-' is 0x2D, '/' is 0x2F; 😀 (F0 9F…) after ～ (EF BD…), unlike JS's UTF-16 order.
      expect(sorted.indexOf('a-b')).toBeLessThan(sorted.indexOf('a/b'));
      expect(sorted.indexOf('～')).toBeLessThan(sorted.indexOf('😀'));
      expect(await keys({ prefix: 'a', limit: 100 })).toEqual(['a', 'a-b', 'a/b', 'a/b/c', 'ab']);
      expect(await keys({ prefix: 'a/', limit: 100 })).toEqual(['a/b', 'a/b/c']);
      expect(await keys({ prefix: 'é', limit: 100 })).toEqual(['é', 'ée']);
      expect(await keys({ prefix: '😀', limit: 100 })).toEqual(['😀', '😀/x']);
      expect(await keys({ prefix: 'x', limit: 100 })).toEqual([]);
      expect(await keys({ after: 'a/b', limit: 3 })).toEqual(['a/b/c', 'ab', 'e']);
      expect(await keys({ after: 'é', limit: 100 })).toEqual(sorted.slice(sorted.indexOf('é') + 1));
      // A marker before the prefix starts at the prefix; one past it yields nothing.
      expect(await keys({ prefix: 'a/', after: 'A', limit: 100 })).toEqual(['a/b', 'a/b/c']);
      expect(await keys({ prefix: 'a/', after: 'b', limit: 100 })).toEqual([]);
      // A marker that is no key resumes at the next key above it.
      expect(await keys({ after: 'a0', limit: 1 })).toEqual(['ab']);
      for (const limit of [1, 2, 5]) {
        const paged: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await keys({ after, limit });
          paged.push(...page);
          if (page.length < limit) break;
          after = page[page.length - 1];
        }
        expect(paged, `limit ${limit}`).toEqual(sorted);
      }
    });

    it('lists versions key by key, newest first, resuming after a key and version marker', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        for (const key of ['é', 'a/b', 'a-b']) {
          await tx.putObject(object('b', key, { versionId: `${key}:1` }));
          await tx.putObject(object('b', key, { versionId: `${key}:2` }));
          await tx.putObject(deleteMarker('b', key, `${key}:3`));
        }
        await tx.putObject(object('b', 'a/b', { versionId: 'a/b:4' }));
      });
      const all = (await store.listObjectVersions('b', { limit: 100 })).map((o) => o.versionId);
      expect(all).toEqual([
        'a-b:3',
        'a-b:2',
        'a-b:1',
        'a/b:4',
        'a/b:3',
        'a/b:2',
        'a/b:1',
        'é:3',
        'é:2',
        'é:1',
      ]);
      const latest = (await store.listObjectVersions('b', { limit: 100 })).filter((o) => o.isLatest);
      expect(latest.map((o) => o.versionId)).toEqual(['a-b:3', 'a/b:4', 'é:3']);
      const page = async (listing: {
        prefix?: string;
        keyMarker?: string;
        versionIdMarker?: string;
        limit: number;
      }) => (await store.listObjectVersions('b', listing)).map((o: ObjectRecord) => o.versionId);
      expect(await page({ prefix: 'a/', limit: 100 })).toEqual(['a/b:4', 'a/b:3', 'a/b:2', 'a/b:1']);
      expect(await page({ keyMarker: 'a/b', limit: 100 })).toEqual(['é:3', 'é:2', 'é:1']);
      expect(await page({ keyMarker: 'a/b', versionIdMarker: 'a/b:3', limit: 3 })).toEqual([
        'a/b:2',
        'a/b:1',
        'é:3',
      ]);
      for (const limit of [1, 2, 3, 4]) {
        const paged: string[] = [];
        let marker: { keyMarker?: string; versionIdMarker?: string } = {};
        for (;;) {
          const rows = await store.listObjectVersions('b', { ...marker, limit });
          paged.push(...rows.map((o) => o.versionId));
          const last = rows[rows.length - 1];
          if (rows.length < limit || !last) break;
          marker = { keyMarker: last.key, versionIdMarker: last.versionId };
        }
        expect(paged, `limit ${limit}`).toEqual(all);
      }
    });
  });
}
