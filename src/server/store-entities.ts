import type { IamEntityKind, IamEntityLookup } from '../authorize/authz-target.js';
import type { GroupRecord, RoleRecord, UserRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/**
 * Authorization's view of existing IAM entities, answered by the store. Made once per request: each
 * entity is read once even though its path, tags and boundary are asked for separately.
 */
export function storeEntities(store: Store): IamEntityLookup {
  const read = new Map<string, Promise<UserRecord | GroupRecord | RoleRecord | undefined>>();
  const find = (account: string, kind: IamEntityKind, name: string) => {
    // IAM names are case-insensitive, as the store's lookups are.
    const key = `${account}/${kind}/${name.toLowerCase()}`;
    let entity = read.get(key);
    if (!entity) {
      entity =
        kind === 'user'
          ? store.getUser(account, name)
          : kind === 'group'
            ? store.getGroup(account, name)
            : store.getRole(account, name);
      read.set(key, entity);
    }
    return entity;
  };
  const tagged = (account: string, kind: 'user' | 'role', name: string) =>
    find(account, kind, name) as Promise<UserRecord | RoleRecord | undefined>;
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
