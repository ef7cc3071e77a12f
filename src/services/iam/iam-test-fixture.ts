// A real SQLite store in memory with the tutorial's two accounts, and contexts for calling handlers as
// the root user or an IAM user of either account. Used by the tests beside this file.
import { formatIamArn, rootArn } from '../../arn/index.js';
import type { AwsError } from '../../protocol/errors.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Store } from '../../store/store.js';
import type { Caller, HandlerContext } from '../handler-context.js';

export const PRODUCTION = '999999999999';
export const DEVELOPMENT = '111111111111';
export const NOW = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));

export interface IamFixture {
  store: Store;
  /** The root user of an account. */
  root(account?: string, now?: Date): HandlerContext;
  /** An IAM user signing with a long-term key (the user need not exist for the context). */
  user(name: string, account?: string): HandlerContext;
  /** A role session: not a user, so "the caller's user" means nothing. */
  roleSession(roleName: string, account?: string): HandlerContext;
  close(): Promise<void>;
}

export async function openIamFixture(): Promise<IamFixture> {
  const store = openSqliteStore({ dataDir: ':memory:' });
  await store.transaction(async (tx) => {
    await tx.putAccount({
      id: PRODUCTION,
      alias: 'production',
      rootEmail: 'root@production.example',
      createDate: NOW.getTime(),
    });
    await tx.putAccount({
      id: DEVELOPMENT,
      alias: 'development',
      rootEmail: 'root@development.example',
      createDate: NOW.getTime(),
    });
  });
  const context = (caller: Caller, now = NOW): HandlerContext => ({
    caller,
    store,
    now,
    requestId: 'test-request',
    region: 'us-east-1',
  });
  return {
    store,
    root: (account = PRODUCTION, now = NOW) =>
      context(
        {
          facts: { type: 'Account', arn: rootArn(account), account },
          account,
          accessKeyId: 'AKIAROOTTESTKEY00001',
          principalId: account,
        },
        now,
      ),
    user: (name, account = PRODUCTION) =>
      context({
        facts: { type: 'User', arn: formatIamArn({ account, kind: 'user', name }), account },
        account,
        accessKeyId: 'AKIAUSERTESTKEY00001',
        userName: name,
        principalId: 'AIDATESTUSERID0000000',
      }),
    roleSession: (roleName, account = PRODUCTION) =>
      context({
        facts: {
          type: 'AssumedRole',
          arn: `arn:aws:sts::${account}:assumed-role/${roleName}/session`,
          account,
          roleArn: formatIamArn({ account, kind: 'role', name: roleName }),
        },
        account,
        accessKeyId: 'ASIASESSIONTESTKEY01',
        principalId: 'AROATESTROLEID0000000:session',
      }),
    close: () => store.close(),
  };
}

/** The AwsError a promise rejects with, for asserting code, status and message together. */
export async function awsFailure(
  promise: Promise<unknown>,
): Promise<Pick<AwsError, 'code' | 'status' | 'awsMessage'>> {
  try {
    await promise;
  } catch (error) {
    const e = error as AwsError;
    return { code: e.code, status: e.status, awsMessage: e.awsMessage };
  }
  throw new Error('expected the call to fail');
}

// The tutorial's documents (labs/delegate-access/policies), as an administrator would paste them.
export const UPDATE_APP_TRUST = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111111111111:root" },
      "Action": "sts:AssumeRole"
    }
  ]
}`;

export const READ_WRITE_APP_BUCKET = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*" },
    { "Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation"], "Resource": "arn:aws:s3:::productionapp" },
    { "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::productionapp/*" }
  ]
}`;

export const ALLOW_ASSUME_UPDATE_APP = `{
  "Version": "2012-10-17",
  "Statement": { "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::999999999999:role/UpdateApp" }
}`;

export const DENY_ASSUME_UPDATE_APP = `{
  "Version": "2012-10-17",
  "Statement": { "Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::999999999999:role/UpdateApp" }
}`;
