import { compilePolicySet } from '../policy/compile/compile-policy-set.js';
import { buildContext } from '../policy/context.js';
import { evaluate } from '../policy/evaluate/evaluate.js';
import { principalContext } from '../policy/evaluate/principal-context.js';
import type { AuthzRequest, ContextValue, Decision } from '../policy/types.js';
import type { Caller } from '../services/handler-context.js';
import type { Store } from '../store/store.js';
import type { AuthzTarget } from './authz-target.js';
import {
  type CallerEntity,
  findCallerEntity,
  gatherIdentityPolicies,
  gatherResourcePolicy,
} from './gather-policies.js';
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
  const entity = await findCallerEntity(store, cache, caller);
  const callerKeys = { ...principalContext(caller.facts), ...callerContext(caller, entity) };
  const identity = await gatherIdentityPolicies(store, cache, caller, entity);
  const done: Authorization[] = [];
  for (const target of targets) {
    const request: AuthzRequest = {
      caller: caller.facts,
      action: target.action,
      resource: target.resource,
      resourceAccount: target.resourceAccount,
      context: buildContext({ ...connection, ...callerKeys, ...target.context }),
    };
    const resource = await gatherResourcePolicy(store, cache, target);
    const decision = evaluate(request, compilePolicySet({ ...identity, ...(resource ? { resource } : {}) }));
    done.push({ target, request, decision });
    if (decision.verdict !== 'Allowed') break;
  }
  return done;
}

/**
 * The caller's keys beyond its ARN: aws:userid, aws:PrincipalTag/… (the user's or role's tags,
 * then the session's tags, which win), and the session facts (MFA, token issue time, source identity).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
function callerContext(caller: Caller, entity: CallerEntity | undefined): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = { 'aws:userid': caller.principalId };
  const { session } = caller;
  for (const tag of [...(entity?.record.tags ?? []), ...(session?.tags ?? [])]) {
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
