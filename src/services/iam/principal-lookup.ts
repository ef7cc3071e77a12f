import type { PrincipalKind } from '../../store/records.js';
import type { StoreReads } from '../../store/store.js';
import { noSuchEntity } from './iam-errors.js';

/** NoSuchEntity with IAM's message unless the user, group or role exists in the account. */
export async function requirePrincipal(
  reads: StoreReads,
  account: string,
  kind: PrincipalKind,
  name: string,
): Promise<void> {
  const found =
    kind === 'user'
      ? await reads.getUser(account, name)
      : kind === 'group'
        ? await reads.getGroup(account, name)
        : await reads.getRole(account, name);
  if (!found) throw noSuchEntity(kind, name);
}
