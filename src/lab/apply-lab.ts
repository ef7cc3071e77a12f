import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encodeBase32 } from '../arn/aws-ids.js';
import { hashPassword, verifyPassword } from '../store/password-hash.js';
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

/**
 * Makes the store hold what the lab describes. Applying the same lab twice changes nothing: existing
 * accounts keep their creation date, a password already set is not re-hashed, keys are not re-made.
 */
export async function applyLab(store: Store, lab: Lab, now: Date): Promise<void> {
  // Hashing is slow: done before the transaction, which must not wait on it.
  // scrypt runs in libuv's thread pool: the accounts are hashed side by side.
  const hashes = new Map(
    await Promise.all(
      lab.accounts.map(async (account) => {
        const existing = await store.getAccount(account.id);
        const password = account.root.password;
        const kept =
          password &&
          existing?.rootPasswordHash &&
          (await verifyPassword(password, existing.rootPasswordHash));
        const hash = kept ? existing?.rootPasswordHash : password ? await hashPassword(password) : undefined;
        return [account.id, hash] as const;
      }),
    ),
  );
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
      const hash = hashes.get(account.id);
      await tx.putAccount({
        id: account.id,
        rootEmail: account.root.email,
        createDate: existingAccounts.get(account.id)?.createDate ?? now.getTime(),
        ...(hash ? { rootPasswordHash: hash } : {}),
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
}

let vendored: VendoredPolicy[] | undefined;

/** AWS managed policies vendored in models/aws-managed-policies.json (see NOTICE). */
function awsManagedPolicies(): VendoredPolicy[] {
  vendored ??= (
    JSON.parse(readFileSync(new URL('../../models/aws-managed-policies.json', import.meta.url), 'utf8')) as {
      policies: VendoredPolicy[];
    }
  ).policies;
  return vendored;
}

/** The published documents carry no policy id: a stable ANPA… id is derived from the name. */
function awsManagedPolicyId(name: string): string {
  return `ANPA${encodeBase32(createHash('sha256').update(`aws-managed-policy:${name}`).digest()).slice(0, 17)}`;
}
