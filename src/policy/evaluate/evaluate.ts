// AWS's policy evaluation logic, cross-account included:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
// Evaluate is pure policy logic: service rules such as "the root user cannot assume a role" are
// enforced by the server, not here.
import type { PolicySet } from '../compile/compile-policy-set.js';
import type { StatementIndex } from '../compile/statement-index.js';
import { accessDeniedMessage, isTrustPolicyAction, policyArnFromRef } from '../explain/messages.js';
import type { AuthzRequest, Decision, PolicySide, Reason } from '../types.js';
import { callerKind, rcpsApply, resourcePolicyRequired, scpsApply } from './applicability.js';
import {
  type CollectOptions,
  collectSide,
  type EvaluationStats,
  type MatchedReason,
  type SideResult,
} from './collect-side.js';

export type { EvaluationStats } from './collect-side.js';

export function evaluate(request: AuthzRequest, policies: PolicySet, stats?: EvaluationStats): Decision {
  const sides = collectAll(request, policies, stats);
  const ordered = orderedSides(sides);
  const problems = problemsOf(ordered);

  // An explicit deny in any applicable policy decides.
  const first = firstDeny(ordered);
  if (first) {
    const { side: deniedBy, denies } = first;
    const deciding = denies[0];
    // AWS names the denying policy only within one account (or organization), and never a resource policy.
    const policyArn =
      sides.crossAccount || deniedBy === 'resource' || !deciding
        ? undefined
        : policyArnFromRef(deciding.policy);
    return {
      verdict: 'ExplicitlyDenied',
      reasons: ordered.flatMap((side) => side.denies),
      deniedBy,
      message: message(request, deniedBy, 'explicit', policyArn),
      problems,
    };
  }

  // Every level of the organization path must allow: RCPs for the resource's account, SCPs for
  // the caller's. https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
  const guardrailAllows: Reason[] = [];
  for (const [side, levels] of [
    ['rcp', sides.rcp],
    ['scp', sides.scp],
  ] as const) {
    for (const level of levels ?? []) {
      if (level.allows.length === 0) return implicitDeny(request, side, problems);
      for (const allow of level.allows) guardrailAllows.push(allow.reason);
    }
  }

  // Identity-based policies, resource-based policies, boundaries and session policies.
  const outcome = decideGrant(request, policies, sides);
  if ('missing' in outcome) return implicitDeny(request, outcome.missing, problems);
  const reasons = guardrailAllows.length > 0 ? [...guardrailAllows, ...outcome.reasons] : outcome.reasons;
  return { verdict: 'Allowed', reasons, message: null, problems };
}

/** The sides that were evaluated, in the order explicit denies are reported: SCP, RCP, resource, identity, boundary, session. */
function orderedSides(sides: Sides): SideResult[] {
  const ordered: SideResult[] = [];
  if (sides.scp) ordered.push(...sides.scp);
  if (sides.rcp) ordered.push(...sides.rcp);
  if (sides.resource) ordered.push(sides.resource);
  if (sides.identity) ordered.push(sides.identity);
  if (sides.boundary) ordered.push(sides.boundary);
  if (sides.session) ordered.push(sides.session);
  return ordered;
}

function firstDeny(ordered: SideResult[]): SideResult | undefined {
  for (const side of ordered) if (side.denies.length > 0) return side;
  return undefined;
}

const NO_PROBLEMS: readonly Reason[] = Object.freeze([]);

function problemsOf(ordered: SideResult[]): Reason[] {
  // A fresh array only when there is something to report; the shared empty one is never written to.
  let count = 0;
  for (const side of ordered) count += side.problems.length;
  if (count === 0) return NO_PROBLEMS as Reason[];
  return ordered.flatMap((side) => side.problems);
}

interface Sides {
  crossAccount: boolean;
  scp: SideResult[] | undefined;
  rcp: SideResult[] | undefined;
  resource: SideResult | undefined;
  identity: SideResult | undefined;
  boundary: SideResult | undefined;
  session: SideResult | undefined;
}

function collectAll(request: AuthzRequest, policies: PolicySet, stats?: EvaluationStats): Sides {
  const { caller } = request;
  const kind = callerKind(caller);
  // Identity-based policies, boundaries and session policies belong to IAM users and roles only: the
  // root user has none, anonymous callers and service principals have no identity in the account.
  const iam = kind === 'iam';
  const options: CollectOptions = {
    actionKey: request.action.toLowerCase(),
    checkPrincipal: false,
    hasPermissionsBoundary: iam && policies.permissionsBoundary !== undefined,
  };
  const withPrincipal: CollectOptions = { ...options, checkPrincipal: true };
  const resourceAccount = request.resourceAccount ?? caller.account;
  // Every key written at once, in one order: one object shape for every request.
  return {
    crossAccount: (iam || kind === 'root') && caller.account !== resourceAccount,
    scp:
      policies.scps && scpsApply(caller)
        ? collectLevels('scp', policies.scps, request, options, stats)
        : undefined,
    rcp:
      policies.rcps && rcpsApply(caller, request.action)
        ? collectLevels('rcp', policies.rcps, request, withPrincipal, stats)
        : undefined,
    resource: collectOne('resource', policies.resource, request, withPrincipal, stats),
    identity: iam ? collectOne('identity', policies.identity, request, options, stats) : undefined,
    boundary: iam
      ? collectOne('permissionsBoundary', policies.permissionsBoundary, request, options, stats)
      : undefined,
    session: iam ? collectOne('session', policies.session, request, options, stats) : undefined,
  };
}

// Module-level rather than closures made per request: evaluate runs them for every decision.
function collectLevels(
  side: 'scp' | 'rcp',
  levels: readonly StatementIndex[],
  request: AuthzRequest,
  options: CollectOptions,
  stats: EvaluationStats | undefined,
): SideResult[] {
  const results: SideResult[] = [];
  for (const level of levels) results.push(collectSide(side, level, request, options, stats));
  return results;
}

function collectOne(
  side: PolicySide,
  index: StatementIndex | undefined,
  request: AuthzRequest,
  options: CollectOptions,
  stats: EvaluationStats | undefined,
): SideResult | undefined {
  return index ? collectSide(side, index, request, options, stats) : undefined;
}

type Grant = { reasons: Reason[] } | { missing: PolicySide };

function decideGrant(request: AuthzRequest, policies: PolicySet, sides: Sides): Grant {
  const kind = callerKind(request.caller);
  const resourceAllows = sides.resource?.allows ?? [];

  // Anonymous callers and service principals: only a resource-based policy naming them can allow.
  if (kind === 'anonymous' || kind === 'service') {
    return resourceAllows.length > 0
      ? { reasons: resourceAllows.map((a) => a.reason) }
      : { missing: 'resource' };
  }

  const limits = sessionLimits(request, sides);
  const identity = kind === 'root' ? { ok: true, reasons: [] as Reason[] } : identitySide(sides, limits);

  // Cross-account: the caller's side AND the resource-based policy must allow, whatever it names.
  if (sides.crossAccount) {
    if ('missing' in identity) return { missing: identity.missing };
    if (resourceAllows.length === 0) return { missing: 'resource' };
    return { reasons: [...identity.reasons, ...resourceAllows.map((a) => a.reason)] };
  }

  // Same account. A resource-based allow naming the caller itself (user, session, root, `*`)
  // grants on its own; naming the role it is limited by the boundary and session policies; naming
  // the account only delegates to identity-based policies.
  const direct = allowsNaming(resourceAllows, 'direct');
  if (direct.length > 0) return { reasons: direct };
  const role = allowsNaming(resourceAllows, 'role');
  if (role.length > 0) {
    // The resource-based policy grants the role: only the boundary or a session policy can stop it.
    return 'missing' in limits ? { missing: limits.missing } : { reasons: [...role, ...limits.reasons] };
  }

  // Role trust policies and KMS key policies must allow the principal even within the account.
  if (policies.resource && resourcePolicyRequired(request.action)) {
    const account = allowsNaming(resourceAllows, 'account');
    if (account.length === 0) return { missing: 'resource' };
    if ('missing' in identity) return { missing: identity.missing };
    return { reasons: [...identity.reasons, ...account] };
  }
  if ('missing' in identity) return { missing: identity.missing };
  return { reasons: identity.reasons };
}

/** The resource-based allows whose Principal named the caller in the given way. */
function allowsNaming(allows: readonly MatchedReason[], match: MatchedReason['match']): Reason[] {
  const reasons: Reason[] = [];
  for (const allow of allows) if (allow.match === match) reasons.push(allow.reason);
  return reasons;
}

type SideCheck = { ok: true; reasons: Reason[] } | { missing: PolicySide };

/** The permissions boundary and session policies, which limit everything but a direct grant. */
function sessionLimits(request: AuthzRequest, sides: Sides): SideCheck {
  const reasons: Reason[] = [];
  if (sides.boundary) {
    if (sides.boundary.allows.length === 0) return { missing: 'permissionsBoundary' };
    reasons.push(...sides.boundary.allows.map((a) => a.reason));
  }
  if (sides.session) {
    if (sides.session.allows.length === 0) return { missing: 'session' };
    reasons.push(...sides.session.allows.map((a) => a.reason));
  } else if (request.caller.type === 'FederatedUser') {
    // A GetFederationToken session without a session policy has no permissions of its own:
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
    return { missing: 'session' };
  }
  return { ok: true, reasons };
}

/** Identity side = identity-based allow AND boundary allow (if any) AND session allow (if any). */
function identitySide(sides: Sides, limits: SideCheck): SideCheck {
  const allows = sides.identity?.allows ?? [];
  if (allows.length === 0) return { missing: 'identity' };
  if ('missing' in limits) return limits;
  return { ok: true, reasons: [...allows.map((a) => a.reason), ...limits.reasons] };
}

function implicitDeny(request: AuthzRequest, missing: PolicySide, problems: Reason[]): Decision {
  return {
    verdict: 'ImplicitlyDenied',
    reasons: [],
    missing,
    message: message(request, missing, 'implicit'),
    problems,
  };
}

function message(
  request: AuthzRequest,
  side: PolicySide,
  kind: 'explicit' | 'implicit',
  policyArn?: string,
): string {
  return accessDeniedMessage({
    principal: request.caller.arn,
    action: request.action,
    resource: request.resource,
    side,
    kind,
    trustPolicy: side === 'resource' && isTrustPolicyAction(request.action),
    ...(policyArn === undefined ? {} : { policyArn }),
  });
}
