// Credentials are kept per IAM epoch, yet every change is seen by the very next request: a key made
// inactive or deleted, and a session issued after its key id was first asked for.
import { describe, expect, it } from 'vitest';
import { PolicyCache } from '../authorize/policy-cache.js';
import { A, accessKey, account, countingReads, session, user } from '../store/contract/fixtures.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { findCredentials } from './find-credentials.js';

async function scenario() {
  const store = openSqliteStore({ dataDir: ':memory:' });
  const key = accessKey(A, 'David');
  await store.transaction(async (tx) => {
    await tx.putAccount(account(A));
    await tx.createUser(user(A, 'David'));
    await tx.createAccessKey(key);
  });
  const { store: counted, reads } = countingReads(store);
  const cache = new PolicyCache();
  const find = (id: string) => findCredentials(counted, cache, id);
  return { store, key, find, reads };
}

describe('findCredentials', () => {
  it('reads a long-term key and its user once, until an IAM change', async () => {
    const { store, key, find, reads } = await scenario();
    const found = await find(key.accessKeyId);
    expect(found?.caller.userName).toBe('David');
    expect(found?.key).toMatchObject({ status: 'Active', principalArn: `arn:aws:iam::${A}:user/David` });
    const first = reads();
    await find(key.accessKeyId);
    expect(reads()).toBe(first);
    await store.transaction((tx) => tx.setAccessKeyStatus(key.accessKeyId, 'Inactive'));
    expect((await find(key.accessKeyId))?.key.status).toBe('Inactive');
    await store.transaction((tx) => tx.deleteAccessKey(key.accessKeyId));
    expect(await find(key.accessKeyId)).toBeUndefined();
  });

  it('finds a session issued after its key id was asked for, though sessions leave the epoch', async () => {
    const { store, find, reads } = await scenario();
    const issued = session(A, 'UpdateApp', 'david');
    const epoch = store.iamEpoch();
    expect(await find(issued.accessKeyId)).toBeUndefined();
    await store.transaction((tx) => tx.createSession(issued));
    expect(store.iamEpoch()).toBe(epoch);
    const found = await find(issued.accessKeyId);
    expect(found?.caller).toMatchObject({ principalId: issued.principalId, account: A });
    expect(found?.caller.facts.roleArn).toBe(issued.roleArn);
    const before = reads();
    await find(issued.accessKeyId);
    expect(reads()).toBe(before);
  });
});
