import type { CallerFacts } from '../types.js';

/** How the caller relates to identity-based policies. */
export type CallerKind = 'iam' | 'root' | 'anonymous' | 'service';

export function callerKind(caller: CallerFacts): CallerKind {
  switch (caller.type) {
    case 'Account':
      return 'root';
    case 'Anonymous':
      return 'anonymous';
    case 'Service':
      return 'service';
    default:
      return 'iam';
  }
}

/**
 * SCPs limit the IAM users, roles and root user of member accounts, but "SCPs don't affect
 * service-linked roles" and never apply to AWS service principals or anonymous callers.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 * (The management account is exempt too; trustlab does not model which account that is.)
 */
export function scpsApply(caller: CallerFacts): boolean {
  const kind = callerKind(caller);
  return (kind === 'iam' || kind === 'root') && caller.account !== undefined && !isServiceLinkedRole(caller);
}

// Services whose resources RCPs govern, as listed at launch:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
const RCP_SERVICES: ReadonlySet<string> = new Set(['s3', 'sts', 'kms', 'sqs', 'secretsmanager']);

/**
 * RCPs apply to requests for resources of the supported services, whoever makes them (other
 * accounts, anonymous callers, service principals), except requests by service-linked roles.
 */
export function rcpsApply(caller: CallerFacts, action: string): boolean {
  const service = action.slice(0, Math.max(0, action.indexOf(':'))).toLowerCase();
  return RCP_SERVICES.has(service) && !isServiceLinkedRole(caller);
}

/** Service-linked roles live under the `/aws-service-role/` path. */
export function isServiceLinkedRole(caller: CallerFacts): boolean {
  return caller.roleArn?.includes(':role/aws-service-role/') === true;
}

/**
 * Role trust policies and KMS key policies must allow the principal themselves, even within one
 * account: an allow in identity-based policies alone is not enough.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 */
export function resourcePolicyRequired(action: string): boolean {
  const lower = action.toLowerCase();
  return lower.startsWith('sts:') || lower.startsWith('kms:');
}
