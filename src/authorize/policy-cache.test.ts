// The PolicyCache keeps what authorization read until the store's IAM epoch moves: a change is seen by
// the very next request, including a change committed in the same group as session writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Caller } from '../services/handler-context.js';
import { A, account, countingReads, policy, role, session, user } from '../store/contract/fixtures.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { authorize } from './authorize.js';
import type { AuthzTarget } from './authz-target.js';
import { PolicyCache } from './policy-cache.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const statement = (effect: string, action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: '*' }] });
const ROLE_ARN = `arn:aws:iam::${A}:role/Target`;
// Names the account: David needs his own policies' allow as well.
const TRUST_OWN_ACCOUNT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
});
const ASSUME: AuthzTarget = { action: 'sts:AssumeRole', resource: ROLE_ARN, resourceAccount: A, context: {} };

/** A file store (reads on their own connection, as the server has) with David, and the role he may assume. */
async function scenario() {
  const dir = mkdtempSync(join(tmpdir(), 'trustlab-cache-'));
  dirs.push(dir);
  const store = openSqliteStore({ dataDir: dir });
  const david = user(A, 'David');
  await store.transaction(async (tx) => {
    await tx.putAccount(account(A));
    await tx.createUser(david);
    await tx.putInlinePolicy(A, 'user', 'David', { name: 'assume', document: statement('Allow', 'sts:*') });
    await tx.createRole({ ...role(A, 'Target'), arn: ROLE_ARN, assumeRolePolicyDocument: TRUST_OWN_ACCOUNT });
  });
  const caller: Caller = {
    facts: { type: 'User', arn: david.arn, account: A },
    account: A,
    accessKeyId: 'AKIADAVIDTESTKEY0001',
    userName: 'David',
    principalId: david.id,
  };
  const { store: counted, reads } = countingReads(store);
  const cache = new PolicyCache();
  const verdict = async () => (await authorize(counted, cache, caller, [ASSUME], {}))[0]?.decision.verdict;
  return { store, verdict, reads };
}

describe('PolicyCache with the IAM epoch', () => {
  it('reads the caller, its policies and the trust policy once until an IAM change', async () => {
    const { store, verdict, reads } = await scenario();
    expect(await verdict()).toBe('Allowed');
    const first = reads();
    expect(first).toBeGreaterThan(0);
    expect(await verdict()).toBe('Allowed');
    // Sessions and audit records are no IAM change.
    await store.transaction((tx) => tx.createSession(session(A, 'Target', 's1')));
    await store.appendAudit({
      time: 1,
      requestId: 'r1',
      service: 'sts',
      operation: 'X',
      actions: [],
      resources: [],
    });
    expect(await verdict()).toBe('Allowed');
    expect(reads()).toBe(first);
    await store.transaction((tx) => tx.createUser(user(A, 'Other')));
    expect(await verdict()).toBe('Allowed');
    expect(reads()).toBe(2 * first);
    await store.close();
  });

  it('sees each change with the next request, even one committed beside session writes', async () => {
    const { store, verdict } = await scenario();
    expect(await verdict()).toBe('Allowed');

    // One group: a session, the deny, another session. The deny is acknowledged only once committed.
    const [, denied] = await Promise.all([
      store.transaction((tx) => tx.createSession(session(A, 'Target', 's1'))),
      store
        .transaction((tx) =>
          tx.putInlinePolicy(A, 'user', 'David', {
            name: 'deny',
            document: statement('Deny', 'sts:AssumeRole'),
          }),
        )
        .then(verdict),
      store.transaction((tx) => tx.createSession(session(A, 'Target', 's2'))),
    ]);
    expect(denied).toBe('ExplicitlyDenied');
    await store.transaction((tx) => tx.deleteInlinePolicy(A, 'user', 'David', 'deny'));
    expect(await verdict()).toBe('Allowed');

    // A managed policy's new default version, through a group.
    const p = policy(A, 'NoAssume');
    await store.transaction(async (tx) => {
      await tx.createPolicy(p);
      await tx.createGroup({
        accountId: A,
        id: 'AGPATESTGROUPID000001',
        name: 'G',
        path: '/',
        arn: `arn:aws:iam::${A}:group/G`,
        createDate: 0,
      });
      await tx.addUserToGroup(A, 'G', 'David');
      await tx.attachPolicy(A, 'group', 'G', p.arn);
    });
    expect(await verdict()).toBe('Allowed');
    await store.transaction((tx) =>
      tx.createPolicyVersion(p.arn, {
        document: statement('Deny', 'sts:*'),
        setAsDefault: true,
        createDate: 1,
      }),
    );
    expect(await verdict()).toBe('ExplicitlyDenied');
    await store.transaction((tx) => tx.removeUserFromGroup(A, 'G', 'David'));
    expect(await verdict()).toBe('Allowed');

    // The role's trust policy.
    const nobody = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    await store.transaction((tx) => tx.updateRole(A, 'Target', { assumeRolePolicyDocument: nobody }));
    expect(await verdict()).toBe('ImplicitlyDenied');
    await store.close();
  });
});
