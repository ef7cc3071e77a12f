// Customer managed policies and their versions.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
import { formatIamArn, newUniqueId, parseIamArn } from '../../arn/index.js';
import { awsError } from '../../protocol/errors.js';
import type { PolicyVersion } from '../../protocol/generated/iam.js';
import type { ManagedPolicyRecord, PolicyVersionRecord } from '../../store/records.js';
import type { PolicyScope } from '../../store/store.js';
import { isStoreError } from '../../store/store-error.js';
import type { HandlerContext } from '../handler-context.js';
import { checkPolicyDocument, policySize } from './check-policy-document.js';
import { encodePolicyDocument } from './encode-policy-document.js';
import {
  deleteConflict,
  invalidArn,
  noSuchPolicy,
  noSuchPolicyVersion,
  policyExists,
  quotaExceeded,
} from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { toDate, toPolicy } from './iam-shapes.js';
import { pageRequest, pageResult } from './paging.js';
import { readTags } from './tag-rules.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
const MANAGED_POLICY_SIZE = 6144;
const VERSIONS_PER_POLICY = 5;

/** Checks a managed policy document: size, then what IAM rejects. */
export function checkManagedPolicyDocument(text: string): void {
  if (policySize(text) > MANAGED_POLICY_SIZE) throw quotaExceeded('PolicySize', MANAGED_POLICY_SIZE);
  checkPolicyDocument(text, 'identity');
}

/** A policy the account can see (its own or AWS managed); NoSuchEntity otherwise. */
export async function visiblePolicy(arn: string, ctx: HandlerContext): Promise<ManagedPolicyRecord> {
  if (parseIamArn(arn)?.kind !== 'policy') throw invalidArn(arn);
  const policy = await ctx.store.getPolicy(ctx.caller.account, arn);
  if (!policy || (policy.accountId !== ctx.caller.account && policy.accountId !== 'aws'))
    throw noSuchPolicy(arn);
  return policy;
}

/** A policy the account owns and may change; AWS managed policies are not the account's to change. */
async function ownPolicy(arn: string, ctx: HandlerContext): Promise<ManagedPolicyRecord> {
  const policy = await visiblePolicy(arn, ctx);
  if (policy.accountId !== ctx.caller.account) throw noSuchPolicy(arn);
  return policy;
}

export const createPolicy: IamHandler<'CreatePolicy'> = async (input, ctx) => {
  const account = ctx.caller.account;
  const path = input.Path ?? '/';
  const tags = readTags(input.Tags);
  checkManagedPolicyDocument(input.PolicyDocument);
  const arn = formatIamArn({ account, kind: 'policy', path, name: input.PolicyName });
  const policy = await ctx.store.transaction(async (tx) => {
    if (await tx.getPolicy(account, arn)) throw policyExists(input.PolicyName);
    try {
      return await tx.createPolicy({
        accountId: account,
        id: newUniqueId('managedPolicy'),
        name: input.PolicyName,
        path,
        arn,
        ...(input.Description !== undefined && { description: input.Description }),
        document: input.PolicyDocument,
        createDate: ctx.now.getTime(),
        tags,
      });
    } catch (error) {
      // The same name under another path: names are unique in the account.
      if (isStoreError(error, 'EntityAlreadyExists')) throw policyExists(input.PolicyName);
      throw error;
    }
  });
  // CreatePolicy answers without the Description, which GetPolicy returns.
  const { Description, ...created } = toPolicy(policy);
  return { Policy: created };
};

export const getPolicy: IamHandler<'GetPolicy'> = async (input, ctx) => ({
  Policy: toPolicy(await visiblePolicy(input.PolicyArn, ctx)),
});

export const listPolicies: IamHandler<'ListPolicies'> = async (input, ctx) => {
  const page = await ctx.store.listPolicies(
    ctx.caller.account,
    {
      scope: (input.Scope ?? 'All') as PolicyScope,
      ...(input.OnlyAttached && { onlyAttached: true }),
      ...(input.PathPrefix !== undefined && { pathPrefix: input.PathPrefix }),
    },
    pageRequest(input),
  );
  // "This operation does not return … Description, Tags"
  // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html).
  const policies = page.items.map((p) => {
    const { Description, Tags, ...listed } = toPolicy(p);
    return listed;
  });
  return { Policies: policies, ...pageResult(page) };
};

export const deletePolicy: IamHandler<'DeletePolicy'> = async (input, ctx) => {
  await ownPolicy(input.PolicyArn, ctx);
  await ctx.store.transaction(async (tx) => {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html: detach it everywhere and
    // delete its other versions first.
    const d = await tx.countPolicyDependents(input.PolicyArn);
    if (d.attachments > 0 || d.permissionsBoundaryUses > 0) {
      throw deleteConflict('Cannot delete a policy attached to entities.');
    }
    if (d.nonDefaultVersions > 0) {
      throw deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    await tx.deletePolicy(input.PolicyArn);
  });
  return undefined;
};

export const createPolicyVersion: IamHandler<'CreatePolicyVersion'> = async (input, ctx) => {
  await ownPolicy(input.PolicyArn, ctx);
  checkManagedPolicyDocument(input.PolicyDocument);
  const version = await ctx.store.transaction(async (tx) => {
    if ((await tx.listPolicyVersions(input.PolicyArn)).length >= VERSIONS_PER_POLICY) {
      throw awsError(
        'iam',
        'LimitExceeded',
        `A managed policy can have up to ${VERSIONS_PER_POLICY} versions. Before you create a new version, you must delete an existing version.`,
      );
    }
    return tx.createPolicyVersion(input.PolicyArn, {
      document: input.PolicyDocument,
      setAsDefault: input.SetAsDefault ?? false,
      createDate: ctx.now.getTime(),
    });
  });
  // The answer carries no Document; GetPolicyVersion has it.
  return { PolicyVersion: toVersion(version, false) };
};

export const getPolicyVersion: IamHandler<'GetPolicyVersion'> = async (input, ctx) => {
  await versionPolicy(input.PolicyArn, input.VersionId, ctx);
  const version = await ctx.store.getPolicyVersion(input.PolicyArn, input.VersionId);
  if (!version) throw noSuchPolicyVersion(input.PolicyArn, input.VersionId);
  return { PolicyVersion: toVersion(version, true) };
};

export const listPolicyVersions: IamHandler<'ListPolicyVersions'> = async (input, ctx) => {
  await visiblePolicy(input.PolicyArn, ctx);
  const versions = await ctx.store.listPolicyVersions(input.PolicyArn);
  return { Versions: versions.map((v) => toVersion(v, false)), IsTruncated: false };
};

export const setDefaultPolicyVersion: IamHandler<'SetDefaultPolicyVersion'> = async (input, ctx) => {
  await versionPolicy(input.PolicyArn, input.VersionId, ctx, true);
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getPolicyVersion(input.PolicyArn, input.VersionId))) {
      throw noSuchPolicyVersion(input.PolicyArn, input.VersionId);
    }
    await tx.setDefaultPolicyVersion(input.PolicyArn, input.VersionId);
  });
  return undefined;
};

export const deletePolicyVersion: IamHandler<'DeletePolicyVersion'> = async (input, ctx) => {
  await versionPolicy(input.PolicyArn, input.VersionId, ctx, true);
  await ctx.store.transaction(async (tx) => {
    const version = await tx.getPolicyVersion(input.PolicyArn, input.VersionId);
    if (!version) throw noSuchPolicyVersion(input.PolicyArn, input.VersionId);
    if (version.isDefault) throw deleteConflict('Cannot delete the default version of a policy.');
    await tx.deletePolicyVersion(input.PolicyArn, input.VersionId);
  });
  return undefined;
};

/** Version operations name a missing policy with the version's message. */
async function versionPolicy(
  arn: string,
  versionId: string,
  ctx: HandlerContext,
  own = false,
): Promise<void> {
  if (parseIamArn(arn)?.kind !== 'policy') throw invalidArn(arn);
  const policy = await ctx.store.getPolicy(ctx.caller.account, arn);
  const owners = own ? [ctx.caller.account] : [ctx.caller.account, 'aws'];
  if (!policy || !owners.includes(policy.accountId)) throw noSuchPolicyVersion(arn, versionId);
}

export function toVersion(version: PolicyVersionRecord, withDocument: boolean): PolicyVersion {
  return {
    ...(withDocument && { Document: encodePolicyDocument(version.document) }),
    VersionId: version.versionId,
    IsDefaultVersion: version.isDefault,
    CreateDate: toDate(version.createDate),
  };
}
