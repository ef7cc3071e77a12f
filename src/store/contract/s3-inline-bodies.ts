import { describe, expect, it } from 'vitest';
import type { ContractContext } from './fixtures.js';
import { storeErrorCode, write } from './fixtures.js';
import { bucket, deleteMarker, object, part, upload } from './s3-fixtures.js';

const bytes = (text: string) => Buffer.from(text);

export function s3InlineBodyContract(ctx: ContractContext): void {
  describe('S3 inline bodies', () => {
    it('keeps an inline body byte for byte under a new id only', async () => {
      const store = ctx.store();
      const binary = Buffer.from([0, 255, 1, 254, 0]);
      await write(store, (tx) => tx.putInlineBody('i.one', binary));
      expect(await store.getInlineBody('i.one')).toEqual(binary);
      expect(await store.getInlineBody('i.missing')).toBeUndefined();
      expect(await storeErrorCode(write(store, (tx) => tx.putInlineBody('i.one', bytes('again'))))).toBe(
        'EntityAlreadyExists',
      );
      expect(await store.getInlineBody('i.one')).toEqual(binary);
      if (ctx.reopen) expect(await (await ctx.reopen()).getInlineBody('i.one')).toEqual(binary);
    });

    it('deletes an inline body with the write that drops its record, and returns only file bodies', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.putInlineBody('i.first', bytes('first'));
        await tx.putObject(object('b', 'k', { bodyId: 'i.first' }));
      });
      // Replaced by a file body: the inline one goes in the same transaction, nothing is handed back.
      const second = object('b', 'k', { bodyId: 'file-second' });
      expect(await write(store, (tx) => tx.putObject(second))).toEqual({ replacedBodyIds: [] });
      expect(await store.getInlineBody('i.first')).toBeUndefined();
      // A file body replaced by an inline one is handed back for removal.
      await write(store, (tx) => tx.putInlineBody('i.third', bytes('third')));
      const third = object('b', 'k', { bodyId: 'i.third' });
      expect(await write(store, (tx) => tx.putObject(third))).toEqual({ replacedBodyIds: ['file-second'] });
      expect(await write(store, (tx) => tx.deleteObjectVersion('b', 'k', 'null'))).toEqual({
        deleted: third,
        removedBodyIds: [],
      });
      expect(await store.getInlineBody('i.third')).toBeUndefined();
      await write(store, (tx) => tx.putObject(deleteMarker('b', 'k', 'null')));
    });

    it('deletes inline parts when they are replaced or their upload ends', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.createUpload(upload('b', 'k', 'u1'));
        for (const id of ['i.p1', 'i.p2', 'i.p2b']) await tx.putInlineBody(id, bytes(id));
        await tx.putPart(part('u1', 1, 'i.p1'));
        await tx.putPart(part('u1', 2, 'i.p2'));
        await tx.putPart(part('u1', 3, 'file-p3'));
      });
      expect(await write(store, (tx) => tx.putPart(part('u1', 2, 'i.p2b')))).toEqual({ replacedBodyIds: [] });
      expect(await store.getInlineBody('i.p2')).toBeUndefined();
      expect(await write(store, (tx) => tx.deleteUpload('u1'))).toEqual({ removedBodyIds: ['file-p3'] });
      for (const id of ['i.p1', 'i.p2b']) expect(await store.getInlineBody(id)).toBeUndefined();
    });

    it('refuses an object version or a part naming an inline body that is not stored', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.createUpload(upload('b', 'k', 'u1'));
      });
      const orphan = object('b', 'k', { bodyId: 'i.never-written' });
      expect(await storeErrorCode(write(store, (tx) => tx.putObject(orphan)))).toBe('NoSuchEntity');
      expect(await storeErrorCode(write(store, (tx) => tx.putPart(part('u1', 1, 'i.never-written'))))).toBe(
        'NoSuchEntity',
      );
      expect(await store.getObject('b', 'k')).toBeUndefined();
    });

    it('deletes inline bodies on demand, and sweeps those no record names', async () => {
      const store = ctx.store();
      await write(store, async (tx) => {
        await tx.createBucket(bucket('b'));
        await tx.createUpload(upload('b', 'k', 'u1'));
        for (const id of ['i.object', 'i.part', 'i.orphan1', 'i.orphan2', 'i.failed'])
          await tx.putInlineBody(id, bytes(id));
        await tx.putObject(object('b', 'k', { bodyId: 'i.object' }));
        await tx.putPart(part('u1', 1, 'i.part'));
      });
      await write(store, (tx) => tx.deleteInlineBodies(['i.failed', 'i.never-there']));
      expect(await store.getInlineBody('i.failed')).toBeUndefined();
      expect(await write(store, (tx) => tx.sweepInlineBodies())).toBe(2);
      expect(await store.getInlineBody('i.object')).toEqual(bytes('i.object'));
      expect(await store.getInlineBody('i.part')).toEqual(bytes('i.part'));
      expect(await store.getInlineBody('i.orphan1')).toBeUndefined();
      expect(await store.listBodyIds()).toEqual(new Set(['i.object', 'i.part']));
    });
  });
}
