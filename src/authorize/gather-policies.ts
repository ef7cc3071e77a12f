// Which policies apply to a request: the caller's identity-based policies (a user's own and its
// groups', or a session's role's), its permissions boundary, the session's policies, and the
// resource-based policy (a role's trust policy for sts:AssumeRole). The caller's side is gathered once
// per request; the resource side once per IAM request. What they read from the store is kept in the
// PolicyCache until the next IAM change: a steady stream of AssumeRole calls reads nothing twice.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
import { parseRoleArn } from '../arn/iam-arn.js';
import type { CompiledPolicy } from '../policy/compile/compile-policy.js';
import type { PolicySetInput } from '../policy/compile/compile-policy-set.js';
import type { Caller } from '../services/handler-context.js';
import type { PrincipalKind, RoleRecord, UserRecord } from '../store/records.js';
import type { Page, PageRequest, Store } from '../store/store.js';
import type { AuthzTarget } from './authz-target.js';
import type { PolicyCache } from './policy-cache.js';

/** The caller's own IAM user or role; undefined for the root user. */
export type CallerEntity = { kind: 'user'; record: UserRecord } | { kind: 'role'; record: RoleRecord };

export async function findCallerEntity(
  store: Store,
  cache: PolicyCache,
  caller: Caller,
): Promise<CallerEntity | undefined> {
  const { facts, account } = caller;
  if (facts.type === 'User' && caller.userName) {
    const name = caller.userName;
    return cache.remember(store, `user ${account} ${name.toLowerCase()}`, async () => {
      const user = await store.getUser(account, name);
      return user && { kind: 'user', record: user };
    });
  }
  const roleName =
    facts.type === 'AssumedRole' && facts.roleArn ? parseRoleArn(facts.roleArn)?.name : undefined;
  if (!roleName) return undefined;
  return cache.remember(store, `role ${account} ${roleName.toLowerCase()}`, async () => {
    const role = await store.getRole(account, roleName);
    return role && { kind: 'role', record: role };
  });
}

/**
 * The caller's side: identity-based policies (a user's own and its groups', or the role's), the
 * permissions boundary and the session's policies. The same for every IAM request of an operation.
 */
export async function gatherIdentityPolicies(
  store: Store,
  cache: PolicyCache,
  caller: Caller,
  entity: CallerEntity | undefined,
): Promise<Omit<PolicySetInput, 'resource'>> {
  const { identity, boundary } = entity
    ? await cache.remember(store, `policies ${caller.account} ${entity.record.id}`, () =>
        entityPolicies(store, cache, caller.account, entity),
      )
    : { identity: [], boundary: undefined };
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
  return {
    identity,
    ...(boundary ? { permissionsBoundary: boundary } : {}),
    ...(sessionPolicies.length > 0 ? { sessionPolicies } : {}),
  };
}

/** A user's policies and its groups', or a role's, and the entity's permissions boundary. */
async function entityPolicies(
  store: Store,
  cache: PolicyCache,
  account: string,
  entity: CallerEntity,
): Promise<{ identity: CompiledPolicy[]; boundary: CompiledPolicy | undefined }> {
  const { name } = entity.record;
  const groups =
    entity.kind === 'user' ? await allPages((page) => store.listGroupsForUser(account, name, page)) : [];
  const holders: [PrincipalKind, string][] = [
    [entity.kind, name],
    ...groups.map((g): [PrincipalKind, string] => ['group', g.name]),
  ];
  const identity: CompiledPolicy[] = [];
  for (const [kind, holder] of holders) {
    identity.push(...(await principalPolicies(store, cache, account, kind, holder)));
  }
  const boundaryArn = entity.record.permissionsBoundaryArn;
  const boundary = boundaryArn ? await managedPolicy(store, cache, account, boundaryArn) : undefined;
  return { identity, boundary };
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
function managedPolicy(
  store: Store,
  cache: PolicyCache,
  account: string,
  arn: string,
): Promise<CompiledPolicy | undefined> {
  return cache.remember(store, `managed ${account} ${arn}`, async () => {
    const policy = await store.getPolicy(account, arn);
    if (!policy) return undefined;
    const version = await store.getPolicyVersion(arn, policy.defaultVersionId);
    return version ? cache.compile({ id: arn, name: policy.name }, version.document) : undefined;
  });
}

/**
 * The role's trust policy for sts:AssumeRole and its companions. A role that does not exist has no
 * trust policy that could allow: an empty one stands in, so the request is denied as on AWS.
 */
export async function gatherResourcePolicy(
  store: Store,
  cache: PolicyCache,
  target: AuthzTarget,
): Promise<CompiledPolicy | undefined> {
  if (target.resourcePolicy) {
    const { id, name, document } = target.resourcePolicy;
    return cache.compile({ id, name }, document);
  }
  if (!/^sts:(AssumeRole|TagSession|SetSourceIdentity)$/.test(target.action)) return undefined;
  return cache.remember(store, `trust ${target.resource}`, async () => {
    const roleArn = parseRoleArn(target.resource);
    const role = roleArn ? await store.getRole(roleArn.account, roleArn.name) : undefined;
    const document = role && role.arn === target.resource ? role.assumeRolePolicyDocument : NO_TRUST;
    return cache.compile({ id: `${target.resource} trust policy`, name: 'role trust policy' }, document);
  });
}

const NO_TRUST = '{"Version":"2012-10-17","Statement":[]}';

/** Every item of a paged store list. */
export async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await list({ maxItems: 1000, ...(marker ? { marker } : {}) });
    items.push(...page.items);
    marker = page.marker;
  } while (marker);
  return items;
}
