// Managed policies attached to users, groups and roles.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
import { parseIamArn } from '../../arn/index.js';
import { AWS_MANAGED_OWNER, type PrincipalKind } from '../../store/records.js';
import type { HandlerContext } from '../handler-context.js';
import { invalidArn, noSuchPolicy, notAttachable, quotaExceeded } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { visiblePolicy } from './managed-policies.js';
import { pageRequest, pageResult } from './paging.js';
import { requirePrincipal } from './principal-lookup.js';

// "Managed policies attached to an IAM role/user/group: 10" (default quota).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entities
const ATTACHED_PER_ENTITY = 10;
const QUOTA_NAME: Readonly<Record<PrincipalKind, string>> = {
  user: 'PoliciesPerUser',
  group: 'PoliciesPerGroup',
  role: 'PoliciesPerRole',
};

async function attach(
  kind: PrincipalKind,
  name: string,
  arn: string,
  ctx: HandlerContext,
): Promise<undefined> {
  const account = ctx.caller.account;
  if (parseIamArn(arn)?.kind !== 'policy') throw invalidArn(arn);
  await ctx.store.transaction(async (tx) => {
    await requirePrincipal(tx, account, kind, name);
    const policy = await tx.getPolicy(account, arn);
    if (!policy || (policy.accountId !== account && policy.accountId !== AWS_MANAGED_OWNER)) {
      throw notAttachable(arn);
    }
    const attached = await tx.listAttachedPolicies(account, kind, name, {}, { maxItems: 1000 });
    if (attached.items.some((p) => p.policyArn === policy.arn)) return;
    if (attached.items.length >= ATTACHED_PER_ENTITY)
      throw quotaExceeded(QUOTA_NAME[kind], ATTACHED_PER_ENTITY);
    await tx.attachPolicy(account, kind, name, policy.arn);
  });
  return undefined;
}

async function detach(
  kind: PrincipalKind,
  name: string,
  arn: string,
  ctx: HandlerContext,
): Promise<undefined> {
  const account = ctx.caller.account;
  if (parseIamArn(arn)?.kind !== 'policy') throw invalidArn(arn);
  await ctx.store.transaction(async (tx) => {
    await requirePrincipal(tx, account, kind, name);
    if (!(await tx.getPolicy(account, arn))) throw noSuchPolicy(arn);
    if (!(await tx.detachPolicy(account, kind, name, arn))) throw noSuchPolicy(arn);
  });
  return undefined;
}

async function listAttached(
  kind: PrincipalKind,
  name: string,
  input: { PathPrefix?: string; Marker?: string; MaxItems?: number },
  ctx: HandlerContext,
) {
  await requirePrincipal(ctx.store, ctx.caller.account, kind, name);
  const filter = input.PathPrefix !== undefined ? { pathPrefix: input.PathPrefix } : {};
  const page = await ctx.store.listAttachedPolicies(
    ctx.caller.account,
    kind,
    name,
    filter,
    pageRequest(input),
  );
  return {
    AttachedPolicies: page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn })),
    ...pageResult(page),
  };
}

export const attachUserPolicy: IamHandler<'AttachUserPolicy'> = (input, ctx) =>
  attach('user', input.UserName, input.PolicyArn, ctx);
export const attachGroupPolicy: IamHandler<'AttachGroupPolicy'> = (input, ctx) =>
  attach('group', input.GroupName, input.PolicyArn, ctx);
export const attachRolePolicy: IamHandler<'AttachRolePolicy'> = (input, ctx) =>
  attach('role', input.RoleName, input.PolicyArn, ctx);

export const detachUserPolicy: IamHandler<'DetachUserPolicy'> = (input, ctx) =>
  detach('user', input.UserName, input.PolicyArn, ctx);
export const detachGroupPolicy: IamHandler<'DetachGroupPolicy'> = (input, ctx) =>
  detach('group', input.GroupName, input.PolicyArn, ctx);
export const detachRolePolicy: IamHandler<'DetachRolePolicy'> = (input, ctx) =>
  detach('role', input.RoleName, input.PolicyArn, ctx);

export const listAttachedUserPolicies: IamHandler<'ListAttachedUserPolicies'> = (input, ctx) =>
  listAttached('user', input.UserName, input, ctx);
export const listAttachedGroupPolicies: IamHandler<'ListAttachedGroupPolicies'> = (input, ctx) =>
  listAttached('group', input.GroupName, input, ctx);
export const listAttachedRolePolicies: IamHandler<'ListAttachedRolePolicies'> = (input, ctx) =>
  listAttached('role', input.RoleName, input, ctx);

const ENTITY_KIND: Readonly<Record<string, PrincipalKind>> = { User: 'user', Group: 'group', Role: 'role' };

export const listEntitiesForPolicy: IamHandler<'ListEntitiesForPolicy'> = async (input, ctx) => {
  await visiblePolicy(input.PolicyArn, ctx);
  const kind = input.EntityFilter === undefined ? undefined : ENTITY_KIND[input.EntityFilter];
  // Policy filters (LocalManagedPolicy, AWSManagedPolicy) name no principal: nothing to list.
  const none = input.EntityFilter !== undefined && kind === undefined;
  const page = none
    ? { items: [] }
    : await ctx.store.listEntitiesForPolicy(
        ctx.caller.account,
        input.PolicyArn,
        { ...(kind && { kind }), ...(input.PathPrefix !== undefined && { pathPrefix: input.PathPrefix }) },
        pageRequest(input),
      );
  const of = (k: PrincipalKind) => page.items.filter((e) => e.kind === k);
  return {
    PolicyGroups: of('group').map((e) => ({ GroupName: e.name, GroupId: e.id })),
    PolicyUsers: of('user').map((e) => ({ UserName: e.name, UserId: e.id })),
    PolicyRoles: of('role').map((e) => ({ RoleName: e.name, RoleId: e.id })),
    ...pageResult(page),
  };
};
