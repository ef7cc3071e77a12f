// GetAccountAuthorizationDetails: every user, group, role and managed policy of the account with their
// policies, documents URL-encoded. AWS managed policies appear when something in the account uses them.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
import type {
  EntityType,
  GetAccountAuthorizationDetailsResponse,
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  RoleDetail,
  UserDetail,
} from '../../protocol/generated/iam.js';
import type { PrincipalKind } from '../../store/records.js';
import type { Page, PageRequest, StoreReads } from '../../store/store.js';
import { encodePolicyDocument } from './encode-policy-document.js';
import type { IamHandler } from './iam-handler.js';
import { toBoundary, toGroup, toPolicy, toRole, toTags, toUser } from './iam-shapes.js';
import { toVersion } from './managed-policies.js';
import { pageArray, pageResult } from './paging.js';

type Entry =
  | { type: 'User'; detail: UserDetail }
  | { type: 'Group'; detail: GroupDetail }
  | { type: 'Role'; detail: RoleDetail }
  | { type: 'LocalManagedPolicy' | 'AWSManagedPolicy'; detail: ManagedPolicyDetail };

export const getAccountAuthorizationDetails: IamHandler<'GetAccountAuthorizationDetails'> = async (
  input,
  ctx,
) => {
  const account = ctx.caller.account;
  const reads = ctx.store;
  const wanted = new Set<EntityType>(
    input.Filter && input.Filter.length > 0
      ? input.Filter
      : ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'],
  );
  const entries: Entry[] = [];

  if (wanted.has('User')) {
    for (const user of await listAll((p) => reads.listUsers(account, {}, p))) {
      const groups = await listAll((p) => reads.listGroupsForUser(account, user.name, p));
      entries.push({
        type: 'User',
        detail: {
          ...toUser(user, false),
          UserPolicyList: await inlinePolicies(reads, account, 'user', user.name),
          GroupList: groups.map((g) => g.name),
          AttachedManagedPolicies: await attached(reads, account, 'user', user.name),
          ...toBoundary(user.permissionsBoundaryArn),
          ...(user.tags.length > 0 && { Tags: toTags(user.tags) }),
        },
      });
    }
  }
  if (wanted.has('Group')) {
    for (const group of await listAll((p) => reads.listGroups(account, {}, p))) {
      entries.push({
        type: 'Group',
        detail: {
          ...toGroup(group),
          GroupPolicyList: await inlinePolicies(reads, account, 'group', group.name),
          AttachedManagedPolicies: await attached(reads, account, 'group', group.name),
        },
      });
    }
  }
  if (wanted.has('Role')) {
    for (const role of await listAll((p) => reads.listRoles(account, {}, p))) {
      const { Description, MaxSessionDuration, ...shape } = toRole(role);
      entries.push({
        type: 'Role',
        detail: {
          ...shape,
          InstanceProfileList: [],
          RolePolicyList: await inlinePolicies(reads, account, 'role', role.name),
          AttachedManagedPolicies: await attached(reads, account, 'role', role.name),
        },
      });
    }
  }
  for (const scope of ['Local', 'AWS'] as const) {
    const type = scope === 'Local' ? 'LocalManagedPolicy' : 'AWSManagedPolicy';
    if (!wanted.has(type)) continue;
    const policies = await listAll((p) =>
      reads.listPolicies(account, { scope, onlyAttached: scope === 'AWS' }, p),
    );
    for (const policy of policies) {
      const { Tags, ...shape } = toPolicy(policy);
      const versions = await reads.listPolicyVersions(policy.arn);
      entries.push({
        type,
        detail: { ...shape, PolicyVersionList: versions.map((v) => toVersion(v, true)) },
      });
    }
  }

  const page = pageArray(entries, input);
  const output: GetAccountAuthorizationDetailsResponse = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
    ...pageResult(page),
  };
  for (const entry of page.items) {
    if (entry.type === 'User') output.UserDetailList?.push(entry.detail);
    else if (entry.type === 'Group') output.GroupDetailList?.push(entry.detail);
    else if (entry.type === 'Role') output.RoleDetailList?.push(entry.detail);
    else output.Policies?.push(entry.detail);
  }
  return output;
};

async function listAll<T>(fetch: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch({ maxItems: 1000, ...(marker !== undefined && { marker }) });
    items.push(...page.items);
    marker = page.marker;
  } while (marker !== undefined);
  return items;
}

async function inlinePolicies(
  reads: StoreReads,
  account: string,
  kind: PrincipalKind,
  name: string,
): Promise<PolicyDetail[]> {
  const policies = await listAll((p) => reads.listInlinePolicies(account, kind, name, p));
  return policies.map((p) => ({ PolicyName: p.name, PolicyDocument: encodePolicyDocument(p.document) }));
}

async function attached(reads: StoreReads, account: string, kind: PrincipalKind, name: string) {
  const policies = await listAll((p) => reads.listAttachedPolicies(account, kind, name, {}, p));
  return policies.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn }));
}
