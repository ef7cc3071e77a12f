import { describe, expect, it } from 'vitest';
import {
  A,
  B,
  type ContractContext,
  group,
  role,
  seedAccounts,
  storeErrorCode,
  T0,
  TRUST,
  user,
  write,
} from './fixtures.js';

export function groupAndRoleContract(ctx: ContractContext): void {
  describe('groups', () => {
    it('creates, finds without case, renames and lists groups', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const created = await write(store, (tx) => tx.createGroup(group(A, 'Developers', '/eng/')));
      await write(store, (tx) => tx.createGroup(group(A, 'Testers')));
      expect(await store.getGroup(A, 'DEVELOPERS')).toEqual(created);
      expect(await storeErrorCode(write(store, (tx) => tx.createGroup(group(A, 'testers'))))).toBe(
        'EntityAlreadyExists',
      );
      const renamed = await write(store, (tx) =>
        tx.updateGroup(A, 'developers', { name: 'Devs', path: '/', arn: `arn:aws:iam::${A}:group/Devs` }),
      );
      expect(renamed).toMatchObject({ id: created.id, name: 'Devs', path: '/' });
      expect((await store.listGroups(A, {}, {})).items.map((g) => g.name)).toEqual(['Devs', 'Testers']);
      expect((await store.listGroups(B, {}, {})).items).toEqual([]);
    });

    it('adds and removes members, lists groups of a user and members of a group by pages', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, async (tx) => {
        for (const name of ['Developers', 'Testers', 'Admins']) await tx.createGroup(group(A, name));
        for (const name of ['David', 'Theresa', 'Ann', 'Zoe']) await tx.createUser(user(A, name));
      });
      expect(await write(store, (tx) => tx.addUserToGroup(A, 'Developers', 'David'))).toBe(true);
      expect(await write(store, (tx) => tx.addUserToGroup(A, 'developers', 'david'))).toBe(false);
      await write(store, async (tx) => {
        await tx.addUserToGroup(A, 'Testers', 'David');
        for (const name of ['Theresa', 'Ann', 'Zoe']) await tx.addUserToGroup(A, 'Developers', name);
      });
      expect((await store.listGroupsForUser(A, 'David', {})).items.map((g) => g.name)).toEqual([
        'Developers',
        'Testers',
      ]);
      const first = await store.listGroupMembers(A, 'Developers', { maxItems: 2 });
      expect(first.items.map((u) => u.name)).toEqual(['Ann', 'David']);
      const second = await store.listGroupMembers(A, 'Developers', { maxItems: 2, marker: first.marker });
      expect(second.items.map((u) => u.name)).toEqual(['Theresa', 'Zoe']);
      expect(second.marker).toBeUndefined();
      expect(await write(store, (tx) => tx.removeUserFromGroup(A, 'Testers', 'David'))).toBe(true);
      expect(await write(store, (tx) => tx.removeUserFromGroup(A, 'Testers', 'David'))).toBe(false);
      expect((await store.listGroupsForUser(A, 'David', {})).items.map((g) => g.name)).toEqual([
        'Developers',
      ]);
      expect(await storeErrorCode(write(store, (tx) => tx.addUserToGroup(A, 'Developers', 'Nobody')))).toBe(
        'NoSuchEntity',
      );
      expect(await storeErrorCode(write(store, (tx) => tx.addUserToGroup(A, 'Nobody', 'David')))).toBe(
        'NoSuchEntity',
      );
    });

    it('refuses to delete a group with members or policies (API_DeleteGroup.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, async (tx) => {
        await tx.createGroup(group(A, 'Developers'));
        await tx.createUser(user(A, 'David'));
        await tx.addUserToGroup(A, 'Developers', 'David');
        await tx.putInlinePolicy(A, 'group', 'Developers', { name: 'inline', document: '{}' });
      });
      expect(await store.countGroupDependents(A, 'Developers')).toEqual({
        members: 1,
        inlinePolicies: 1,
        attachedPolicies: 0,
      });
      expect(await storeErrorCode(write(store, (tx) => tx.deleteGroup(A, 'Developers')))).toBe(
        'DeleteConflict',
      );
      await write(store, (tx) => tx.removeUserFromGroup(A, 'Developers', 'David'));
      expect(await storeErrorCode(write(store, (tx) => tx.deleteGroup(A, 'Developers')))).toBe(
        'DeleteConflict',
      );
      await write(store, (tx) => tx.deleteInlinePolicy(A, 'group', 'Developers', 'inline'));
      await write(store, (tx) => tx.deleteGroup(A, 'Developers'));
      expect(await store.getGroup(A, 'Developers')).toBeUndefined();
      expect(await storeErrorCode(write(store, (tx) => tx.deleteGroup(A, 'Developers')))).toBe(
        'NoSuchEntity',
      );
    });
  });

  describe('roles', () => {
    it('creates a role with its trust policy text kept exactly, and finds it by name and id', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const input = { ...role(A, 'UpdateApp', '/app/'), description: 'lets developers update the app' };
      const created = await write(store, (tx) => tx.createRole(input));
      expect(created.assumeRolePolicyDocument).toBe(TRUST);
      expect(await store.getRole(A, 'updateapp')).toEqual(created);
      expect(await store.getRoleById(input.id)).toEqual(created);
      expect(await storeErrorCode(write(store, (tx) => tx.createRole(role(A, 'UPDATEAPP'))))).toBe(
        'EntityAlreadyExists',
      );
    });

    it('updates trust policy, description, duration, boundary, tags and last use', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, (tx) => tx.createRole({ ...role(A, 'R'), description: 'd' }));
      const trust = '{"Version":"2012-10-17","Statement":[]}';
      const updated = await write(store, (tx) =>
        tx.updateRole(A, 'R', {
          assumeRolePolicyDocument: trust,
          description: null,
          maxSessionDuration: 43200,
          permissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
          tags: [{ key: 'a', value: 'b' }],
          lastUsedDate: T0,
          lastUsedRegion: 'us-east-1',
        }),
      );
      expect(await store.getRole(A, 'R')).toEqual(updated);
      expect(updated).toMatchObject({
        assumeRolePolicyDocument: trust,
        maxSessionDuration: 43200,
        lastUsedRegion: 'us-east-1',
      });
      expect(updated.description).toBeUndefined();
      await write(store, (tx) => tx.updateRole(A, 'R', { permissionsBoundaryArn: null }));
      expect((await store.getRole(A, 'R'))?.permissionsBoundaryArn).toBeUndefined();
      expect(await storeErrorCode(write(store, (tx) => tx.updateRole(A, 'X', { tags: [] })))).toBe(
        'NoSuchEntity',
      );
    });

    it('lists roles by pages and path, and deletes only without policies (API_DeleteRole.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, async (tx) => {
        for (const name of ['c', 'a', 'b']) await tx.createRole(role(A, name, name === 'b' ? '/svc/' : '/'));
        await tx.putInlinePolicy(A, 'role', 'a', { name: 'p', document: '{}' });
      });
      const page = await store.listRoles(A, {}, { maxItems: 2 });
      expect(page.items.map((r) => r.name)).toEqual(['a', 'b']);
      expect((await store.listRoles(A, {}, { marker: page.marker })).items.map((r) => r.name)).toEqual(['c']);
      expect((await store.listRoles(A, { pathPrefix: '/svc' }, {})).items.map((r) => r.name)).toEqual(['b']);
      expect(await store.countRoleDependents(A, 'a')).toEqual({ inlinePolicies: 1, attachedPolicies: 0 });
      expect(await storeErrorCode(write(store, (tx) => tx.deleteRole(A, 'a')))).toBe('DeleteConflict');
      await write(store, (tx) => tx.deleteInlinePolicy(A, 'role', 'a', 'p'));
      await write(store, (tx) => tx.deleteRole(A, 'A'));
      expect(await store.getRole(A, 'a')).toBeUndefined();
    });
  });
}
