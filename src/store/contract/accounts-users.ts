import { describe, expect, it } from 'vitest';
import type { StoreTx } from '../store.js';
import {
  A,
  account,
  B,
  type ContractContext,
  group,
  policy,
  seedAccounts,
  storeErrorCode,
  T0,
  user,
  write,
} from './fixtures.js';

// Names: "IAM user, group, role, and policy names must be unique within the account. Names are not
// distinguished by case." https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html
export function accountAndUserContract(ctx: ContractContext): void {
  describe('accounts', () => {
    it('puts, gets and lists accounts; putting again replaces (lab apply is idempotent)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await seedAccounts(store);
      expect((await store.listAccounts()).map((a) => a.id)).toEqual([B, A]);
      expect(await store.getAccount(A)).toEqual(account(A, { alias: 'production' }));
      expect(await store.getAccount('123456789012')).toBeUndefined();
      await write(store, (tx) =>
        tx.putAccount(account(A, { rootEmail: 'new@example.com', rootPasswordHash: 'h' })),
      );
      expect(await store.getAccount(A)).toMatchObject({
        rootEmail: 'new@example.com',
        rootPasswordHash: 'h',
      });
      expect((await store.getAccount(A))?.alias).toBeUndefined();
    });

    it('keeps account aliases unique across accounts (API_CreateAccountAlias.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      expect((await store.getAccountByAlias('development'))?.id).toBe(B);
      expect(await storeErrorCode(write(store, (tx) => tx.setAccountAlias(A, 'development')))).toBe(
        'EntityAlreadyExists',
      );
      await write(store, (tx) => tx.setAccountAlias(B, undefined));
      await write(store, (tx) => tx.setAccountAlias(A, 'development'));
      expect((await store.getAccountByAlias('development'))?.id).toBe(A);
      expect(await storeErrorCode(write(store, (tx) => tx.setAccountAlias('123456789012', 'x')))).toBe(
        'NoSuchEntity',
      );
    });
  });

  describe('users', () => {
    it('creates a user and finds it by name in any case, by unique id, with its case kept', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const input = user(A, 'David', '/engineering/');
      const created = await write(store, (tx) =>
        tx.createUser({ ...input, tags: [{ key: 'team', value: 'app' }] }),
      );
      expect(created).toMatchObject({ name: 'David', path: '/engineering/', arn: input.arn });
      expect(await store.getUser(A, 'david')).toEqual(created);
      expect(await store.getUser(A, 'DAVID')).toEqual(created);
      expect(await store.getUserById(input.id)).toEqual(created);
      expect(await store.getUser(B, 'David')).toBeUndefined();
    });

    it('refuses a second user whose name differs only in case, but not in another account', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, (tx) => tx.createUser(user(A, 'TESTUSER')));
      expect(await storeErrorCode(write(store, (tx) => tx.createUser(user(A, 'testuser'))))).toBe(
        'EntityAlreadyExists',
      );
      await write(store, (tx) => tx.createUser(user(B, 'testuser')));
      expect(await storeErrorCode(write(store, (tx) => tx.createUser(user('123456789012', 'x'))))).toBe(
        'NoSuchEntity',
      );
    });

    it('renames and moves a user, sets tags, boundary and password use, and refuses taken names', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const david = await write(store, (tx) => tx.createUser(user(A, 'David')));
      await write(store, (tx) => tx.createUser(user(A, 'Theresa')));
      const newArn = `arn:aws:iam::${A}:user/ops/Dave`;
      const boundary = `arn:aws:iam::${A}:policy/Boundary`;
      const updated = await write(store, (tx) =>
        tx.updateUser(A, 'david', {
          name: 'Dave',
          path: '/ops/',
          arn: newArn,
          tags: [{ key: 'k', value: 'v' }],
          permissionsBoundaryArn: boundary,
          passwordLastUsed: T0 + 5,
        }),
      );
      expect(updated).toMatchObject({
        id: david.id,
        name: 'Dave',
        path: '/ops/',
        arn: newArn,
        passwordLastUsed: T0 + 5,
      });
      expect(await store.getUser(A, 'David')).toBeUndefined();
      expect(await store.getUser(A, 'dave')).toEqual(updated);
      await write(store, (tx) => tx.updateUser(A, 'Dave', { permissionsBoundaryArn: null }));
      expect((await store.getUser(A, 'Dave'))?.permissionsBoundaryArn).toBeUndefined();
      expect((await store.getUser(A, 'Dave'))?.tags).toEqual([{ key: 'k', value: 'v' }]);
      expect(await storeErrorCode(write(store, (tx) => tx.updateUser(A, 'Dave', { name: 'THERESA' })))).toBe(
        'EntityAlreadyExists',
      );
      expect(await storeErrorCode(write(store, (tx) => tx.updateUser(A, 'Nobody', { path: '/' })))).toBe(
        'NoSuchEntity',
      );
    });

    it('lists users by name without case, filtered by path prefix, a page at a time', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const names = ['bob', 'Alice', 'carol', 'Dan', 'erin', 'Frank', 'grace'];
      await write(store, async (tx) => {
        for (const [k, name] of names.entries())
          await tx.createUser(user(A, name, k % 2 ? '/odd/' : '/even/x/'));
        await tx.createUser(user(B, 'Zed'));
      });
      const seen: string[] = [];
      let marker: string | undefined;
      let pages = 0;
      do {
        const page = await store.listUsers(A, {}, { maxItems: 3, marker });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((u) => u.name));
        marker = page.marker;
        pages++;
      } while (marker);
      expect(pages).toBe(3);
      expect(seen).toEqual(['Alice', 'bob', 'carol', 'Dan', 'erin', 'Frank', 'grace']);
      const even = await store.listUsers(A, { pathPrefix: '/even/' }, {});
      expect(even.items.map((u) => u.name)).toEqual(['bob', 'carol', 'erin', 'grace']);
      expect(even.marker).toBeUndefined();
      expect((await store.listUsers(A, { pathPrefix: '/EVEN/' }, {})).items).toEqual([]);
      expect(await storeErrorCode(store.listUsers(A, {}, { marker: 'not-a-marker' }))).toBe('InvalidMarker');
    });

    it('deletes a user, and refuses while it has keys, groups, policies, a password or MFA (API_DeleteUser.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const policyArn = `arn:aws:iam::${A}:policy/P`;
      await write(store, async (tx) => {
        await tx.createUser(user(A, 'David'));
        await tx.createGroup(group(A, 'G'));
        await tx.createPolicy(policy(A, 'P'));
      });
      const none = {
        accessKeys: 0,
        groups: 0,
        inlinePolicies: 0,
        attachedPolicies: 0,
        loginProfile: false,
        mfaDevices: 0,
      };
      expect(await store.countUserDependents(A, 'David')).toEqual(none);
      const key = `AKIA${'A'.repeat(16)}`;
      const serial = `arn:aws:iam::${A}:mfa/David`;
      const steps: [string, (tx: StoreTx) => Promise<unknown>, (tx: StoreTx) => Promise<unknown>][] = [
        [
          'accessKeys',
          (tx) =>
            tx.createAccessKey({
              accountId: A,
              accessKeyId: key,
              secretAccessKey: 's',
              userName: 'David',
              status: 'Active',
              createDate: T0,
            }),
          (tx) => tx.deleteAccessKey(key),
        ],
        [
          'groups',
          (tx) => tx.addUserToGroup(A, 'G', 'David'),
          (tx) => tx.removeUserFromGroup(A, 'G', 'David'),
        ],
        [
          'inlinePolicies',
          (tx) => tx.putInlinePolicy(A, 'user', 'David', { name: 'p', document: '{}' }),
          (tx) => tx.deleteInlinePolicy(A, 'user', 'David', 'p'),
        ],
        [
          'attachedPolicies',
          (tx) => tx.attachPolicy(A, 'user', 'David', policyArn),
          (tx) => tx.detachPolicy(A, 'user', 'David', policyArn),
        ],
        [
          'loginProfile',
          (tx) =>
            tx.putLoginProfile({
              accountId: A,
              userName: 'David',
              passwordHash: 'h',
              passwordResetRequired: false,
              createDate: T0,
            }),
          (tx) => tx.deleteLoginProfile(A, 'David'),
        ],
        [
          'mfaDevices',
          (tx) =>
            tx.createMfaDevice({
              accountId: A,
              serialNumber: serial,
              name: 'David',
              path: '/',
              seed: 'SEED',
              userName: 'David',
              enabledForRoot: false,
              enableDate: T0,
              createDate: T0,
              tags: [],
            }),
          (tx) => tx.deleteMfaDevice(serial),
        ],
      ];
      for (const [field, add, remove] of steps) {
        await write(store, add);
        const counts = (await store.countUserDependents(A, 'David')) as unknown as Record<string, unknown>;
        expect(counts[field], field).toBe(field === 'loginProfile' ? true : 1);
        expect(await storeErrorCode(write(store, (tx) => tx.deleteUser(A, 'David'))), field).toBe(
          'DeleteConflict',
        );
        expect(await store.getUser(A, 'David'), field).toBeDefined();
        await write(store, remove);
      }
      await write(store, (tx) => tx.deleteUser(A, 'david'));
      expect(await store.getUser(A, 'David')).toBeUndefined();
      expect(await storeErrorCode(write(store, (tx) => tx.deleteUser(A, 'David')))).toBe('NoSuchEntity');
      expect(await storeErrorCode(store.countUserDependents(A, 'David'))).toBe('NoSuchEntity');
    });
  });
}
