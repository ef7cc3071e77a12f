// IAM's own MalformedPolicyDocument messages, reproduced exactly. Sources: the messages as IAM returns them,
// quoted in public bug reports (e.g. github.com/hashicorp/terraform/issues/9002 for "Policy statement must
// contain resources.", github.com/Wolox/carthage_cache/issues/22 for the Sid messages). Keep them here only.

export const SYNTAX_ERRORS = 'Syntax errors in policy.';
export const PRINCIPAL_NOT_ALLOWED = 'Policy document should not specify a principal.';
export const MISSING_PRINCIPAL = 'Missing required field Principal';
export const PROHIBITED_RESOURCE = 'Has prohibited field Resource';
export const MISSING_ACTIONS = 'Policy statement must contain actions.';
export const MISSING_RESOURCES = 'Policy statement must contain resources.';
export const SIDS_NOT_UNIQUE = 'Statement IDs (SID) in a single policy must be unique.';
export const SID_NOT_ALPHANUMERIC =
  'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';
export const ACTION_WITHOUT_VENDOR =
  'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
export const ACTION_TWO_COLONS = 'Actions/Condition can contain only one colon.';
export const ACTION_VENDOR_WILDCARD = 'Action vendors (e.g., aws, ec2, etc.) must not contain wildcards';
export const INVALID_PRINCIPAL = 'Invalid principal in policy';

export function resourceNotArn(resource: string): string {
  return `Resource ${resource} must be in ARN format or "*".`;
}

export function iamResourceWithRegion(resource: string): string {
  return `IAM resource ${resource} cannot contain region information.`;
}

export function invalidConditionType(operator: string): string {
  return `Invalid Condition type : ${operator}`;
}

export function invalidPrincipal(type: string, value: string): string {
  return `${INVALID_PRINCIPAL}: "${type}":"${value}"`;
}

export function invalidPartition(partition: string, resource: string): string {
  return `Partition "${partition}" is not valid for resource "${resource}".`;
}
