// Records for the contract suite, built the way the services will build them.
import {
  formatIamArn,
  newAccessKeyId,
  newSecretAccessKey,
  newSessionToken,
  newUniqueId,
} from '../../arn/index.js';
import type { AccessKeyRecord, AccountRecord, GroupRecord, SessionRecord } from '../records.js';
import type { ManagedPolicyInput, RoleInput, Store, StoreTx, UserInput } from '../store.js';

export const A = '999999999999';
export const B = '111111111111';
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface ContractContext {
  /** The store of the running test (a fresh one for each test). */
  store(): Store;
  /** Closes the running store and opens it again on the same data; undefined for stores that keep nothing. */
  reopen?: () => Promise<Store>;
  /** Reads outside a transaction see only committed data (false for a single-connection `:memory:`). */
  isolatedReads: boolean;
}

export function account(id: string, extra: Partial<AccountRecord> = {}): AccountRecord {
  return { id, rootEmail: `root@${id}.example`, createDate: T0, ...extra };
}

export function user(accountId: string, name: string, path = '/'): UserInput {
  return {
    accountId,
    id: newUniqueId('user'),
    name,
    path,
    arn: formatIamArn({ account: accountId, kind: 'user', path, name }),
    createDate: T0,
    tags: [],
  };
}

export function group(accountId: string, name: string, path = '/'): GroupRecord {
  return {
    accountId,
    id: newUniqueId('group'),
    name,
    path,
    arn: formatIamArn({ account: accountId, kind: 'group', path, name }),
    createDate: T0,
  };
}

export const TRUST =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}';

export function role(accountId: string, name: string, path = '/'): RoleInput {
  return {
    accountId,
    id: newUniqueId('role'),
    name,
    path,
    arn: formatIamArn({ account: accountId, kind: 'role', path, name }),
    createDate: T0,
    assumeRolePolicyDocument: TRUST,
    maxSessionDuration: 3600,
    tags: [],
  };
}

export function doc(action: string): string {
  // Whitespace kept on purpose: documents must come back exactly as written.
  return `{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "*"}]\n}`;
}

export function policy(accountId: string, name: string, path = '/'): ManagedPolicyInput {
  return {
    accountId,
    id: newUniqueId('managedPolicy'),
    name,
    path,
    arn: formatIamArn({ account: accountId, kind: 'policy', path, name }),
    document: doc('s3:*'),
    createDate: T0,
    tags: [],
  };
}

export function accessKey(accountId: string, userName?: string): Omit<AccessKeyRecord, 'lastUsedDate'> {
  return {
    accountId,
    accessKeyId: newAccessKeyId(accountId, 'long-term'),
    secretAccessKey: newSecretAccessKey(),
    userName,
    status: 'Active',
    createDate: T0,
  };
}

export function session(accountId: string, roleName: string, sessionName: string): SessionRecord {
  const roleId = newUniqueId('role');
  return {
    accessKeyId: newAccessKeyId(accountId, 'session'),
    secretAccessKey: newSecretAccessKey(),
    sessionToken: newSessionToken(),
    type: 'AssumedRole',
    accountId,
    principalArn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    principalId: `${roleId}:${sessionName}`,
    issuedAt: T0,
    expiration: T0 + 3600_000,
    roleArn: formatIamArn({ account: accountId, kind: 'role', name: roleName }),
    roleId,
    sessionName,
    policyArns: [],
    tags: [],
    transitiveTagKeys: [],
    mfaAuthenticated: false,
    chained: false,
    issuedTo: `arn:aws:iam::${accountId}:user/David`,
  };
}

/** Puts the two tutorial accounts in place. */
export async function seedAccounts(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.putAccount(account(A, { alias: 'production' }));
    await tx.putAccount(account(B, { alias: 'development' }));
  });
}

/** Runs one write in its own transaction. */
export function write<T>(store: Store, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
  return store.transaction(fn);
}

/** The error code a promise rejects with. */
export async function storeErrorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** `store` with its reads (get… and list…) counted, to see which requests a cache answered. */
export function countingReads<S extends Store>(store: S): { store: S; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, name) {
      const value = Reflect.get(target, name) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (String(name).startsWith('get') || String(name).startsWith('list')) reads++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, reads: () => reads };
}
