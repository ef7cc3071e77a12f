// Permissions boundaries of users and roles: a managed policy of the account or an AWS managed policy.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
import { parseIamArn } from '../../arn/iam-arn.js';
import { AWS_MANAGED_OWNER } from '../../store/records.js';
import type { HandlerContext } from '../handler-context.js';
import { invalidArn, noSuchBoundary, noSuchEntity } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';

/** The boundary must be a policy ARN of a policy the account can attach. */
export async function checkBoundaryArn(arn: string, ctx: HandlerContext): Promise<void> {
  if (parseIamArn(arn)?.kind !== 'policy') throw invalidArn(arn);
  const policy = await ctx.store.getPolicy(ctx.caller.account, arn);
  if (!policy || (policy.accountId !== ctx.caller.account && policy.accountId !== AWS_MANAGED_OWNER)) {
    throw noSuchBoundary(arn);
  }
}

export const putUserPermissionsBoundary: IamHandler<'PutUserPermissionsBoundary'> = async (input, ctx) => {
  await checkBoundaryArn(input.PermissionsBoundary, ctx);
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getUser(ctx.caller.account, input.UserName))) throw noSuchEntity('user', input.UserName);
    await tx.updateUser(ctx.caller.account, input.UserName, {
      permissionsBoundaryArn: input.PermissionsBoundary,
    });
  });
  return undefined;
};

export const deleteUserPermissionsBoundary: IamHandler<'DeleteUserPermissionsBoundary'> = async (
  input,
  ctx,
) => {
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getUser(ctx.caller.account, input.UserName))) throw noSuchEntity('user', input.UserName);
    await tx.updateUser(ctx.caller.account, input.UserName, { permissionsBoundaryArn: null });
  });
  return undefined;
};

export const putRolePermissionsBoundary: IamHandler<'PutRolePermissionsBoundary'> = async (input, ctx) => {
  await checkBoundaryArn(input.PermissionsBoundary, ctx);
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getRole(ctx.caller.account, input.RoleName))) throw noSuchEntity('role', input.RoleName);
    await tx.updateRole(ctx.caller.account, input.RoleName, {
      permissionsBoundaryArn: input.PermissionsBoundary,
    });
  });
  return undefined;
};

export const deleteRolePermissionsBoundary: IamHandler<'DeleteRolePermissionsBoundary'> = async (
  input,
  ctx,
) => {
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getRole(ctx.caller.account, input.RoleName))) throw noSuchEntity('role', input.RoleName);
    await tx.updateRole(ctx.caller.account, input.RoleName, { permissionsBoundaryArn: null });
  });
  return undefined;
};
