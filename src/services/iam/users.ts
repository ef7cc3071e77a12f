// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html and its siblings.
import { formatIamArn, newUniqueId, rootArn } from '../../arn/index.js';
import type { User } from '../../protocol/generated/iam.js';
import type { UserDependents } from '../../store/records.js';
import { deleteConflict, entityExists, noSuchEntity } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { toDate, toUser } from './iam-shapes.js';
import { pageRequest, pageResult } from './paging.js';
import { checkBoundaryArn } from './permissions-boundaries.js';
import { retirePrincipal } from './rewrite-principals.js';
import { readTags } from './tag-rules.js';
import { targetUserName } from './target-user.js';

export const createUser: IamHandler<'CreateUser'> = async (input, ctx) => {
  const account = ctx.caller.account;
  const path = input.Path ?? '/';
  const tags = readTags(input.Tags);
  if (input.PermissionsBoundary !== undefined) await checkBoundaryArn(input.PermissionsBoundary, ctx);
  const user = await ctx.store.transaction(async (tx) => {
    if (await tx.getUser(account, input.UserName)) throw entityExists('user', input.UserName);
    return tx.createUser({
      accountId: account,
      id: newUniqueId('user'),
      name: input.UserName,
      path,
      arn: formatIamArn({ account, kind: 'user', path, name: input.UserName }),
      createDate: ctx.now.getTime(),
      ...(input.PermissionsBoundary !== undefined && { permissionsBoundaryArn: input.PermissionsBoundary }),
      tags,
    });
  });
  return { User: toUser(user) };
};

export const getUser: IamHandler<'GetUser'> = async (input, ctx) => {
  const name = targetUserName(input.UserName, ctx);
  if (name === undefined) {
    // The root user: its ARN, and the account id as its id (no path, no name).
    const account = await ctx.store.getAccount(ctx.caller.account);
    const root = {
      UserId: ctx.caller.account,
      Arn: rootArn(ctx.caller.account),
      CreateDate: toDate(account?.createDate ?? ctx.now.getTime()),
    } as User;
    return { User: root };
  }
  const user = await ctx.store.getUser(ctx.caller.account, name);
  if (!user) throw noSuchEntity('user', name);
  return { User: toUser(user) };
};

export const listUsers: IamHandler<'ListUsers'> = async (input, ctx) => {
  const filter = input.PathPrefix !== undefined ? { pathPrefix: input.PathPrefix } : {};
  const page = await ctx.store.listUsers(ctx.caller.account, filter, pageRequest(input));
  // "This operation does not return the following attributes … PermissionsBoundary, Tags"
  // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUsers.html).
  return { Users: page.items.map((u) => toUser(u, false)), ...pageResult(page) };
};

export const updateUser: IamHandler<'UpdateUser'> = async (input, ctx) => {
  const account = ctx.caller.account;
  await ctx.store.transaction(async (tx) => {
    const user = await tx.getUser(account, input.UserName);
    if (!user) throw noSuchEntity('user', input.UserName);
    const name = input.NewUserName ?? user.name;
    const path = input.NewPath ?? user.path;
    if (input.NewUserName !== undefined && input.NewUserName.toLowerCase() !== user.name.toLowerCase()) {
      if (await tx.getUser(account, input.NewUserName)) throw entityExists('user', input.NewUserName);
    }
    await tx.updateUser(account, user.name, {
      name,
      path,
      arn: formatIamArn({ account, kind: 'user', path, name }),
    });
  });
  return undefined;
};

export const deleteUser: IamHandler<'DeleteUser'> = async (input, ctx) => {
  const account = ctx.caller.account;
  await ctx.store.transaction(async (tx) => {
    const user = await tx.getUser(account, input.UserName);
    if (!user) throw noSuchEntity('user', input.UserName);
    const conflict = userConflict(await tx.countUserDependents(account, input.UserName));
    if (conflict) throw deleteConflict(conflict);
    await tx.deleteUser(account, input.UserName);
    await retirePrincipal(tx, user.arn, user.id);
  });
  return undefined;
};

/**
 * What must go before a user can be deleted, in the order the DeleteUser page lists it
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUser.html); AWS names one at a time.
 */
function userConflict(d: UserDependents): string | undefined {
  if (d.loginProfile) return 'Cannot delete entity, must delete login profile first.';
  if (d.accessKeys > 0) return 'Cannot delete entity, must delete access keys first.';
  if (d.mfaDevices > 0) return 'Cannot delete entity, must delete MFA device first.';
  if (d.inlinePolicies > 0) return 'Cannot delete entity, must delete policies first.';
  if (d.attachedPolicies > 0) return 'Cannot delete entity, must detach all policies first.';
  if (d.groups > 0) return 'Cannot delete entity, must remove users from group first.';
  return undefined;
}
