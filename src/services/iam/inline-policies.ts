// Inline policies of users, groups and roles: Put/Get/List/Delete{User,Group,Role}Policy.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html
import { awsError } from '../../protocol/errors.js';
import type { PrincipalKind } from '../../store/records.js';
import type { HandlerContext } from '../handler-context.js';
import { checkPolicyDocument, policySize } from './check-policy-document.js';
import { encodePolicyDocument } from './encode-policy-document.js';
import { noSuchInlinePolicy } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { pageRequest, pageResult } from './paging.js';
import { requirePrincipal } from './principal-lookup.js';

// Aggregate inline policy sizes per identity (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
// trustlab checks each document against the whole quota.
const INLINE_SIZE: Readonly<Record<PrincipalKind, number>> = { user: 2048, group: 5120, role: 10240 };

async function putInline(
  kind: PrincipalKind,
  name: string,
  policyName: string,
  text: string,
  ctx: HandlerContext,
) {
  const limit = INLINE_SIZE[kind];
  if (policySize(text) > limit) {
    // "Maximum policy size of 2048 bytes exceeded for user David"
    throw awsError(
      'iam',
      'LimitExceeded',
      `Maximum policy size of ${limit} bytes exceeded for ${kind} ${name}`,
    );
  }
  checkPolicyDocument(text, 'identity');
  await ctx.store.transaction(async (tx) => {
    await requirePrincipal(tx, ctx.caller.account, kind, name);
    await tx.putInlinePolicy(ctx.caller.account, kind, name, { name: policyName, document: text });
  });
}

async function getInline(kind: PrincipalKind, name: string, policyName: string, ctx: HandlerContext) {
  await requirePrincipal(ctx.store, ctx.caller.account, kind, name);
  const policy = await ctx.store.getInlinePolicy(ctx.caller.account, kind, name, policyName);
  if (!policy) throw noSuchInlinePolicy(kind, policyName);
  return { PolicyName: policy.name, PolicyDocument: encodePolicyDocument(policy.document) };
}

async function listInline(
  kind: PrincipalKind,
  name: string,
  input: { Marker?: string; MaxItems?: number },
  ctx: HandlerContext,
) {
  await requirePrincipal(ctx.store, ctx.caller.account, kind, name);
  const page = await ctx.store.listInlinePolicies(ctx.caller.account, kind, name, pageRequest(input));
  return { PolicyNames: page.items.map((p) => p.name), ...pageResult(page) };
}

async function deleteInline(kind: PrincipalKind, name: string, policyName: string, ctx: HandlerContext) {
  await ctx.store.transaction(async (tx) => {
    await requirePrincipal(tx, ctx.caller.account, kind, name);
    if (!(await tx.getInlinePolicy(ctx.caller.account, kind, name, policyName))) {
      throw noSuchInlinePolicy(kind, policyName);
    }
    await tx.deleteInlinePolicy(ctx.caller.account, kind, name, policyName);
  });
}

export const putUserPolicy: IamHandler<'PutUserPolicy'> = async (input, ctx) => {
  await putInline('user', input.UserName, input.PolicyName, input.PolicyDocument, ctx);
  return undefined;
};
export const getUserPolicy: IamHandler<'GetUserPolicy'> = async (input, ctx) => ({
  UserName: input.UserName,
  ...(await getInline('user', input.UserName, input.PolicyName, ctx)),
});
export const listUserPolicies: IamHandler<'ListUserPolicies'> = (input, ctx) =>
  listInline('user', input.UserName, input, ctx);
export const deleteUserPolicy: IamHandler<'DeleteUserPolicy'> = async (input, ctx) => {
  await deleteInline('user', input.UserName, input.PolicyName, ctx);
  return undefined;
};

export const putGroupPolicy: IamHandler<'PutGroupPolicy'> = async (input, ctx) => {
  await putInline('group', input.GroupName, input.PolicyName, input.PolicyDocument, ctx);
  return undefined;
};
export const getGroupPolicy: IamHandler<'GetGroupPolicy'> = async (input, ctx) => ({
  GroupName: input.GroupName,
  ...(await getInline('group', input.GroupName, input.PolicyName, ctx)),
});
export const listGroupPolicies: IamHandler<'ListGroupPolicies'> = (input, ctx) =>
  listInline('group', input.GroupName, input, ctx);
export const deleteGroupPolicy: IamHandler<'DeleteGroupPolicy'> = async (input, ctx) => {
  await deleteInline('group', input.GroupName, input.PolicyName, ctx);
  return undefined;
};

export const putRolePolicy: IamHandler<'PutRolePolicy'> = async (input, ctx) => {
  await putInline('role', input.RoleName, input.PolicyName, input.PolicyDocument, ctx);
  return undefined;
};
export const getRolePolicy: IamHandler<'GetRolePolicy'> = async (input, ctx) => ({
  RoleName: input.RoleName,
  ...(await getInline('role', input.RoleName, input.PolicyName, ctx)),
});
export const listRolePolicies: IamHandler<'ListRolePolicies'> = (input, ctx) =>
  listInline('role', input.RoleName, input, ctx);
export const deleteRolePolicy: IamHandler<'DeleteRolePolicy'> = async (input, ctx) => {
  await deleteInline('role', input.RoleName, input.PolicyName, ctx);
  return undefined;
};
