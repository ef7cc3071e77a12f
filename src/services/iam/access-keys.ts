// Long-term access keys of IAM users and of the root user.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
import { newAccessKeyId, newSecretAccessKey } from '../../arn/index.js';
import type { AccessKey, AccessKeyMetadata } from '../../protocol/generated/iam.js';
import type { AccessKeyRecord } from '../../store/records.js';
import type { HandlerContext } from '../handler-context.js';
import { noSuchAccessKey, quotaExceeded } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { toDate } from './iam-shapes.js';
import { pageArray, pageResult } from './paging.js';
import { requireUser, targetUserName } from './target-user.js';

// "Access keys assigned to an IAM user: 2" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
const KEYS_PER_USER = 2;

export const createAccessKey: IamHandler<'CreateAccessKey'> = async (input, ctx) => {
  const account = ctx.caller.account;
  const userName = targetUserName(input.UserName, ctx);
  const key = await ctx.store.transaction(async (tx) => {
    const user = userName === undefined ? undefined : await requireUser(tx, account, userName);
    if ((await tx.listAccessKeys(account, user?.name)).length >= KEYS_PER_USER) {
      throw quotaExceeded('AccessKeysPerUser', KEYS_PER_USER);
    }
    const record = {
      accountId: account,
      accessKeyId: newAccessKeyId(account, 'long-term'),
      secretAccessKey: newSecretAccessKey(),
      ...(user && { userName: user.name }),
      status: 'Active' as const,
      createDate: ctx.now.getTime(),
    };
    await tx.createAccessKey(record);
    return record;
  });
  const accessKey = {
    ...(key.userName !== undefined && { UserName: key.userName }),
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    SecretAccessKey: key.secretAccessKey,
    CreateDate: toDate(key.createDate),
  } as AccessKey;
  return { AccessKey: accessKey };
};

export const listAccessKeys: IamHandler<'ListAccessKeys'> = async (input, ctx) => {
  const userName = targetUserName(input.UserName, ctx);
  const user =
    userName === undefined ? undefined : await requireUser(ctx.store, ctx.caller.account, userName);
  const keys = await ctx.store.listAccessKeys(ctx.caller.account, user?.name);
  const page = pageArray(keys, input);
  return { AccessKeyMetadata: page.items.map(toMetadata), ...pageResult(page) };
};

export const updateAccessKey: IamHandler<'UpdateAccessKey'> = async (input, ctx) => {
  const key = await ownKey(input.AccessKeyId, input.UserName, ctx);
  await ctx.store.transaction((tx) =>
    tx.setAccessKeyStatus(key.accessKeyId, input.Status as 'Active' | 'Inactive'),
  );
  return undefined;
};

export const deleteAccessKey: IamHandler<'DeleteAccessKey'> = async (input, ctx) => {
  const key = await ownKey(input.AccessKeyId, input.UserName, ctx);
  await ctx.store.transaction((tx) => tx.deleteAccessKey(key.accessKeyId));
  return undefined;
};

export const getAccessKeyLastUsed: IamHandler<'GetAccessKeyLastUsed'> = async (input, ctx) => {
  const key = await ctx.store.getAccessKey(input.AccessKeyId);
  if (!key || key.accountId !== ctx.caller.account) throw noSuchAccessKey(input.AccessKeyId);
  // A key never used answers N/A for the service and region
  // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKeyLastUsed.html).
  return {
    ...(key.userName !== undefined && { UserName: key.userName }),
    AccessKeyLastUsed: {
      ...(key.lastUsedDate !== undefined && { LastUsedDate: toDate(key.lastUsedDate) }),
      ServiceName: key.lastUsedService ?? 'N/A',
      Region: key.lastUsedRegion ?? 'N/A',
    },
  };
};

/** The key, when it belongs to the named user (or the caller): otherwise IAM says it cannot be found. */
async function ownKey(
  id: string,
  userName: string | undefined,
  ctx: HandlerContext,
): Promise<AccessKeyRecord> {
  const target = targetUserName(userName, ctx);
  const user = target === undefined ? undefined : await requireUser(ctx.store, ctx.caller.account, target);
  const key = await ctx.store.getAccessKey(id);
  const owned =
    key?.accountId === ctx.caller.account &&
    (user ? key.userName?.toLowerCase() === user.name.toLowerCase() : key.userName === undefined);
  if (!key || !owned) throw noSuchAccessKey(id);
  return key;
}

function toMetadata(key: AccessKeyRecord): AccessKeyMetadata {
  return {
    ...(key.userName !== undefined && { UserName: key.userName }),
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: toDate(key.createDate),
  };
}
