import type { IamEntityLookup } from '../authorize/authz-target.js';
import type { Store } from '../store/store.js';

/** Authorization's view of existing IAM entities, answered by the store. */
export function storeEntities(store: Store): IamEntityLookup {
  const find = (account: string, kind: 'user' | 'group' | 'role', name: string) =>
    kind === 'user'
      ? store.getUser(account, name)
      : kind === 'group'
        ? store.getGroup(account, name)
        : store.getRole(account, name);
  const tagged = (account: string, kind: 'user' | 'role', name: string) =>
    kind === 'user' ? store.getUser(account, name) : store.getRole(account, name);
  return {
    path: async (account, kind, name) => (await find(account, kind, name))?.path,
    tags: async (account, kind, name) => {
      const entity = await tagged(account, kind, name);
      return entity ? Object.fromEntries(entity.tags.map((t) => [t.key, t.value])) : undefined;
    },
    permissionsBoundary: async (account, kind, name) =>
      (await tagged(account, kind, name))?.permissionsBoundaryArn,
  };
}
