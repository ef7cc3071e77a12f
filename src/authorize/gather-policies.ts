// Which policies apply to a request: the caller's identity-based policies (a user's own and its
// groups', or a session's role's), its permissions boundary, the session's policies, and the
// resource-based policy (a role's trust policy for sts:AssumeRole).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
import type { CompiledPolicy } from '../policy/compile/compile-policy.js';
import type { PolicySetInput } from '../policy/compile/compile-policy-set.js';
import type { Caller } from '../services/handler-context.js';
import type { PrincipalKind } from '../store/records.js';
import type { Page, PageRequest, Store } from '../store/store.js';
import type { AuthzTarget } from './authz-target.js';
import type { PolicyCache } from './policy-cache.js';

export async function gatherPolicies(
  store: Store,
  cache: PolicyCache,
  caller: Caller,
  target: AuthzTarget,
): Promise<PolicySetInput> {
  const principal = await identityOf(store, caller);
  const identity: CompiledPolicy[] = [];
  let boundary: CompiledPolicy | undefined;
  if (principal) {
    for (const [kind, name] of principal.holders) {
      identity.push(...(await principalPolicies(store, cache, caller.account, kind, name)));
    }
    if (principal.boundaryArn)
      boundary = await managedPolicy(store, cache, caller.account, principal.boundaryArn);
  }
  const session = caller.session;
  const sessionPolicies: CompiledPolicy[] = [];
  if (session?.sessionPolicy) {
    const compiled = cache.compile(
      { id: `${session.principalArn} session policy`, name: 'session policy' },
      session.sessionPolicy,
    );
    if (compiled) sessionPolicies.push(compiled);
  }
  for (const arn of session?.policyArns ?? []) {
    const compiled = await managedPolicy(store, cache, caller.account, arn);
    if (compiled) sessionPolicies.push(compiled);
  }
  const resource = await resourcePolicy(store, cache, target);
  return {
    identity,
    ...(boundary ? { permissionsBoundary: boundary } : {}),
    ...(sessionPolicies.length > 0 ? { sessionPolicies } : {}),
    ...(resource ? { resource } : {}),
  };
}

interface IdentityHolders {
  /** The user and its groups, or the session's role: whose policies the caller carries. */
  holders: [PrincipalKind, string][];
  boundaryArn: string | undefined;
}

async function identityOf(store: Store, caller: Caller): Promise<IdentityHolders | undefined> {
  const { facts } = caller;
  if (facts.type === 'User' && caller.userName) {
    const user = await store.getUser(caller.account, caller.userName);
    if (!user) return undefined;
    const groups = await allPages((page) => store.listGroupsForUser(caller.account, user.name, page));
    return {
      holders: [['user', user.name], ...groups.map((g): [PrincipalKind, string] => ['group', g.name])],
      boundaryArn: user.permissionsBoundaryArn,
    };
  }
  if (facts.type === 'AssumedRole' && facts.roleArn) {
    const roleName = facts.roleArn.slice(facts.roleArn.lastIndexOf('/') + 1);
    const role = await store.getRole(caller.account, roleName);
    if (!role) return undefined;
    return { holders: [['role', role.name]], boundaryArn: role.permissionsBoundaryArn };
  }
  // The root user has no identity-based policies.
  return undefined;
}

async function principalPolicies(
  store: Store,
  cache: PolicyCache,
  account: string,
  kind: PrincipalKind,
  name: string,
): Promise<CompiledPolicy[]> {
  const compiled: CompiledPolicy[] = [];
  for (const inline of await allPages((page) => store.listInlinePolicies(account, kind, name, page))) {
    const policy = cache.compile(
      { id: `${kind}/${name}/inline/${inline.name}`, name: inline.name },
      inline.document,
    );
    if (policy) compiled.push(policy);
  }
  for (const attached of await allPages((page) =>
    store.listAttachedPolicies(account, kind, name, {}, page),
  )) {
    const policy = await managedPolicy(store, cache, account, attached.policyArn);
    if (policy) compiled.push(policy);
  }
  return compiled;
}

/** A managed policy's default version, compiled; its ARN is its id, so denials can name it. */
async function managedPolicy(
  store: Store,
  cache: PolicyCache,
  account: string,
  arn: string,
): Promise<CompiledPolicy | undefined> {
  const policy = await store.getPolicy(account, arn);
  if (!policy) return undefined;
  const version = await store.getPolicyVersion(arn, policy.defaultVersionId);
  return version ? cache.compile({ id: arn, name: policy.name }, version.document) : undefined;
}

/**
 * The role's trust policy for sts:AssumeRole and its companions. A role that does not exist has no
 * trust policy that could allow: an empty one stands in, so the request is denied as on AWS.
 */
async function resourcePolicy(
  store: Store,
  cache: PolicyCache,
  target: AuthzTarget,
): Promise<CompiledPolicy | undefined> {
  if (!/^sts:(AssumeRole|TagSession|SetSourceIdentity)$/.test(target.action)) return undefined;
  const roleName = target.resource.slice(target.resource.lastIndexOf('/') + 1);
  const role = await store.getRole(target.resourceAccount, roleName);
  const document = role && role.arn === target.resource ? role.assumeRolePolicyDocument : NO_TRUST;
  return cache.compile({ id: `${target.resource} trust policy`, name: 'role trust policy' }, document);
}

const NO_TRUST = '{"Version":"2012-10-17","Statement":[]}';

async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await list({ maxItems: 1000, ...(marker ? { marker } : {}) });
    items.push(...page.items);
    marker = page.marker;
  } while (marker);
  return items;
}
