// A child process for the crash test: commits transactions in a loop and prints each number after
// its commit (and its audit record) is acknowledged, until it is killed. It resumes after the users
// a previous run left.
// Usage: node --import tsx crash-writer.ts <dataDir>
import { openSqliteStore } from './sqlite-store.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer <dataDir>');
const store = openSqliteStore({ dataDir });
const account = '999999999999';
await store.transaction((tx) => tx.putAccount({ id: account, rootEmail: 'root@example.com', createDate: 0 }));
const { users } = await store.countAccountEntities(account);
for (let i = users; ; i++) {
  const name = `u${i}`;
  await store.transaction(async (tx) => {
    await tx.createUser({
      accountId: account,
      id: `AIDA${String(i).padStart(17, '0')}`,
      name,
      path: '/',
      arn: `arn:aws:iam::${account}:user/${name}`,
      createDate: i,
      tags: [],
    });
    await tx.createAccessKey({
      accountId: account,
      accessKeyId: `AKIA${String(i).padStart(16, '0')}`,
      secretAccessKey: 's',
      userName: name,
      status: 'Active',
      createDate: i,
    });
    await tx.putInlinePolicy(account, 'user', name, { name: 'p', document: `{"n":${i}}` });
  });
  await store.appendAudit({
    time: i,
    requestId: `r${i}`,
    service: 'iam',
    operation: 'CreateUser',
    actions: [],
    resources: [],
  });
  // Writes to a pipe are synchronous on Linux: once this returns, the parent can read it.
  process.stdout.write(`${i}\n`);
}
