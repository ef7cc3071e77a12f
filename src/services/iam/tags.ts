// Tags on users, roles and customer managed policies.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html
import { noSuchEntity, noSuchPolicy } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { toTags } from './iam-shapes.js';
import { visiblePolicy } from './managed-policies.js';
import { pageArray, pageResult } from './paging.js';
import { mergeTags, readTags, removeTags } from './tag-rules.js';

export const tagUser: IamHandler<'TagUser'> = async (input, ctx) => {
  const added = readTags(input.Tags);
  await ctx.store.transaction(async (tx) => {
    const user = await tx.getUser(ctx.caller.account, input.UserName);
    if (!user) throw noSuchEntity('user', input.UserName);
    await tx.updateUser(ctx.caller.account, user.name, { tags: mergeTags(user.tags, added, 'TagsPerUser') });
  });
  return undefined;
};

export const untagUser: IamHandler<'UntagUser'> = async (input, ctx) => {
  await ctx.store.transaction(async (tx) => {
    const user = await tx.getUser(ctx.caller.account, input.UserName);
    if (!user) throw noSuchEntity('user', input.UserName);
    await tx.updateUser(ctx.caller.account, user.name, { tags: removeTags(user.tags, input.TagKeys) });
  });
  return undefined;
};

export const listUserTags: IamHandler<'ListUserTags'> = async (input, ctx) => {
  const user = await ctx.store.getUser(ctx.caller.account, input.UserName);
  if (!user) throw noSuchEntity('user', input.UserName);
  const page = pageArray(toTags(user.tags), input);
  return { Tags: page.items, ...pageResult(page) };
};

export const tagRole: IamHandler<'TagRole'> = async (input, ctx) => {
  const added = readTags(input.Tags);
  await ctx.store.transaction(async (tx) => {
    const role = await tx.getRole(ctx.caller.account, input.RoleName);
    if (!role) throw noSuchEntity('role', input.RoleName);
    await tx.updateRole(ctx.caller.account, role.name, { tags: mergeTags(role.tags, added, 'TagsPerRole') });
  });
  return undefined;
};

export const untagRole: IamHandler<'UntagRole'> = async (input, ctx) => {
  await ctx.store.transaction(async (tx) => {
    const role = await tx.getRole(ctx.caller.account, input.RoleName);
    if (!role) throw noSuchEntity('role', input.RoleName);
    await tx.updateRole(ctx.caller.account, role.name, { tags: removeTags(role.tags, input.TagKeys) });
  });
  return undefined;
};

export const listRoleTags: IamHandler<'ListRoleTags'> = async (input, ctx) => {
  const role = await ctx.store.getRole(ctx.caller.account, input.RoleName);
  if (!role) throw noSuchEntity('role', input.RoleName);
  const page = pageArray(toTags(role.tags), input);
  return { Tags: page.items, ...pageResult(page) };
};

export const tagPolicy: IamHandler<'TagPolicy'> = async (input, ctx) => {
  const added = readTags(input.Tags);
  const policy = await visiblePolicy(input.PolicyArn, ctx);
  if (policy.accountId !== ctx.caller.account) throw noSuchPolicy(input.PolicyArn);
  await ctx.store.transaction(async (tx) => {
    const current = await tx.getPolicy(ctx.caller.account, policy.arn);
    if (!current) throw noSuchPolicy(input.PolicyArn);
    await tx.setPolicyTags(policy.arn, mergeTags(current.tags, added, 'TagsPerPolicy'));
  });
  return undefined;
};

export const untagPolicy: IamHandler<'UntagPolicy'> = async (input, ctx) => {
  const policy = await visiblePolicy(input.PolicyArn, ctx);
  if (policy.accountId !== ctx.caller.account) throw noSuchPolicy(input.PolicyArn);
  await ctx.store.transaction(async (tx) => {
    const current = await tx.getPolicy(ctx.caller.account, policy.arn);
    if (!current) throw noSuchPolicy(input.PolicyArn);
    await tx.setPolicyTags(policy.arn, removeTags(current.tags, input.TagKeys));
  });
  return undefined;
};

export const listPolicyTags: IamHandler<'ListPolicyTags'> = async (input, ctx) => {
  const policy = await visiblePolicy(input.PolicyArn, ctx);
  const page = pageArray(toTags(policy.tags), input);
  return { Tags: page.items, ...pageResult(page) };
};
