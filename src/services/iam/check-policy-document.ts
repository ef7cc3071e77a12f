// Policy documents are checked when they are written, as IAM does: a document IAM would reject answers
// MalformedPolicyDocument with IAM's own one-line message, and a trust policy may only name principals
// that exist ("Invalid principal in policy"), because IAM resolves them to unique ids when it stores them:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles
import { parseIamArn } from '../../arn/iam-arn.js';
import { loadCatalogue } from '../../catalogue/load-catalogue.js';
import { parsePolicy } from '../../policy/parse/parse-policy.js';
import type { PolicyDoc } from '../../policy/types.js';
import { invalidPrincipal } from '../../policy/validate/aws-messages.js';
import type { PolicyKind } from '../../policy/validate/policy-kind.js';
import { iamMalformedMessage } from '../../policy/validate/precedence.js';
import { validatePolicy } from '../../policy/validate/validate-policy.js';
import type { StoreReads } from '../../store/store.js';
import { malformedPolicy } from './iam-errors.js';

/** The parsed document, or MalformedPolicyDocument with the message IAM would send. */
export function checkPolicyDocument(text: string, kind: PolicyKind): PolicyDoc {
  const parsed = parsePolicy(text);
  if (!parsed.doc) throw malformedPolicy(iamMalformedMessage(parsed.findings) ?? 'Syntax errors in policy.');
  const message = iamMalformedMessage(validatePolicy(parsed.doc, { kind, catalogue: loadCatalogue() }));
  if (message !== undefined) throw malformedPolicy(message);
  return parsed.doc;
}

/**
 * IAM's policy size: characters other than white space
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length).
 */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}

/**
 * Every AWS principal of a trust policy must exist: an account id or root ARN must be a trustlab account,
 * a user or role ARN must name an existing user or role (path included). `*`, services and federated
 * providers are not checked. The message quotes the principal as written.
 */
export async function checkTrustPrincipals(doc: PolicyDoc, store: StoreReads): Promise<void> {
  for (const statement of doc.statements) {
    for (const entry of statement.principal?.entries ?? []) {
      if (entry.type !== 'AWS') continue;
      const value = entry.value.value;
      if (value === '*' || (await principalExists(value, store))) continue;
      throw malformedPolicy(invalidPrincipal('AWS', value));
    }
  }
}

export async function principalExists(value: string, store: StoreReads): Promise<boolean> {
  if (/^\d{12}$/.test(value)) return (await store.getAccount(value)) !== undefined;
  // A unique id stands for a user or role that existed when the policy was stored.
  if (/^AIDA[A-Z2-7]{17}$/.test(value)) return (await store.getUserById(value)) !== undefined;
  if (/^AROA[A-Z2-7]{17}$/.test(value)) return (await store.getRoleById(value)) !== undefined;
  const arn = parseIamArn(value);
  if (!arn || !(await store.getAccount(arn.account))) return false;
  switch (arn.kind) {
    case 'root':
    case 'assumed-role':
    case 'federated-user':
      return true;
    case 'user': {
      const user = await store.getUser(arn.account, arn.name);
      return user !== undefined && user.path === arn.path;
    }
    case 'role': {
      const role = await store.getRole(arn.account, arn.name);
      return role !== undefined && role.path === arn.path;
    }
    default:
      // Groups, policies and other resources are not principals.
      return false;
  }
}
