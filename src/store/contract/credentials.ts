import { describe, expect, it } from 'vitest';
import type { MfaDeviceRecord } from '../records.js';
import {
  A,
  accessKey,
  B,
  type ContractContext,
  seedAccounts,
  session,
  storeErrorCode,
  T0,
  user,
  write,
} from './fixtures.js';

export function credentialContract(ctx: ContractContext): void {
  describe('access keys', () => {
    it('keeps user and root keys, finds any by id, lists oldest first, changes status, deletes', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const first = accessKey(A, 'David');
      const second = { ...accessKey(A, 'David'), createDate: T0 + 1, status: 'Inactive' as const };
      const root = accessKey(A);
      await write(store, async (tx) => {
        await tx.createUser(user(A, 'David'));
        await tx.createAccessKey(second);
        await tx.createAccessKey(first);
        await tx.createAccessKey(root);
      });
      expect(await store.getAccessKey(first.accessKeyId)).toEqual(first);
      expect(await store.getAccessKey(root.accessKeyId)).toEqual(root);
      expect((await store.getAccessKey(root.accessKeyId))?.userName).toBeUndefined();
      expect((await store.listAccessKeys(A, 'david')).map((k) => k.accessKeyId)).toEqual([
        first.accessKeyId,
        second.accessKeyId,
      ]);
      expect((await store.listAccessKeys(A, undefined)).map((k) => k.accessKeyId)).toEqual([
        root.accessKeyId,
      ]);
      expect(await store.listAccessKeys(B, undefined)).toEqual([]);
      await write(store, (tx) => tx.setAccessKeyStatus(second.accessKeyId, 'Active'));
      expect((await store.getAccessKey(second.accessKeyId))?.status).toBe('Active');
      expect(await storeErrorCode(write(store, (tx) => tx.createAccessKey(first)))).toBe(
        'EntityAlreadyExists',
      );
      await write(store, (tx) => tx.deleteAccessKey(first.accessKeyId));
      expect(await store.getAccessKey(first.accessKeyId)).toBeUndefined();
      expect(await storeErrorCode(write(store, (tx) => tx.deleteAccessKey(first.accessKeyId)))).toBe(
        'NoSuchEntity',
      );
      expect(
        await storeErrorCode(write(store, (tx) => tx.setAccessKeyStatus(first.accessKeyId, 'Active'))),
      ).toBe('NoSuchEntity');
      expect(await storeErrorCode(write(store, (tx) => tx.createAccessKey(accessKey(A, 'Nobody'))))).toBe(
        'NoSuchEntity',
      );
    });

    it('shows a noted last use at once and keeps it (API_GetAccessKeyLastUsed.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const key = accessKey(A);
      await write(store, (tx) => tx.createAccessKey(key));
      store.noteAccessKeyUse(key.accessKeyId, { date: T0 + 10, service: 'iam', region: 'us-east-1' });
      const expected = { lastUsedDate: T0 + 10, lastUsedService: 'iam', lastUsedRegion: 'us-east-1' };
      expect(await store.getAccessKey(key.accessKeyId)).toMatchObject(expected);
      // Let the batch be written, then ask again (through the database this time).
      await store.appendAudit({
        time: T0,
        requestId: 'r',
        service: 'iam',
        operation: 'GetUser',
        actions: [],
        resources: [],
      });
      expect(await store.getAccessKey(key.accessKeyId)).toMatchObject(expected);
      if (ctx.reopen) {
        const reopened = await ctx.reopen();
        expect(await reopened.getAccessKey(key.accessKeyId)).toMatchObject(expected);
      }
    });
  });

  describe('login profiles', () => {
    it('puts, replaces (keeping the creation date) and deletes a console password', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, (tx) => tx.createUser(user(A, 'David')));
      const profile = {
        accountId: A,
        userName: 'David',
        passwordHash: 'h1',
        passwordResetRequired: true,
        createDate: T0,
      };
      await write(store, (tx) => tx.putLoginProfile(profile));
      expect(await store.getLoginProfile(A, 'david')).toEqual(profile);
      await write(store, (tx) =>
        tx.putLoginProfile({
          ...profile,
          passwordHash: 'h2',
          passwordResetRequired: false,
          createDate: T0 + 9,
        }),
      );
      expect(await store.getLoginProfile(A, 'David')).toEqual({
        ...profile,
        passwordHash: 'h2',
        passwordResetRequired: false,
      });
      await write(store, (tx) => tx.deleteLoginProfile(A, 'David'));
      expect(await store.getLoginProfile(A, 'David')).toBeUndefined();
      expect(await storeErrorCode(write(store, (tx) => tx.deleteLoginProfile(A, 'David')))).toBe(
        'NoSuchEntity',
      );
      expect(
        await storeErrorCode(write(store, (tx) => tx.putLoginProfile({ ...profile, userName: 'Nobody' }))),
      ).toBe('NoSuchEntity');
    });
  });

  describe('virtual MFA devices', () => {
    const device = (name: string): Omit<MfaDeviceRecord, 'lastUsedStep'> => ({
      accountId: A,
      serialNumber: `arn:aws:iam::${A}:mfa/${name}`,
      name,
      path: '/',
      seed: 'JBSWY3DPEHPK3PXP',
      enabledForRoot: false,
      createDate: T0,
      tags: [],
    });

    it('creates, enables for a user or the root user, lists by assignment, deactivates and deletes (API_ListVirtualMFADevices.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, async (tx) => {
        await tx.createUser(user(A, 'David'));
        for (const name of ['david-phone', 'root-account-mfa-device', 'spare'])
          await tx.createMfaDevice(device(name));
      });
      expect(
        await storeErrorCode(
          write(store, (tx) => tx.createMfaDevice({ ...device('SPARE'), serialNumber: 'x' })),
        ),
      ).toBe('EntityAlreadyExists');
      const serial = device('david-phone').serialNumber;
      const enabled = await write(store, (tx) =>
        tx.updateMfaDevice(serial, { userName: 'David', enableDate: T0 + 1, lastUsedStep: 42 }),
      );
      expect(enabled).toMatchObject({ userName: 'David', enableDate: T0 + 1, lastUsedStep: 42 });
      expect(await store.getMfaDevice(serial)).toEqual(enabled);
      await write(store, (tx) =>
        tx.updateMfaDevice(device('root-account-mfa-device').serialNumber, {
          enabledForRoot: true,
          enableDate: T0,
        }),
      );
      const names = async (filter: Parameters<typeof store.listMfaDevices>[1]) =>
        (await store.listMfaDevices(A, filter, {})).items.map((d) => d.name);
      expect(await names({})).toEqual(['david-phone', 'root-account-mfa-device', 'spare']);
      expect(await names({ assignment: 'Assigned' })).toEqual(['david-phone', 'root-account-mfa-device']);
      expect(await names({ assignment: 'Unassigned' })).toEqual(['spare']);
      expect(await names({ userName: 'DAVID' })).toEqual(['david-phone']);
      const page = await store.listMfaDevices(A, {}, { maxItems: 2 });
      expect((await store.listMfaDevices(A, {}, { marker: page.marker })).items.map((d) => d.name)).toEqual([
        'spare',
      ]);
      const counts = await store.countAccountEntities(A);
      expect(counts).toMatchObject({ mfaDevices: 3, mfaDevicesInUse: 2, accountMfaEnabled: true });
      const off = await write(store, (tx) =>
        tx.updateMfaDevice(serial, { userName: null, enableDate: null }),
      );
      expect(off.userName).toBeUndefined();
      expect(off.enableDate).toBeUndefined();
      expect(off.lastUsedStep).toBe(42);
      await write(store, (tx) => tx.deleteMfaDevice(serial));
      expect(await store.getMfaDevice(serial)).toBeUndefined();
      expect(await storeErrorCode(write(store, (tx) => tx.deleteMfaDevice(serial)))).toBe('NoSuchEntity');
    });
  });

  describe('STS sessions', () => {
    it('keeps every fact of a session and finds it by access key id', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const s = {
        ...session(A, 'UpdateApp', 'David'),
        sourceIdentity: 'david@example.com',
        sessionPolicy: '{"Version":"2012-10-17","Statement":[]}',
        policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        tags: [{ key: 'Project', value: 'Unicorn' }],
        transitiveTagKeys: ['Project'],
        mfaAuthenticated: true,
        mfaAuthTime: T0 - 5,
        chained: true,
      };
      await write(store, (tx) => tx.createSession(s));
      expect(await store.getSession(s.accessKeyId)).toEqual(s);
      expect(await store.getSession('ASIAXXXXXXXXXXXXXXXX')).toBeUndefined();
      expect(
        await storeErrorCode(write(store, (tx) => tx.createSession({ ...s, accessKeyId: 'ASIAOTHER' }))),
      ).toBe('EntityAlreadyExists');
    });

    it('deletes expired sessions only', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const old = { ...session(A, 'R', 'old'), expiration: T0 };
      const fresh = { ...session(A, 'R', 'fresh'), expiration: T0 + 3600_000 };
      await write(store, async (tx) => {
        await tx.createSession(old);
        await tx.createSession(fresh);
      });
      expect(await write(store, (tx) => tx.deleteExpiredSessions(T0 + 1))).toBe(1);
      expect(await store.getSession(old.accessKeyId)).toBeUndefined();
      expect(await store.getSession(fresh.accessKeyId)).toBeDefined();
    });
  });
}
