/**
 * Where a policy is used, which decides the elements it must and must not have:
 * identity-based, resource-based, a role trust policy, a permissions boundary, a session policy,
 * an SCP or an RCP. https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html
 */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp' | 'rcp';

/** Kinds attached to IAM identities or to the whole organization: no Principal element. */
export const PRINCIPAL_FORBIDDEN: readonly PolicyKind[] = ['identity', 'boundary', 'session', 'scp'];
/** Kinds that must name who they apply to. */
export const PRINCIPAL_REQUIRED: readonly PolicyKind[] = ['resource', 'trust', 'rcp'];
/** Kinds whose statements must have Resource or NotResource (a trust policy applies to its role). */
export const RESOURCE_REQUIRED: readonly PolicyKind[] = [
  'identity',
  'resource',
  'boundary',
  'session',
  'scp',
  'rcp',
];
/**
 * Kinds stored by IAM or Organizations, which enforce unique, alphanumeric Sids
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html); resource
 * policies of other services accept more.
 */
export const STRICT_SID: readonly PolicyKind[] = ['identity', 'boundary', 'trust', 'scp', 'rcp'];
