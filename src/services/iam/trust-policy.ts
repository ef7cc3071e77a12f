// A role's trust policy (AssumeRolePolicyDocument), checked as IAM checks it when CreateRole or
// UpdateAssumeRolePolicy stores it.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
import type { HandlerContext } from '../handler-context.js';
import { checkPolicyDocument, checkTrustPrincipals, policySize } from './check-policy-document.js';
import { malformedPolicy, quotaExceeded } from './iam-errors.js';

// "Role trust policy length: 2,048 characters" (can be raised to 4,096 on AWS; trustlab keeps the default).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
const TRUST_POLICY_SIZE = 2048;

// The actions a trust policy may allow: the STS operations that act on the role.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

export async function checkTrustPolicy(text: string, ctx: HandlerContext): Promise<void> {
  if (policySize(text) > TRUST_POLICY_SIZE) throw quotaExceeded('ACLSizePerRole', TRUST_POLICY_SIZE);
  const doc = checkPolicyDocument(text, 'trust');
  for (const statement of doc.statements) {
    if (statement.action.not) continue;
    for (const { value } of statement.action.values) {
      const action = value.toLowerCase();
      if (action.includes('*') ? /^(\*|sts:.*)$/.test(action) : TRUST_ACTIONS.has(action)) continue;
      throw malformedPolicy('AssumeRole policy may only specify STS AssumeRole actions.');
    }
  }
  await checkTrustPrincipals(doc, ctx.store);
}
