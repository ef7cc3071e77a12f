import { compilePolicySet } from '../policy/compile/compile-policy-set.js';
import { buildContext } from '../policy/context.js';
import { evaluate } from '../policy/evaluate/evaluate.js';
import { principalContext } from '../policy/evaluate/principal-context.js';
import type { AuthzRequest, ContextValue, Decision } from '../policy/types.js';
import type { Caller } from '../services/handler-context.js';
import type { Store } from '../store/store.js';
import type { AuthzTarget } from './authz-target.js';
import { gatherPolicies } from './gather-policies.js';
import type { PolicyCache } from './policy-cache.js';

/** One evaluated IAM request of an operation. */
export interface Authorization {
  target: AuthzTarget;
  request: AuthzRequest;
  decision: Decision;
}

/**
 * Decides an operation's IAM requests in order and stops at the first that is not allowed: the
 * operation goes ahead only when every one is. `connection` holds the request's own global keys
 * (aws:SourceIp, aws:CurrentTime, aws:SecureTransport…).
 */
export async function authorize(
  store: Store,
  cache: PolicyCache,
  caller: Caller,
  targets: readonly AuthzTarget[],
  connection: Record<string, ContextValue>,
): Promise<Authorization[]> {
  const callerKeys = { ...principalContext(caller.facts), ...(await callerContext(store, caller)) };
  const done: Authorization[] = [];
  for (const target of targets) {
    const request: AuthzRequest = {
      caller: caller.facts,
      action: target.action,
      resource: target.resource,
      resourceAccount: target.resourceAccount,
      context: buildContext({ ...connection, ...callerKeys, ...target.context }),
    };
    const policies = await gatherPolicies(store, cache, caller, target);
    const decision = evaluate(request, compilePolicySet(policies));
    done.push({ target, request, decision });
    if (decision.verdict !== 'Allowed') break;
  }
  return done;
}

/**
 * The caller's keys that need the store: aws:userid, aws:PrincipalTag/… (the user's or role's tags,
 * then the session's tags, which win), and the session facts (MFA, token issue time, source identity).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
async function callerContext(store: Store, caller: Caller): Promise<Record<string, ContextValue>> {
  const context: Record<string, ContextValue> = { 'aws:userid': caller.principalId };
  const { facts, session } = caller;
  const entity =
    facts.type === 'User' && caller.userName
      ? await store.getUser(caller.account, caller.userName)
      : facts.type === 'AssumedRole' && facts.roleArn
        ? await store.getRole(caller.account, facts.roleArn.slice(facts.roleArn.lastIndexOf('/') + 1))
        : undefined;
  for (const tag of [...(entity?.tags ?? []), ...(session?.tags ?? [])]) {
    context[`aws:PrincipalTag/${tag.key}`] = tag.value;
  }
  if (session) {
    context['aws:MultiFactorAuthPresent'] = String(session.mfaAuthenticated);
    if (session.mfaAuthTime !== undefined) {
      context['aws:MultiFactorAuthAge'] = String(Math.floor((Date.now() - session.mfaAuthTime) / 1000));
    }
    context['aws:TokenIssueTime'] = new Date(session.issuedAt).toISOString();
    if (session.sourceIdentity) context['aws:SourceIdentity'] = session.sourceIdentity;
  }
  return context;
}
