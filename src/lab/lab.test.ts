import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../store/password-hash.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { applyLab } from './apply-lab.js';
import { readLab } from './read-lab.js';

const tutorial = readFileSync(new URL('../../labs/tutorial.yaml', import.meta.url), 'utf8');

describe('readLab', () => {
  it("reads the tutorial's two accounts", () => {
    const read = readLab(tutorial);
    if ('errors' in read) throw new Error(JSON.stringify(read.errors));
    expect(read.lab.accounts.map((a) => [a.id, a.alias])).toEqual([
      ['999999999999', 'production'],
      ['111111111111', 'development'],
    ]);
  });

  it('reports each problem at its line and column', () => {
    const read = readLab(
      'accounts:\n  - id: 12345\n    root: {email: a@b.c}\n  - id: "222222222222"\n    alias: Not_Valid\n    root: {email: x@y.z, accessKeyId: AKIAXXXXXXXXXXXXXXXX}\n',
    );
    expect('errors' in read && read.errors).toEqual([
      { line: 2, column: 9, message: '`id` must be a 12-digit account id, quoted ("111111111111")' },
      {
        line: 5,
        column: 12,
        message: '`alias` must be 3 to 63 lower-case letters, digits and single hyphens',
      },
      { line: 4, column: 5, message: '`root.accessKeyId` and `root.secretAccessKey` go together' },
    ]);
  });

  it('reports broken YAML as a located error, not a crash', () => {
    const read = readLab('accounts: [\n');
    expect('errors' in read && read.errors[0]?.line).toBe(2);
  });
});

describe('applyLab', () => {
  it('makes the accounts, their root keys and the AWS managed policies; a second apply changes nothing', async () => {
    const read = readLab(tutorial);
    if ('errors' in read) throw new Error('fixture');
    const store = openSqliteStore({ dataDir: ':memory:' });
    await (await applyLab(store, read.lab, new Date('2026-01-01T00:00:00Z'))).passwords;
    const first = {
      accounts: await store.listAccounts(),
      key: await store.getAccessKey('AKIAPRODUCTIONROOT01'),
      policy: await store.getPolicy('999999999999', 'arn:aws:iam::aws:policy/PowerUserAccess'),
    };
    expect(first.accounts.map((a) => [a.id, a.alias])).toEqual([
      ['111111111111', 'development'],
      ['999999999999', 'production'],
    ]);
    expect(first.key).toMatchObject({ accountId: '999999999999', status: 'Active' });
    expect(first.policy).toMatchObject({ name: 'PowerUserAccess', defaultVersionId: 'v12' });

    await (await applyLab(store, read.lab, new Date('2026-06-01T00:00:00Z'))).passwords;
    expect(await store.listAccounts()).toEqual(first.accounts);
    expect(await store.getAccessKey('AKIAPRODUCTIONROOT01')).toEqual(first.key);
    await store.close();
  });

  it('hashes root passwords after applying: until then the password is present but verifies nothing', async () => {
    const read = readLab(tutorial);
    if ('errors' in read) throw new Error('fixture');
    const store = openSqliteStore({ dataDir: ':memory:' });
    const password = 'production-root-password';
    const hashOf = async () => (await store.getAccount('999999999999'))?.rootPasswordHash ?? '';

    const applied = await applyLab(store, read.lab, new Date());
    expect(await verifyPassword(password, await hashOf())).toBe(false);
    expect((await store.countAccountEntities('999999999999')).accountPasswordPresent).toBe(true);
    await applied.passwords;
    const hash = await hashOf();
    expect(await verifyPassword(password, hash)).toBe(true);

    // The same lab again keeps the hash; a changed password gets a new one, and the old one stops working.
    await (await applyLab(store, read.lab, new Date())).passwords;
    expect(await hashOf()).toBe(hash);
    const changed = readLab(tutorial.replace(password, 'a-new-root-password'));
    if ('errors' in changed) throw new Error('fixture');
    const reapplied = await applyLab(store, changed.lab, new Date());
    expect(await verifyPassword(password, await hashOf())).toBe(false);
    await reapplied.passwords;
    expect(await verifyPassword('a-new-root-password', await hashOf())).toBe(true);
    expect(await verifyPassword(password, await hashOf())).toBe(false);
    await store.close();
  });
});
