import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { AuditInput } from '../records.js';
import type { StoreTx } from '../store.js';
import {
  A,
  accessKey,
  B,
  type ContractContext,
  group,
  policy,
  seedAccounts,
  T0,
  user,
  write,
} from './fixtures.js';

export function transactionAndAuditContract(ctx: ContractContext): void {
  describe('transactions', () => {
    it('commits every write of a handler together and returns its value', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const value = await store.transaction(async (tx) => {
        await tx.createUser(user(A, 'David'));
        await tx.createGroup(group(A, 'Developers'));
        await tx.addUserToGroup(A, 'Developers', 'David');
        // The transaction reads its own writes.
        expect((await tx.listGroupsForUser(A, 'David', {})).items).toHaveLength(1);
        return 42;
      });
      expect(value).toBe(42);
      expect((await store.listGroupMembers(A, 'Developers', {})).items.map((u) => u.name)).toEqual(['David']);
    });

    it('rolls every write back when the handler throws, even after a caught store error', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, (tx) => tx.createUser(user(A, 'Existing')));
      const failure = store.transaction(async (tx) => {
        await tx.createUser(user(A, 'David'));
        await tx.createPolicy(policy(A, 'P'));
        await tx.createUser(user(A, 'existing')).catch(() => undefined);
        await tx.createAccessKey(accessKey(A, 'David'));
        throw new Error('handler failed');
      });
      await expect(failure).rejects.toThrow('handler failed');
      expect(await store.getUser(A, 'David')).toBeUndefined();
      expect(await store.getPolicy(A, `arn:aws:iam::${A}:policy/P`)).toBeUndefined();
      expect((await store.listUsers(A, {}, {})).items.map((u) => u.name)).toEqual(['Existing']);
      // The store is usable afterwards.
      await write(store, (tx) => tx.createUser(user(A, 'David')));
      expect(await store.getUser(A, 'David')).toBeDefined();
    });

    it('refuses writes through a handle kept after its transaction ended', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      let kept: StoreTx | undefined;
      await store.transaction((tx) => {
        kept = tx;
      });
      await expect(kept?.createUser(user(A, 'Late'))).rejects.toThrow();
      expect(await store.getUser(A, 'Late')).toBeUndefined();
    });

    it('runs transactions one at a time, in the order they were asked for', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      const events: string[] = [];
      const slow = store.transaction(async (tx) => {
        events.push('a:start');
        await tx.createUser(user(A, 'a1'));
        await sleep(20);
        await tx.createUser(user(A, 'a2'));
        events.push('a:end');
      });
      const fast = store.transaction(async (tx) => {
        events.push('b:start');
        expect(await tx.getUser(A, 'a2')).toBeDefined();
        events.push('b:end');
      });
      await Promise.all([slow, fast]);
      expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
    });

    it.skipIf(!ctx.isolatedReads)('shows reads outside a transaction only what is committed', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written: () => void = () => undefined;
      const wrote = new Promise<void>((resolve) => {
        written = resolve;
      });
      const tx = store.transaction(async (t) => {
        await t.createUser(user(A, 'Pending'));
        written();
        await gate;
      });
      await wrote;
      expect(await store.getUser(A, 'Pending')).toBeUndefined();
      release();
      await tx;
      expect(await store.getUser(A, 'Pending')).toBeDefined();
    });
  });

  describe('account counts', () => {
    it('counts what GetAccountSummary reports (API_GetAccountSummary.html)', async () => {
      const store = ctx.store();
      await seedAccounts(store);
      await write(store, async (tx) => {
        await tx.createUser(user(A, 'u1'));
        await tx.createUser(user(A, 'u2'));
        await tx.createUser(user(B, 'u3'));
        await tx.createGroup(group(A, 'g'));
        const p = await tx.createPolicy(policy(A, 'p'));
        await tx.createPolicyVersion(p.arn, { document: '{}', setAsDefault: false, createDate: T0 });
        await tx.createAccessKey(accessKey(A));
        await tx.putAccount({
          id: A,
          alias: 'production',
          rootEmail: 'r@x',
          rootPasswordHash: 'h',
          createDate: T0,
        });
      });
      expect(await store.countAccountEntities(A)).toEqual({
        users: 2,
        groups: 1,
        roles: 0,
        policies: 1,
        policyVersionsInUse: 2,
        mfaDevices: 0,
        mfaDevicesInUse: 0,
        accountMfaEnabled: false,
        accountAccessKeysPresent: true,
        accountPasswordPresent: true,
        serverCertificates: 0,
      });
      expect(await store.countAccountEntities(B)).toMatchObject({
        users: 1,
        accountAccessKeysPresent: false,
        accountPasswordPresent: false,
      });
    });
  });

  describe('audit log', () => {
    const record = (k: number, extra: Partial<AuditInput> = {}): AuditInput => ({
      time: T0 + k * 1000,
      requestId: `req-${k}`,
      accountId: A,
      principalArn: `arn:aws:iam::${A}:user/David`,
      sourceIp: '127.0.0.1',
      userAgent: 'aws-cli/2.9',
      service: 'sts',
      operation: 'AssumeRole',
      actions: ['sts:AssumeRole'],
      resources: [`arn:aws:iam::${A}:role/UpdateApp`],
      decision: 'Allowed',
      ...extra,
    });

    it('appends records (concurrent appends included) and reads them back in order', async () => {
      const store = ctx.store();
      await Promise.all(Array.from({ length: 25 }, (_, k) => store.appendAudit(record(k))));
      const all = await store.queryAudit({ limit: 1000 });
      expect(all.map((r) => r.requestId)).toEqual(Array.from({ length: 25 }, (_, k) => `req-${k}`));
      expect(all[0]).toEqual({ ...record(0), seq: all[0]?.seq });
      const seqs = all.map((r) => r.seq);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(25);
    });

    it('filters by principal, account, decision, service, operation, time and sequence', async () => {
      const store = ctx.store();
      const theresa = `arn:aws:iam::${A}:user/Theresa`;
      await Promise.all([
        store.appendAudit(record(1)),
        store.appendAudit(
          record(2, {
            principalArn: theresa,
            decision: 'ImplicitlyDenied',
            errorCode: 'AccessDenied',
            reason: 'no identity-based policy allows',
          }),
        ),
        store.appendAudit(
          record(3, { accountId: B, service: 'iam', operation: 'GetUser', decision: 'ExplicitlyDenied' }),
        ),
        store.appendAudit(
          record(4, { decision: undefined, errorCode: 'SignatureDoesNotMatch', principalArn: undefined }),
        ),
      ]);
      const ids = async (filter: Parameters<typeof store.queryAudit>[0]) =>
        (await store.queryAudit(filter)).map((r) => r.requestId);
      expect(await ids({ principalArn: theresa })).toEqual(['req-2']);
      expect(await ids({ denied: true })).toEqual(['req-2', 'req-3']);
      expect(await ids({ denied: false })).toEqual(['req-1', 'req-4']);
      expect(await ids({ accountId: B })).toEqual(['req-3']);
      expect(await ids({ service: 'iam', operation: 'GetUser' })).toEqual(['req-3']);
      expect(await ids({ since: T0 + 2000, until: T0 + 4000 })).toEqual(['req-2', 'req-3']);
      expect(await ids({ newestFirst: true, limit: 2 })).toEqual(['req-4', 'req-3']);
      const [first] = await store.queryAudit({ limit: 1 });
      expect(await ids({ afterSeq: first?.seq })).toEqual(['req-2', 'req-3', 'req-4']);
      const denied = await store.queryAudit({ principalArn: theresa });
      expect(denied[0]).toMatchObject({
        decision: 'ImplicitlyDenied',
        errorCode: 'AccessDenied',
        reason: 'no identity-based policy allows',
      });
      expect(
        (await store.queryAudit({ afterSeq: 0, limit: 10 })).find((r) => r.requestId === 'req-4')?.decision,
      ).toBeUndefined();
    });
  });
}
