// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html and its siblings.
import { formatIamArn, newUniqueId } from '../../arn/index.js';
import type { Role } from '../../protocol/generated/iam.js';
import { deleteConflict, entityExists, noSuchEntity } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { toRole } from './iam-shapes.js';
import { pageRequest, pageResult } from './paging.js';
import { checkBoundaryArn } from './permissions-boundaries.js';
import { retirePrincipal, storedTrustPolicy } from './rewrite-principals.js';
import { readTags } from './tag-rules.js';
import { checkTrustPolicy } from './trust-policy.js';

const DEFAULT_MAX_SESSION_DURATION = 3600;

export const createRole: IamHandler<'CreateRole'> = async (input, ctx) => {
  const account = ctx.caller.account;
  const path = input.Path ?? '/';
  const tags = readTags(input.Tags);
  await checkTrustPolicy(input.AssumeRolePolicyDocument, ctx);
  if (input.PermissionsBoundary !== undefined) await checkBoundaryArn(input.PermissionsBoundary, ctx);
  const role = await ctx.store.transaction(async (tx) => {
    if (await tx.getRole(account, input.RoleName)) throw entityExists('role', input.RoleName);
    return tx.createRole({
      accountId: account,
      id: newUniqueId('role'),
      name: input.RoleName,
      path,
      arn: formatIamArn({ account, kind: 'role', path, name: input.RoleName }),
      createDate: ctx.now.getTime(),
      assumeRolePolicyDocument: storedTrustPolicy(input.AssumeRolePolicyDocument),
      ...(input.Description !== undefined && { description: input.Description }),
      maxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      ...(input.PermissionsBoundary !== undefined && { permissionsBoundaryArn: input.PermissionsBoundary }),
      tags,
    });
  });
  // CreateRole answers without Description, MaxSessionDuration and RoleLastUsed (as recorded from AWS by
  // LocalStack's snapshot tests); GetRole has them.
  const { Description, MaxSessionDuration, RoleLastUsed, ...created } = toRole(role);
  return { Role: created };
};

export const getRole: IamHandler<'GetRole'> = async (input, ctx) => {
  const role = await ctx.store.getRole(ctx.caller.account, input.RoleName);
  if (!role) throw noSuchEntity('role', input.RoleName);
  return { Role: toRole(role) };
};

export const listRoles: IamHandler<'ListRoles'> = async (input, ctx) => {
  const filter = input.PathPrefix !== undefined ? { pathPrefix: input.PathPrefix } : {};
  const page = await ctx.store.listRoles(ctx.caller.account, filter, pageRequest(input));
  // "This operation does not return the following attributes … PermissionsBoundary, RoleLastUsed, Tags"
  // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html).
  const roles = page.items.map((r): Role => {
    const { PermissionsBoundary, RoleLastUsed, Tags, ...listed } = toRole(r);
    return listed;
  });
  return { Roles: roles, ...pageResult(page) };
};

export const updateRole: IamHandler<'UpdateRole'> = async (input, ctx) => {
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getRole(ctx.caller.account, input.RoleName))) throw noSuchEntity('role', input.RoleName);
    await tx.updateRole(ctx.caller.account, input.RoleName, {
      ...(input.Description !== undefined && { description: input.Description }),
      ...(input.MaxSessionDuration !== undefined && { maxSessionDuration: input.MaxSessionDuration }),
    });
  });
  return {};
};

export const updateRoleDescription: IamHandler<'UpdateRoleDescription'> = async (input, ctx) => {
  const role = await ctx.store.transaction(async (tx) => {
    if (!(await tx.getRole(ctx.caller.account, input.RoleName))) throw noSuchEntity('role', input.RoleName);
    return tx.updateRole(ctx.caller.account, input.RoleName, { description: input.Description });
  });
  const { MaxSessionDuration, RoleLastUsed, ...updated } = toRole(role);
  return { Role: updated };
};

export const updateAssumeRolePolicy: IamHandler<'UpdateAssumeRolePolicy'> = async (input, ctx) => {
  if (!(await ctx.store.getRole(ctx.caller.account, input.RoleName)))
    throw noSuchEntity('role', input.RoleName);
  await checkTrustPolicy(input.PolicyDocument, ctx);
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getRole(ctx.caller.account, input.RoleName))) throw noSuchEntity('role', input.RoleName);
    await tx.updateRole(ctx.caller.account, input.RoleName, {
      assumeRolePolicyDocument: storedTrustPolicy(input.PolicyDocument),
    });
  });
  return undefined;
};

export const deleteRole: IamHandler<'DeleteRole'> = async (input, ctx) => {
  const account = ctx.caller.account;
  await ctx.store.transaction(async (tx) => {
    const role = await tx.getRole(account, input.RoleName);
    if (!role) throw noSuchEntity('role', input.RoleName);
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html: inline and attached
    // policies must go first.
    const d = await tx.countRoleDependents(account, input.RoleName);
    if (d.attachedPolicies > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (d.inlinePolicies > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    await tx.deleteRole(account, input.RoleName);
    await retirePrincipal(tx, role.arn, role.id);
  });
  return undefined;
};
