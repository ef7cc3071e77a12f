// AWS's own AccessDenied texts, reproduced exactly. Forms:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
// Policy ARN suffix: https://aws.amazon.com/blogs/security/enhanced-access-denied-error-messages-with-policy-arns/
import type { PolicyRef, PolicySide } from '../types.js';

export interface AccessDeniedInput {
  /** The caller's ARN as AWS prints it. */
  principal: string;
  action: string;
  /** Omitted from the text when empty. */
  resource: string;
  side: PolicySide;
  kind: 'explicit' | 'implicit';
  /** The resource-based policy is a role trust policy (the AssumeRole family). */
  trustPolicy?: boolean;
  /** The denying policy's ARN, appended to explicit denies (same account only). */
  policyArn?: string;
}

/** `User: A is not authorized to perform: X on resource: R because no identity-based policy allows the X action`. */
export function accessDeniedMessage(input: AccessDeniedInput): string {
  const head = `User: ${input.principal} is not authorized to perform: ${input.action}${
    input.resource === '' ? '' : ` on resource: ${input.resource}`
  }`;
  const phrase = policyTypePhrase(input.side, input.trustPolicy === true);
  // "When an SCP denies access, the error message can include the phrase `due to an explicit deny in
  // a Service Control Policy`, even if the denial is implicit" (troubleshoot_access-denied). RCPs
  // always carry RCPFullAWSAccess, so their implicit deny is read the same way.
  const explicit = input.kind === 'explicit' || input.side === 'scp' || input.side === 'rcp';
  if (!explicit) return `${head} because no ${phrase} allows the ${input.action} action`;
  const article = input.trustPolicy === true && input.side === 'resource' ? 'the' : articleFor(phrase);
  const suffix = input.kind === 'explicit' && input.policyArn ? `: ${input.policyArn}` : '';
  return `${head} with an explicit deny in ${article} ${phrase}${suffix}`;
}

/** The policy type as the messages name it. */
export function policyTypePhrase(side: PolicySide, trustPolicy = false): string {
  switch (side) {
    case 'identity':
      return 'identity-based policy';
    case 'resource':
      return trustPolicy ? 'role trust policy' : 'resource-based policy';
    case 'permissionsBoundary':
      return 'permissions boundary';
    case 'session':
      return 'session policy';
    case 'scp':
      return 'service control policy';
    case 'rcp':
      return 'resource control policy';
  }
}

/**
 * The ARN AWS would print for a policy, when its id is one: managed policies
 * (`arn:aws:iam::A:policy/…`, `arn:aws:iam::aws:policy/…`) and organization policies
 * (`arn:aws:organizations::…`). Inline policies have no ARN, so nothing is appended for them.
 */
export function policyArnFromRef(ref: PolicyRef): string | undefined {
  return /^arn:[\w-]+:(iam|organizations)::[^:]*:policy\//.test(ref.id) ? ref.id : undefined;
}

/** Actions whose resource-based policy is the role's trust policy. */
export function isTrustPolicyAction(action: string): boolean {
  const lower = action.toLowerCase();
  return (
    lower === 'sts:assumerole' ||
    lower === 'sts:assumerolewithsaml' ||
    lower === 'sts:assumerolewithwebidentity'
  );
}

function articleFor(phrase: string): string {
  return /^[aeiou]/.test(phrase) ? 'an' : 'a';
}
