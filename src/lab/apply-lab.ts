import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encodeBase32 } from '../arn/aws-ids.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { hashPassword, verifyPassword } from '../store/password-hash.js';
import type { AccountRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Lab } from './read-lab.js';

interface VendoredPolicy {
  name: string;
  arn: string;
  versionId: string;
  createDate: string;
  updateDate: string;
  document: string;
}

// A root password costs ~90 ms of scrypt, to hash it or to check a stored hash against it: most of a
// start-up. So the lab is applied with this placeholder where a root password is, and the passwords are
// (re)hashed afterwards, while the server already answers. The placeholder verifies no password at all: a
// console login in those first ~100 ms is refused, never let through with a previous lab's password; and
// GetAccountSummary counts the password as present from the start. No faster hash of a password is kept.
const HASHING = 'scrypt$hashing';

export interface AppliedLab {
  /** Settles once every root password's scrypt hash is stored. */
  passwords: Promise<void>;
}

/**
 * Makes the store hold what the lab describes. Applying the same lab twice changes nothing once the
 * passwords are hashed: existing accounts keep their creation date, a stored hash that matches the
 * password is kept, keys are not re-made.
 */
export async function applyLab(store: Store, lab: Lab, now: Date): Promise<AppliedLab> {
  const existingKeys = new Set<string>();
  for (const account of lab.accounts) {
    const keyId = account.root.accessKeyId;
    if (keyId && (await store.getAccessKey(keyId))) existingKeys.add(keyId);
  }
  const existingAccounts = new Map((await store.listAccounts()).map((a) => [a.id, a]));

  await store.transaction(async (tx) => {
    for (const policy of awsManagedPolicies()) {
      await tx.putAwsManagedPolicy({
        id: awsManagedPolicyId(policy.name),
        name: policy.name,
        path: '/',
        arn: policy.arn,
        document: policy.document,
        defaultVersionId: policy.versionId,
        createDate: Date.parse(policy.createDate),
        updateDate: Date.parse(policy.updateDate),
      });
    }
    for (const account of lab.accounts) {
      await tx.putAccount({
        id: account.id,
        rootEmail: account.root.email,
        createDate: existingAccounts.get(account.id)?.createDate ?? now.getTime(),
        ...(account.root.password ? { rootPasswordHash: HASHING } : {}),
      });
      await tx.setAccountAlias(account.id, account.alias);
      const { accessKeyId, secretAccessKey } = account.root;
      if (accessKeyId && secretAccessKey && !existingKeys.has(accessKeyId)) {
        await tx.createAccessKey({
          accountId: account.id,
          accessKeyId,
          secretAccessKey,
          status: 'Active',
          createDate: now.getTime(),
        });
      }
    }
  });
  return { passwords: hashRootPasswords(store, lab, existingAccounts) };
}

/** Replaces each placeholder by the hash stored before, if it matches the lab's password, or a new one. */
async function hashRootPasswords(store: Store, lab: Lab, before: Map<string, AccountRecord>): Promise<void> {
  // scrypt runs in libuv's thread pool: the accounts are hashed side by side, outside the transaction.
  const hashes = await Promise.all(
    lab.accounts.flatMap(({ id, root: { password } }) => {
      if (!password) return [];
      const stored = before.get(id)?.rootPasswordHash;
      return [
        (async () => {
          const kept = stored !== undefined && (await verifyPassword(password, stored));
          return [id, kept ? stored : await hashPassword(password)] as const;
        })(),
      ];
    }),
  );
  await store.transaction(async (tx) => {
    for (const [id, hash] of hashes) {
      const account = await tx.getAccount(id);
      // Only the placeholder is replaced: a password set since then stays.
      if (account?.rootPasswordHash === HASHING) await tx.putAccount({ ...account, rootPasswordHash: hash });
    }
  });
}

/** AWS managed policies vendored in models/aws-managed-policies.json (see NOTICE). Read, not kept: a lab is applied once. */
function awsManagedPolicies(): VendoredPolicy[] {
  const file = new URL('models/aws-managed-policies.json', PACKAGE_ROOT);
  return (JSON.parse(readFileSync(file, 'utf8')) as { policies: VendoredPolicy[] }).policies;
}

/** The published documents carry no policy id: a stable ANPA… id is derived from the name. */
function awsManagedPolicyId(name: string): string {
  return `ANPA${encodeBase32(createHash('sha256').update(`aws-managed-policy:${name}`).digest()).slice(0, 17)}`;
}
