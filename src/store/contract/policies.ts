import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import {
  A,
  B,
  type ContractContext,
  doc,
  group,
  policy,
  role,
  seedAccounts,
  storeErrorCode,
  T0,
  user,
  write,
} from './fixtures.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

async function seedAwsPolicies(store: Store): Promise<void> {
  await write(store, async (tx) => {
    await tx.putAwsManagedPolicy({
      id: 'ANPAIWMBCKSKIEE64ZLYK',
      name: 'AdministratorAccess',
      path: '/',
      arn: ADMIN,
      description: 'Provides full access to AWS services and resources.',
      document: doc('*'),
      defaultVersionId: 'v1',
      createDate: T0,
      updateDate: T0,
    });
    await tx.putAwsManagedPolicy({
      id: 'ANPAILL3HVNFSB6DCOWYQ',
      name: 'ReadOnlyAccess',
      path: '/',
      arn: READ_ONLY,
      document: doc('s3:Get*'),
      defaultVersionId: 'v120',
      createDate: T0,
      updateDate: T0 + 1,
    });
  });
}

export function policyContract(ctx: ContractContext): void {
  describe('customer managed policies', () => {
    it('creates a policy whose v1 is the default, with its document kept as written', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const input = { ...policy(A, 'AllowS3', '/app/'), description: 'S3', tags: [{ key: 'k', value: 'v' }] };
      const created = await write(store, (tx) => tx.createPolicy(input));
      expect(created).toMatchObject({
        accountId: A,
        id: input.id,
        name: 'AllowS3',
        arn: input.arn,
        defaultVersionId: 'v1',
        createDate: T0,
        updateDate: T0,
        attachmentCount: 0,
        permissionsBoundaryUsageCount: 0,
        description: 'S3',
        tags: [{ key: 'k', value: 'v' }],
      });
      expect(await store.getPolicy(A, input.arn)).toEqual(created);
      expect(await store.getPolicyVersion(input.arn, 'v1')).toEqual({
        policyArn: input.arn,
        versionId: 'v1',
        document: input.document,
        isDefault: true,
        createDate: T0,
      });
      expect(await store.getPolicyVersion(input.arn, 'v2')).toBeUndefined();
      expect(await store.getPolicyVersion(input.arn, 'V1')).toBeUndefined();
      expect(await storeErrorCode(write(store, (tx) => tx.createPolicy(policy(A, 'allows3'))))).toBe(
        'EntityAlreadyExists',
      );
      await write(store, (tx) => tx.setPolicyTags(input.arn, []));
      expect((await store.getPolicy(A, input.arn))?.tags).toEqual([]);
    });

    it('adds versions, moves the default and never reuses a version id (API_CreatePolicyVersion.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const { arn } = await write(store, (tx) => tx.createPolicy(policy(A, 'P')));
      const v2 = await write(store, (tx) =>
        tx.createPolicyVersion(arn, { document: doc('a:b'), setAsDefault: false, createDate: T0 + 2 }),
      );
      expect(v2).toMatchObject({ versionId: 'v2', isDefault: false });
      expect((await store.getPolicy(A, arn))?.defaultVersionId).toBe('v1');
      expect((await store.getPolicy(A, arn))?.updateDate).toBe(T0 + 2);
      await write(store, async (tx) => {
        for (let k = 3; k <= 5; k++)
          await tx.createPolicyVersion(arn, {
            document: doc(`a:${k}`),
            setAsDefault: k === 4,
            createDate: T0 + k,
          });
      });
      expect((await store.getPolicy(A, arn))?.defaultVersionId).toBe('v4');
      expect((await store.listPolicyVersions(arn)).map((v) => [v.versionId, v.isDefault])).toEqual([
        ['v5', false],
        ['v4', true],
        ['v3', false],
        ['v2', false],
        ['v1', false],
      ]);
      expect(await store.countPolicyDependents(arn)).toEqual({
        attachments: 0,
        permissionsBoundaryUses: 0,
        nonDefaultVersions: 4,
      });
      expect(await storeErrorCode(write(store, (tx) => tx.deletePolicyVersion(arn, 'v4')))).toBe(
        'DeleteConflict',
      );
      await write(store, (tx) => tx.deletePolicyVersion(arn, 'v2'));
      expect(await storeErrorCode(write(store, (tx) => tx.deletePolicyVersion(arn, 'v2')))).toBe(
        'NoSuchEntity',
      );
      const v6 = await write(store, (tx) =>
        tx.createPolicyVersion(arn, { document: doc('x:y'), setAsDefault: true, createDate: T0 + 6 }),
      );
      expect(v6.versionId).toBe('v6');
      await write(store, (tx) => tx.setDefaultPolicyVersion(arn, 'v1'));
      expect((await store.getPolicyVersion(arn, 'v1'))?.isDefault).toBe(true);
      expect((await store.getPolicyVersion(arn, 'v6'))?.isDefault).toBe(false);
      expect(await storeErrorCode(write(store, (tx) => tx.setDefaultPolicyVersion(arn, 'v2')))).toBe(
        'NoSuchEntity',
      );
      expect(
        await storeErrorCode(
          write(store, (tx) =>
            tx.createPolicyVersion(`${arn}x`, { document: '{}', setAsDefault: true, createDate: T0 }),
          ),
        ),
      ).toBe('NoSuchEntity');
    });

    it('deletes a policy with its versions, but not while it is attached (API_DeletePolicy.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const { arn } = await write(store, async (tx) => {
        await tx.createUser(user(A, 'David'));
        const p = await tx.createPolicy(policy(A, 'P'));
        await tx.createPolicyVersion(p.arn, { document: '{}', setAsDefault: false, createDate: T0 });
        await tx.attachPolicy(A, 'user', 'David', p.arn);
        return p;
      });
      expect(await storeErrorCode(write(store, (tx) => tx.deletePolicy(arn)))).toBe('DeleteConflict');
      await write(store, (tx) => tx.detachPolicy(A, 'user', 'David', arn));
      await write(store, (tx) => tx.deletePolicy(arn));
      expect(await store.getPolicy(A, arn)).toBeUndefined();
      expect(await store.getPolicyVersion(arn, 'v2')).toBeUndefined();
      // The name is free again.
      await write(store, (tx) => tx.createPolicy(policy(A, 'P')));
    });
  });

  describe('AWS managed policies', () => {
    it('puts them idempotently in the aws pseudo account with their current version', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await seedAwsPolicies(store);
      await seedAwsPolicies(store);
      const readOnly = await store.getPolicy(A, READ_ONLY);
      expect(readOnly).toMatchObject({
        accountId: 'aws',
        defaultVersionId: 'v120',
        id: 'ANPAILL3HVNFSB6DCOWYQ',
      });
      expect((await store.getPolicyVersion(READ_ONLY, 'v120'))?.document).toBe(doc('s3:Get*'));
      expect(await store.listPolicyVersions(READ_ONLY)).toHaveLength(1);
    });

    it('lists by scope and attachment, counting attachments of the asking account only (API_ListPolicies.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await seedAwsPolicies(store);
      await write(store, async (tx) => {
        // A customer policy may share an AWS managed policy's name.
        await tx.createPolicy(policy(A, 'AdministratorAccess'));
        await tx.createPolicy(policy(A, 'Local', '/team/'));
        await tx.createPolicy(policy(B, 'OtherAccount'));
        await tx.createUser(user(A, 'David'));
        await tx.createGroup(group(A, 'Developers'));
        await tx.createRole(role(B, 'R'));
        await tx.attachPolicy(A, 'user', 'David', ADMIN);
        await tx.attachPolicy(A, 'group', 'Developers', ADMIN);
        await tx.attachPolicy(B, 'role', 'R', ADMIN);
        await tx.updateUser(A, 'David', { permissionsBoundaryArn: READ_ONLY });
      });
      const names = async (filter: Parameters<Store['listPolicies']>[1]) =>
        (await store.listPolicies(A, filter, {})).items.map((p) => `${p.accountId}:${p.name}`);
      expect(await names({})).toEqual([
        `${A}:AdministratorAccess`,
        'aws:AdministratorAccess',
        `${A}:Local`,
        'aws:ReadOnlyAccess',
      ]);
      expect(await names({ scope: 'Local' })).toEqual([`${A}:AdministratorAccess`, `${A}:Local`]);
      expect(await names({ scope: 'AWS' })).toEqual(['aws:AdministratorAccess', 'aws:ReadOnlyAccess']);
      expect(await names({ onlyAttached: true })).toEqual(['aws:AdministratorAccess']);
      expect(await names({ pathPrefix: '/team/' })).toEqual([`${A}:Local`]);
      expect((await store.getPolicy(A, ADMIN))?.attachmentCount).toBe(2);
      expect((await store.getPolicy(B, ADMIN))?.attachmentCount).toBe(1);
      expect((await store.getPolicy(A, READ_ONLY))?.permissionsBoundaryUsageCount).toBe(1);
      expect((await store.getPolicy(B, READ_ONLY))?.permissionsBoundaryUsageCount).toBe(0);
      expect(await store.countPolicyDependents(ADMIN)).toMatchObject({ attachments: 3 });
      expect(await store.countPolicyDependents(READ_ONLY)).toMatchObject({ permissionsBoundaryUses: 1 });
      // Paging through equal names in two owners.
      const first = await store.listPolicies(A, {}, { maxItems: 1 });
      const second = await store.listPolicies(A, {}, { maxItems: 1, marker: first.marker });
      expect([first.items[0]?.accountId, second.items[0]?.accountId]).toEqual([A, 'aws']);
    });
  });

  describe('attachments', () => {
    it('attaches once, lists attached policies by pages, detaches', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await seedAwsPolicies(store);
      const local = await write(store, async (tx) => {
        await tx.createRole(role(A, 'UpdateApp'));
        return tx.createPolicy(policy(A, 'AppPolicy', '/app/'));
      });
      expect(await write(store, (tx) => tx.attachPolicy(A, 'role', 'updateapp', ADMIN))).toBe(true);
      expect(await write(store, (tx) => tx.attachPolicy(A, 'role', 'UpdateApp', ADMIN))).toBe(false);
      await write(store, async (tx) => {
        await tx.attachPolicy(A, 'role', 'UpdateApp', READ_ONLY);
        await tx.attachPolicy(A, 'role', 'UpdateApp', local.arn);
      });
      const first = await store.listAttachedPolicies(A, 'role', 'UpdateApp', {}, { maxItems: 2 });
      expect(first.items).toEqual([
        { policyName: 'AdministratorAccess', policyArn: ADMIN },
        { policyName: 'AppPolicy', policyArn: local.arn },
      ]);
      const rest = await store.listAttachedPolicies(A, 'role', 'UpdateApp', {}, { marker: first.marker });
      expect(rest.items.map((p) => p.policyName)).toEqual(['ReadOnlyAccess']);
      expect(
        (await store.listAttachedPolicies(A, 'role', 'UpdateApp', { pathPrefix: '/app/' }, {})).items,
      ).toHaveLength(1);
      expect(await store.countRoleDependents(A, 'UpdateApp')).toEqual({
        inlinePolicies: 0,
        attachedPolicies: 3,
      });
      expect(await write(store, (tx) => tx.detachPolicy(A, 'role', 'UpdateApp', ADMIN))).toBe(true);
      expect(await write(store, (tx) => tx.detachPolicy(A, 'role', 'UpdateApp', ADMIN))).toBe(false);
      expect(await storeErrorCode(write(store, (tx) => tx.attachPolicy(A, 'role', 'Nobody', ADMIN)))).toBe(
        'NoSuchEntity',
      );
      expect(
        await storeErrorCode(write(store, (tx) => tx.attachPolicy(A, 'role', 'UpdateApp', `${ADMIN}2`))),
      ).toBe('NoSuchEntity');
    });

    it('lists entities for a policy: groups, users, roles, by kind and pages (API_ListEntitiesForPolicy.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await seedAwsPolicies(store);
      await write(store, async (tx) => {
        for (const name of ['u2', 'U1']) await tx.createUser(user(A, name));
        await tx.createGroup(group(A, 'g1', '/x/'));
        await tx.createRole(role(A, 'r1'));
        await tx.createRole(role(B, 'other'));
        for (const name of ['u2', 'U1']) await tx.attachPolicy(A, 'user', name, ADMIN);
        await tx.attachPolicy(A, 'group', 'g1', ADMIN);
        await tx.attachPolicy(A, 'role', 'r1', ADMIN);
        await tx.attachPolicy(B, 'role', 'other', ADMIN);
      });
      const all = await store.listEntitiesForPolicy(A, ADMIN, {}, {});
      expect(all.items.map((e) => `${e.kind}:${e.name}`)).toEqual([
        'group:g1',
        'user:U1',
        'user:u2',
        'role:r1',
      ]);
      expect((await store.listEntitiesForPolicy(A, ADMIN, { kind: 'user' }, {})).items).toHaveLength(2);
      expect(
        (await store.listEntitiesForPolicy(A, ADMIN, { pathPrefix: '/x/' }, {})).items.map((e) => e.name),
      ).toEqual(['g1']);
      const names: string[] = [];
      let marker: string | undefined;
      do {
        const page = await store.listEntitiesForPolicy(A, ADMIN, {}, { maxItems: 1, marker });
        names.push(...page.items.map((e) => e.name));
        marker = page.marker;
      } while (marker);
      expect(names).toEqual(['g1', 'U1', 'u2', 'r1']);
    });
  });

  describe('inline policies', () => {
    it('puts, replaces, lists by pages and deletes inline policies of users, groups and roles', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, async (tx) => {
        await tx.createUser(user(A, 'David'));
        await tx.createGroup(group(A, 'Developers'));
        await tx.createRole(role(A, 'UpdateApp'));
      });
      for (const [kind, name] of [
        ['user', 'David'],
        ['group', 'Developers'],
        ['role', 'UpdateApp'],
      ] as const) {
        await write(store, async (tx) => {
          await tx.putInlinePolicy(A, kind, name, { name: 'b', document: doc('b:1') });
          await tx.putInlinePolicy(A, kind, name, { name: 'a', document: doc('a:1') });
          await tx.putInlinePolicy(A, kind, name, { name: 'b', document: doc('b:2') });
        });
        expect(await store.getInlinePolicy(A, kind, name.toLowerCase(), 'b')).toEqual({
          name: 'b',
          document: doc('b:2'),
        });
        const first = await store.listInlinePolicies(A, kind, name, { maxItems: 1 });
        expect(first.items).toEqual([{ name: 'a', document: doc('a:1') }]);
        const rest = await store.listInlinePolicies(A, kind, name, { marker: first.marker });
        expect(rest.items.map((p) => p.name)).toEqual(['b']);
        expect(rest.marker).toBeUndefined();
        await write(store, (tx) => tx.deleteInlinePolicy(A, kind, name, 'a'));
        expect(await store.getInlinePolicy(A, kind, name, 'a')).toBeUndefined();
        expect(await storeErrorCode(write(store, (tx) => tx.deleteInlinePolicy(A, kind, name, 'a')))).toBe(
          'NoSuchEntity',
        );
      }
      expect(await storeErrorCode(store.getInlinePolicy(A, 'user', 'Nobody', 'a'))).toBe('NoSuchEntity');
    });
  });
}
