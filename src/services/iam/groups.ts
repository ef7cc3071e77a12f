// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html and its siblings.
import { formatIamArn, newUniqueId } from '../../arn/index.js';
import { deleteConflict, entityExists, noSuchEntity, quotaExceeded } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { toGroup, toUser } from './iam-shapes.js';
import { pageRequest, pageResult } from './paging.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entities
const GROUPS_PER_USER = 10;

export const createGroup: IamHandler<'CreateGroup'> = async (input, ctx) => {
  const account = ctx.caller.account;
  const path = input.Path ?? '/';
  const group = await ctx.store.transaction(async (tx) => {
    if (await tx.getGroup(account, input.GroupName)) throw entityExists('group', input.GroupName);
    return tx.createGroup({
      accountId: account,
      id: newUniqueId('group'),
      name: input.GroupName,
      path,
      arn: formatIamArn({ account, kind: 'group', path, name: input.GroupName }),
      createDate: ctx.now.getTime(),
    });
  });
  return { Group: toGroup(group) };
};

export const getGroup: IamHandler<'GetGroup'> = async (input, ctx) => {
  const group = await ctx.store.getGroup(ctx.caller.account, input.GroupName);
  if (!group) throw noSuchEntity('group', input.GroupName);
  const page = await ctx.store.listGroupMembers(ctx.caller.account, group.name, pageRequest(input));
  return { Group: toGroup(group), Users: page.items.map((u) => toUser(u, false)), ...pageResult(page) };
};

export const listGroups: IamHandler<'ListGroups'> = async (input, ctx) => {
  const filter = input.PathPrefix !== undefined ? { pathPrefix: input.PathPrefix } : {};
  const page = await ctx.store.listGroups(ctx.caller.account, filter, pageRequest(input));
  return { Groups: page.items.map(toGroup), ...pageResult(page) };
};

export const listGroupsForUser: IamHandler<'ListGroupsForUser'> = async (input, ctx) => {
  if (!(await ctx.store.getUser(ctx.caller.account, input.UserName)))
    throw noSuchEntity('user', input.UserName);
  const page = await ctx.store.listGroupsForUser(ctx.caller.account, input.UserName, pageRequest(input));
  return { Groups: page.items.map(toGroup), ...pageResult(page) };
};

export const updateGroup: IamHandler<'UpdateGroup'> = async (input, ctx) => {
  const account = ctx.caller.account;
  await ctx.store.transaction(async (tx) => {
    const group = await tx.getGroup(account, input.GroupName);
    if (!group) throw noSuchEntity('group', input.GroupName);
    const name = input.NewGroupName ?? group.name;
    const path = input.NewPath ?? group.path;
    if (input.NewGroupName !== undefined && input.NewGroupName.toLowerCase() !== group.name.toLowerCase()) {
      if (await tx.getGroup(account, input.NewGroupName)) throw entityExists('group', input.NewGroupName);
    }
    await tx.updateGroup(account, group.name, {
      name,
      path,
      arn: formatIamArn({ account, kind: 'group', path, name }),
    });
  });
  return undefined;
};

export const deleteGroup: IamHandler<'DeleteGroup'> = async (input, ctx) => {
  const account = ctx.caller.account;
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getGroup(account, input.GroupName))) throw noSuchEntity('group', input.GroupName);
    // "The group must not contain any users or have any attached policies."
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroup.html
    const d = await tx.countGroupDependents(account, input.GroupName);
    if (d.members > 0) throw deleteConflict('Cannot delete entity, must remove users from group first.');
    if (d.inlinePolicies > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if (d.attachedPolicies > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    await tx.deleteGroup(account, input.GroupName);
  });
  return undefined;
};

export const addUserToGroup: IamHandler<'AddUserToGroup'> = async (input, ctx) => {
  const account = ctx.caller.account;
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getGroup(account, input.GroupName))) throw noSuchEntity('group', input.GroupName);
    if (!(await tx.getUser(account, input.UserName))) throw noSuchEntity('user', input.UserName);
    const groups = await tx.listGroupsForUser(account, input.UserName, { maxItems: 1000 });
    const member = groups.items.some((g) => g.name.toLowerCase() === input.GroupName.toLowerCase());
    // Adding a member again changes nothing and succeeds.
    if (member) return;
    if (groups.items.length >= GROUPS_PER_USER) throw quotaExceeded('GroupsPerUser', GROUPS_PER_USER);
    await tx.addUserToGroup(account, input.GroupName, input.UserName);
  });
  return undefined;
};

export const removeUserFromGroup: IamHandler<'RemoveUserFromGroup'> = async (input, ctx) => {
  const account = ctx.caller.account;
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getGroup(account, input.GroupName))) throw noSuchEntity('group', input.GroupName);
    if (!(await tx.getUser(account, input.UserName))) throw noSuchEntity('user', input.UserName);
    await tx.removeUserFromGroup(account, input.GroupName, input.UserName);
  });
  return undefined;
};
